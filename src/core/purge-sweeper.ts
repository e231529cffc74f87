import type { Logger } from '../log.js';
import type { Clock } from '../domain/clock.js';
import type { UserLicenseService } from '../ports/directory.js';
import type { AuditLog } from './audit.js';

export const PURGE_INTERVAL_MS = 60 * 60_000;

/** Who the audit log names for what the bot does on its own. */
export const SYSTEM_ACTOR = { tenantId: 'system', aadObjectId: 'system', name: 'system' };

/**
 * Deleted users past the 30-day restore window are purged for good (their user names become free): at start-up and
 * every hour (the scheduled sweep 'sweep.purge', see sweeps.ts), for every customer, one audit entry per purged user.
 */
export class PurgeSweeper {
  private running: Promise<number> | undefined;

  constructor(
    private readonly service: UserLicenseService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Sweeps every customer once; a sweep already under way is joined rather than doubled. Returns how many were purged. */
  runOnce(): Promise<number> {
    this.running ??= this.sweep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves when no sweep is under way. */
  async idle(): Promise<void> {
    await this.running;
  }

  private async sweep(): Promise<number> {
    let customers;
    try {
      customers = await this.service.listCustomers();
    } catch (error) {
      this.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'purge sweep: could not list customers');
      return 0;
    }
    let purged = 0;
    // One customer failing (throttled, consent withdrawn) must not keep the others' expired users around.
    for (const customer of customers) {
      try {
        const gone = await this.service.purgeExpired(customer.id);
        for (const user of gone) {
          await this.audit.append({
            at: this.clock.now().toISOString(),
            actor: SYSTEM_ACTOR,
            role: 'system',
            customerId: customer.id,
            customerName: customer.name,
            action: 'user.purge',
            target: user.upn,
            outcome: 'success',
            details: { userId: user.id, displayName: user.displayName, deletedAt: user.deletedAt, deletedBy: user.deletedBy.name, licenses: user.licenses },
          });
        }
        if (gone.length > 0) this.log.info({ customerId: customer.id, purged: gone.length }, 'purged deleted users past the restore window');
        purged += gone.length;
      } catch (error) {
        this.log.warn({ customerId: customer.id, err: error instanceof Error ? error.message : String(error) }, 'purge sweep failed for a customer');
      }
    }
    return purged;
  }
}

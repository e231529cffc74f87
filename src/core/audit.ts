import { isServiceError, ServiceError } from '../domain/errors.js';
import type { Clock } from '../domain/clock.js';
import type { AuditQuery, AuditStore } from '../ports/state/audit.js';
import { auditEntrySchema, type AuditEntry } from '../ports/state/records.js';

export type { AuditEntry } from '../ports/state/records.js';
export type { AuditQuery } from '../ports/state/audit.js';

/** Refusals of one caller for one command within one clock minute (see AuditLog.append). */
interface RefusalBucket {
  minute: string;
  first: AuditEntry;
  last: AuditEntry;
  count: number;
}

export const AUDIT_FULL_MESSAGE = "The bot's data disk is full; the audit trail could not record this. Check the result before trying again.";

const minuteOf = (at: string): string => at.slice(0, 16);
const refusalKey = (e: AuditEntry): string => `${e.actor.tenantId.toLowerCase()}/${e.actor.aadObjectId.toLowerCase()}/${e.action}`;

/**
 * The audit trail's policy over its store (AuditStore: append-only, nothing rewrites it).
 * Refusals are aggregated so a caller hammering a command cannot grow it without limit: the first refusal per
 * caller, command and minute is written at once, the rest only counted; when the minute is over one more entry
 * says how many there were in all (details.count).
 */
export class AuditLog {
  private readonly refusals = new Map<string, RefusalBucket>();

  constructor(
    private readonly store: AuditStore,
    private readonly clock: Clock,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    const parsed = auditEntrySchema.parse(entry);
    if (parsed.outcome === 'denied') {
      const key = refusalKey(parsed);
      const bucket = this.refusals.get(key);
      if (bucket && bucket.minute === minuteOf(parsed.at)) {
        bucket.count++;
        bucket.last = parsed;
        return;
      }
      // Registered before the write, so refusals arriving meanwhile are counted, not written.
      this.refusals.set(key, { minute: minuteOf(parsed.at), first: parsed, last: parsed, count: 1 });
      if (bucket) await this.writeSummary(bucket);
    }
    await this.flushDue();
    await this.write(parsed);
  }

  /**
   * Several entries of one piece of work (an import batch and each user it created) in one durable write, so the
   * trail names every user without a write per user. Not for refusals (those are aggregated by append).
   */
  async appendAll(entries: readonly AuditEntry[]): Promise<void> {
    const parsed = entries.map((e) => auditEntrySchema.parse(e));
    if (parsed.length === 0) return;
    await this.flushDue();
    try {
      await this.store.append(parsed);
    } catch (error) {
      if (isServiceError(error) && error.code === 'STORAGE_FULL') throw new ServiceError('STORAGE_FULL', AUDIT_FULL_MESSAGE, error.details);
      throw error;
    }
  }

  /** Writes the count of every finished minute of refusals (called by a timer, and before reading the trail). */
  async flushDue(now: Date = this.clock.now()): Promise<void> {
    const minute = minuteOf(now.toISOString());
    for (const [key, bucket] of this.refusals) {
      if (bucket.minute >= minute) continue;
      this.refusals.delete(key);
      await this.writeSummary(bucket);
    }
  }

  /** On shutdown: every count, finished minute or not. */
  async close(): Promise<void> {
    const buckets = [...this.refusals.values()];
    this.refusals.clear();
    for (const bucket of buckets) await this.writeSummary(bucket);
  }

  private async writeSummary(bucket: RefusalBucket): Promise<void> {
    if (bucket.count < 2) return;
    await this.write({ ...bucket.last, details: { ...bucket.first.details, count: bucket.count, firstAt: bucket.first.at } });
  }

  private async write(entry: AuditEntry): Promise<void> {
    try {
      await this.store.append([entry]);
    } catch (error) {
      // Most entries follow a change that is already stored: "nothing was changed" would not be true here.
      if (isServiceError(error) && error.code === 'STORAGE_FULL') throw new ServiceError('STORAGE_FULL', AUDIT_FULL_MESSAGE, error.details);
      throw error;
    }
  }

  /** Newest first. */
  query(q: AuditQuery): Promise<AuditEntry[]> {
    return this.store.query(q);
  }

  /** Every entry, oldest first. */
  all(): Promise<AuditEntry[]> {
    return this.store.export({});
  }
}

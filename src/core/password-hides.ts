import type { AdaptiveCard } from '../cards/card-template.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../log.js';
import type { AppState, PasswordHide } from './app-state.js';
import type { ConversationAddress, Outbox } from '../ports/messaging.js';

/**
 * Messages that show temporary passwords are replaced by a "password hidden" card after PASSWORD_VISIBLE_MINUTES
 * (or when the Hide button is pressed). The schedule is stored, so hides still happen after a restart.
 */
export class PasswordHides {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<unknown> = Promise.resolve();
  private busy = false;

  constructor(
    private readonly state: AppState,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly visibleMinutes: number,
    private readonly log: Logger,
  ) {}

  async schedule(address: ConversationAddress, activityId: string, hiddenCard: AdaptiveCard): Promise<void> {
    const hideAt = new Date(this.clock.now().getTime() + this.visibleMinutes * 60_000).toISOString();
    this.state.data.passwordHides.push({ address, activityId, hideAt, hiddenCard });
    await this.state.persist();
  }

  /** Forgets the scheduled hide of a message that was hidden by its button; returns its hidden card. */
  async cancel(activityId: string): Promise<AdaptiveCard | undefined> {
    const found = this.state.data.passwordHides.find((h) => h.activityId === activityId);
    if (!found) return undefined;
    this.state.data.passwordHides = this.state.data.passwordHides.filter((h) => h !== found);
    await this.state.persist();
    return found.hiddenCard as AdaptiveCard;
  }

  /** Hides every message whose time has come; a message that cannot be updated is retried on the next run. */
  async runDue(): Promise<number> {
    const now = this.clock.now().getTime();
    const due = this.state.data.passwordHides.filter((h) => Date.parse(h.hideAt) <= now);
    const done: PasswordHide[] = [];
    for (const hide of due) {
      try {
        await this.outbox.update(hide.address, hide.activityId, hide.hiddenCard as AdaptiveCard);
        done.push(hide);
      } catch (error) {
        this.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not hide a password message yet');
      }
    }
    if (done.length > 0) {
      this.state.data.passwordHides = this.state.data.passwordHides.filter((h) => !done.includes(h));
      await this.state.persist();
    }
    return done.length;
  }

  /** Runs overdue hides now (start-up) and then checks every intervalMs. */
  start(intervalMs = 15_000): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  /** Stops checking and waits for a run in progress, so nothing is written after shutdown. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.inFlight;
  }

  // One background run at a time: a slow connector must not make two runs update the same message.
  private tick(): void {
    if (this.busy) return;
    this.busy = true;
    this.inFlight = this.runDue()
      .catch((error: unknown) => this.log.error({ err: error instanceof Error ? error.message : String(error) }, 'password hide run failed'))
      .finally(() => {
        this.busy = false;
      });
  }
}

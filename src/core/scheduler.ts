import type { Clock } from '../domain/clock.js';
import type { Logger } from '../log.js';
import type { ScheduledItem } from '../ports/state/records.js';
import type { ScheduleStore } from '../ports/state/schedule.js';

/** Runs one claimed item; throwing means "not done", and the item is due again on the next run. */
export type ScheduledJob = (item: ScheduledItem) => Promise<void>;

/** How long a claimed item is left to the instance that claimed it before another may take it over. */
const LEASE_MS = 5 * 60_000;
const CLAIM_LIMIT = 100;

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Work due at a time (password hides, the purge and approval-expiry sweeps): every intervalMs this instance claims
 * what is due from the state store and runs it; a lease keeps other instances off an item meanwhile, so each item
 * runs once wherever it is claimed. One run at a time per process.
 */
export class Scheduler {
  private readonly jobs = new Map<string, ScheduledJob>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<unknown> = Promise.resolve();
  private busy = false;

  constructor(
    private readonly store: ScheduleStore,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  register(kind: string, job: ScheduledJob): void {
    this.jobs.set(kind, job);
  }

  /** Claims the due items of `kinds` (default: every registered kind), runs them, and returns how many were done. */
  async runDue(kinds: readonly string[] = [...this.jobs.keys()]): Promise<number> {
    return this.runClaimed(await this.claim(kinds));
  }

  /**
   * Runs what is due now, then every intervalMs (due items run within about that long). Resolves once the first
   * claim is made and its jobs have started, so what start-up runs (a sweep, overdue hides) is already under way.
   */
  async start(intervalMs = 15_000): Promise<void> {
    this.busy = true;
    try {
      const claimed = await this.claim([...this.jobs.keys()]);
      this.track(this.runClaimed(claimed));
    } catch (error) {
      this.busy = false;
      this.log.error({ err: errorText(error) }, 'scheduled work could not be claimed');
    }
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  /** Stops claiming and waits for a run in progress, so nothing is written after shutdown. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.inFlight;
  }

  private claim(kinds: readonly string[]): Promise<ScheduledItem[]> {
    const now = this.clock.now();
    return this.store.claimDue(now, new Date(now.getTime() + LEASE_MS), CLAIM_LIMIT, kinds);
  }

  /** Items of one claim run side by side (a slow sweep does not hold up a password hide). */
  private async runClaimed(items: readonly ScheduledItem[]): Promise<number> {
    const done = await Promise.all(items.map((item) => this.runOne(item)));
    return done.filter(Boolean).length;
  }

  private async runOne(item: ScheduledItem): Promise<boolean> {
    const job = this.jobs.get(item.kind);
    try {
      if (!job) throw new Error(`no job for scheduled work of kind ${item.kind}`);
      await job(item);
    } catch (error) {
      this.log.warn({ kind: item.kind, err: errorText(error) }, 'scheduled work not done yet; it is retried on the next run');
      await this.store.retryAt(item.id, this.clock.now()).catch((e: unknown) => this.log.error({ err: errorText(e) }, 'could not reschedule work'));
      return false;
    }
    await this.store.complete(item.id);
    return true;
  }

  private tick(): void {
    if (this.busy) return;
    this.busy = true;
    this.track(this.runDue());
  }

  private track(run: Promise<unknown>): void {
    this.inFlight = run
      .catch((error: unknown) => this.log.error({ err: errorText(error) }, 'scheduled run failed'))
      .finally(() => {
        this.busy = false;
      });
  }
}

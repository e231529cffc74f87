import type { Clock } from '../domain/clock.js';
import type { ScheduleStore } from '../ports/state/schedule.js';
import type { Scheduler } from './scheduler.js';

export const SWEEP_PURGE = 'sweep.purge';
export const SWEEP_APPROVALS = 'sweep.approvals';

/**
 * A periodic sweep as scheduled work with a fixed key: whichever instance claims it runs it and schedules the next
 * run (schedule() replaces the item), so with several instances exactly one runs each sweep. Scheduling it due now
 * keeps the sweep at every start-up.
 */
export async function scheduleSweep(store: ScheduleStore, scheduler: Scheduler, clock: Clock, kind: string, intervalMs: number, sweep: () => Promise<unknown>): Promise<void> {
  const next = (from: Date) => ({ kind, key: kind, dueAt: new Date(from.getTime() + intervalMs).toISOString(), payload: {} });
  scheduler.register(kind, async () => {
    await sweep();
    await store.schedule(next(clock.now()));
  });
  await store.schedule(next(new Date(clock.now().getTime() - intervalMs)));
}

import type { StateStore } from '../../../src/ports/state/index.js';

/**
 * How every state contract reaches a backend: open() opens the store on the current test's data; the runner gives each
 * test fresh, empty data, so a second open() after close() in one test sees what the first stored (reopen).
 */
export type OpenState = () => Promise<StateStore>;

/** Runs body with an opened store and closes it afterwards. */
export async function withState<T>(open: OpenState, body: (state: StateStore) => Promise<T>): Promise<T> {
  const state = await open();
  try {
    return await body(state);
  } finally {
    await state.close();
  }
}

export const T0 = new Date('2026-11-20T09:00:00Z');
export const at = (ms: number): Date => new Date(T0.getTime() + ms);
export const MINUTE = 60_000;

import type { StateStore } from '../../../src/ports/state/index.js';

/** What a contract suite opens: the ports it tests (a whole StateStore fits), closed after each test. */
export type Opened<K extends keyof StateStore> = Pick<StateStore, K> & { close(): Promise<void> };

/**
 * Opens stores for one test and closes them after it. The runner gives `open` a fresh, empty state per test; a
 * second open() within a test opens the same state again (a restart, or another instance).
 */
export function opener<K extends keyof StateStore>(open: () => Promise<Opened<K>>): { open: () => Promise<Opened<K>> } {
  let opened: Opened<K>[] = [];
  afterEach(async () => {
    for (const store of opened) await store.close();
    opened = [];
  });
  return {
    open: async () => {
      const store = await open();
      // Closed once, whether the test closed it (a restart) or not.
      const close = store.close.bind(store);
      let closing: Promise<void> | undefined;
      store.close = () => (closing ??= close());
      opened.push(store);
      return store;
    },
  };
}

export const at = (iso: string): Date => new Date(iso);

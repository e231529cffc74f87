/** What became of one item: done, failed, or never started because an earlier item failed. */
export type Settled<R> = { status: 'done'; value: R } | { status: 'failed'; error: unknown } | { status: 'not-started' };

/**
 * Runs fn over items with at most `limit` in flight. After the first failure no further item is started (work sent
 * after it would be done while the caller is told the whole failed); the items in flight are awaited, so the caller
 * learns what happened to each one. Results in item order.
 */
export async function settleWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<Settled<R>[]> {
  const settled: Settled<R>[] = items.map(() => ({ status: 'not-started' }));
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        settled[index] = { status: 'done', value: await fn(items[index] as T, index) };
      } catch (error) {
        settled[index] = { status: 'failed', error };
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return settled;
}

/** Like settleWithConcurrency, for reads: throws the first failure once the items in flight have settled. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const settled = await settleWithConcurrency(items, limit, fn);
  const failure = settled.find((s) => s.status === 'failed');
  if (failure) throw failure.error;
  return settled.map((s) => (s as { value: R }).value);
}

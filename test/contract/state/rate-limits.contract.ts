import assert from 'node:assert/strict';
import { opener, type Opened } from './opened.js';

const MINUTE = 60_000;

/** RateLimitStore: a sliding window per key, exact at its edges, atomic under concurrent takes. */
export function rateLimitsContract(openState: () => Promise<Opened<'rateLimits'>>): void {
  describe('RateLimitStore contract', () => {
    const { open } = opener(openState);
    const start = Date.parse('2026-11-20T09:00:00.000Z');
    const after = (ms: number) => new Date(start + ms);

    it('allows `limit` attempts in any window, exactly at the edges; refusals are not counted', async () => {
      const { rateLimits } = await open();
      const take = (key: string, ms: number) => rateLimits.take(key, 3, MINUTE, after(ms));
      assert.equal(await take('a', 0), null);
      assert.equal(await take('a', 10_000), null);
      assert.equal(await take('a', 10_000), null);
      assert.equal(await take('b', 10_000), null, 'keys are independent');
      assert.deepEqual(await take('a', 10_000), { retryAt: after(MINUTE), limit: 3, windowMs: MINUTE });
      assert.ok(await take('a', MINUTE - 1), 'still inside the window of the first attempt');
      assert.equal(await take('a', MINUTE), null, 'the first attempt left the window');
      assert.equal((await take('a', MINUTE))?.retryAt.getTime(), after(10_000 + MINUTE).getTime());
      assert.equal(await take('a', 10_000 + MINUTE), null, 'the two attempts at 10 s left together');
      assert.equal(await take('a', 10_000 + MINUTE), null);
      assert.ok(await take('a', 10_000 + MINUTE));
    });

    it('a limit of 0 is off', async () => {
      const { rateLimits } = await open();
      for (let i = 0; i < 50; i++) assert.equal(await rateLimits.take('a', 0, MINUTE, after(0)), null);
    });

    it('lets exactly `limit` of 20 concurrent attempts through', async () => {
      const { rateLimits } = await open();
      const results = await Promise.all(Array.from({ length: 20 }, () => rateLimits.take('burst', 5, MINUTE, after(0))));
      assert.equal(results.filter((r) => r === null).length, 5);
      assert.equal(results.filter((r) => r?.retryAt.getTime() === after(MINUTE).getTime()).length, 15);
    });
  });
}

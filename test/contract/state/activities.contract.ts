import assert from 'node:assert/strict';
import { opener, type Opened } from './opened.js';

const TTL = 10 * 60_000;

/** ActivityStore: each activity id is first seen once within the ttl, whoever asks. */
export function activitiesContract(openState: () => Promise<Opened<'activities'>>): void {
  describe('ActivityStore contract', () => {
    const { open } = opener(openState);
    const start = Date.parse('2026-11-20T09:00:00.000Z');
    const after = (ms: number) => new Date(start + ms);

    it('says true the first time an id is seen, false for repeats within the ttl', async () => {
      const { activities } = await open();
      assert.equal(await activities.firstSeen('activity-1', after(0), TTL), true);
      assert.equal(await activities.firstSeen('activity-1', after(1000), TTL), false);
      assert.equal(await activities.firstSeen('activity-2', after(1000), TTL), true, 'ids are independent');
      assert.equal(await activities.firstSeen('activity-1', after(TTL - 1), TTL), false);
      assert.equal(await activities.firstSeen('activity-1', after(TTL), TTL), true, 'a ttl later it counts as new');
      assert.equal(await activities.firstSeen('activity-1', after(TTL + 1), TTL), false);
    });

    it('says true exactly once to 20 concurrent calls', async () => {
      const { activities } = await open();
      const results = await Promise.all(Array.from({ length: 20 }, () => activities.firstSeen('activity-burst', after(0), TTL)));
      assert.equal(results.filter(Boolean).length, 1);
    });
  });
}

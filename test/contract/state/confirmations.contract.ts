import assert from 'node:assert/strict';
import type { Confirmation } from '../../../src/ports/state/records.js';
import { MINUTE, T0, at, withState, type OpenState } from './kit.js';

const ann = { tenantId: 't1', aadObjectId: 'a1' };
const confirmation = (id: string, over: Partial<Confirmation> = {}): Confirmation => ({
  id,
  kind: 'user.delete.confirm',
  operator: ann,
  customerId: 'c1',
  target: 'u1',
  payload: { userIds: ['u1'] },
  createdAt: T0.toISOString(),
  expiresAt: at(15 * MINUTE).toISOString(),
  ...over,
});

export function confirmationsContract(open: OpenState): void {
  describe('ConfirmationStore', () => {
    it('stores a confirmation exactly and consumes it once', () =>
      withState(open, async ({ confirmations }) => {
        await confirmations.add(confirmation('k1'));
        assert.deepEqual(await confirmations.get('k1'), confirmation('k1'));
        const first = await confirmations.consume('k1', { tenantId: 'T1', aadObjectId: 'A1' }, 'user.delete.confirm', at(MINUTE));
        assert.ok(first.ok);
        assert.equal(first.confirmation.usedAt, at(MINUTE).toISOString());
        const second = await confirmations.consume('k1', ann, 'user.delete.confirm', at(MINUTE));
        assert.deepEqual(second.ok ? 'ok' : second.why, 'used');
        assert.equal((await confirmations.get('k1'))?.usedAt, at(MINUTE).toISOString());
      }));

    it('says why it refuses: missing, another kind, another operator, expired (leaving it unused)', () =>
      withState(open, async ({ confirmations }) => {
        await confirmations.add(confirmation('k1'));
        const why = async (id: string, by: typeof ann, kind: string, now: Date) => {
          const result = await confirmations.consume(id, by, kind, now);
          return result.ok ? 'ok' : result.why;
        };
        assert.equal(await why('nope', ann, 'user.delete.confirm', T0), 'missing');
        assert.equal(await why('k1', ann, 'licenses.change.confirm', T0), 'kind');
        assert.equal(await why('k1', { tenantId: 't2', aadObjectId: 'a1' }, 'user.delete.confirm', T0), 'foreign');
        assert.equal(await why('k1', ann, 'user.delete.confirm', at(15 * MINUTE + 1)), 'expired');
        assert.equal((await confirmations.get('k1'))?.usedAt, undefined);
        assert.equal(await why('k1', ann, 'user.delete.confirm', at(15 * MINUTE)), 'ok', 'usable until the moment it expires');
      }));

    it('of 20 concurrent consumes of one id exactly one succeeds', () =>
      withState(open, async ({ confirmations }) => {
        await confirmations.add(confirmation('k1'));
        const results = await Promise.all(Array.from({ length: 20 }, () => confirmations.consume('k1', ann, 'user.delete.confirm', at(MINUTE))));
        assert.equal(results.filter((r) => r.ok).length, 1);
        assert.ok(results.every((r) => r.ok || r.why === 'used'));
      }));

    it('prunes confirmations that expired before a time', () =>
      withState(open, async ({ confirmations }) => {
        await confirmations.add(confirmation('old'));
        await confirmations.add(confirmation('new', { expiresAt: at(60 * MINUTE).toISOString() }));
        await confirmations.prune(at(30 * MINUTE));
        assert.equal(await confirmations.get('old'), undefined);
        assert.ok(await confirmations.get('new'));
      }));

    it('keeps confirmations and their use across a reopen', async () => {
      await withState(open, async ({ confirmations }) => {
        await confirmations.add(confirmation('k1'));
        await confirmations.add(confirmation('k2'));
        await confirmations.consume('k1', ann, 'user.delete.confirm', T0);
      });
      await withState(open, async ({ confirmations }) => {
        const again = await confirmations.consume('k1', ann, 'user.delete.confirm', T0);
        assert.equal(again.ok ? 'ok' : again.why, 'used');
        assert.deepEqual(await confirmations.get('k2'), confirmation('k2'));
      });
    });
  });
}

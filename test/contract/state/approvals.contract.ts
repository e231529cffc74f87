import assert from 'node:assert/strict';
import type { Approval } from '../../../src/ports/state/records.js';
import { MINUTE, T0, at, withState, type OpenState } from './kit.js';

const HOUR = 60 * MINUTE;
const henry = { tenantId: 't1', aadObjectId: 'henry', name: 'Henry' };
const uma = { tenantId: 't1', aadObjectId: 'uma', name: 'Uma' };
const approval = (id: string, over: Partial<Approval> = {}): Approval => ({
  id,
  kind: 'user.delete',
  permission: 'user.delete',
  customerId: 'c1',
  customerName: 'Contoso',
  payload: { userIds: ['u1'] },
  why: 'role',
  privileged: false,
  summary: { title: 'Delete Adele', message: 'Deletes one user.', facts: [{ title: 'User', value: 'adele@contoso.example' }] },
  target: 'adele@contoso.example',
  requester: henry,
  createdAt: T0.toISOString(),
  expiresAt: at(2 * HOUR).toISOString(),
  state: 'pending',
  sentTo: '',
  posted: [],
  ...over,
});
const posted = (activityId: string) => ({ address: { conversation: { id: 'ch' } }, activityId, audience: 'channel' as const });

export function approvalsContract(open: OpenState): void {
  describe('ApprovalStore', () => {
    it('stores a request exactly and lists newest first, by state, bounded', () =>
      withState(open, async ({ approvals }) => {
        await approvals.add(approval('a1'));
        await approvals.add(approval('a2', { createdAt: at(MINUTE).toISOString() }));
        await approvals.add(approval('a3', { createdAt: at(2 * MINUTE).toISOString(), state: 'rejected' }));
        assert.deepEqual(await approvals.get('a1'), approval('a1'));
        assert.deepEqual((await approvals.list({ limit: 10 })).map((a) => a.id), ['a3', 'a2', 'a1']);
        assert.deepEqual((await approvals.list({ state: 'pending', limit: 1 })).map((a) => a.id), ['a2']);
      }));

    it('transitions only from the expected state', () =>
      withState(open, async ({ approvals }) => {
        await approvals.add(approval('a1'));
        const decided = await approvals.transition('a1', 'pending', { state: 'approved', decidedBy: uma, decidedAt: at(MINUTE).toISOString(), outcome: { status: 'running' } });
        assert.equal(decided?.state, 'approved');
        assert.deepEqual(decided?.decidedBy, uma);
        assert.equal(await approvals.transition('a1', 'pending', { state: 'rejected' }), undefined);
        assert.equal(await approvals.transition('nope', 'pending', { state: 'rejected' }), undefined);
        await approvals.setOutcome('a1', { status: 'done', requesterNotified: true });
        assert.deepEqual((await approvals.get('a1'))?.outcome, { status: 'done', requesterNotified: true });
      }));

    it('of 20 concurrent decisions on a pending request exactly one wins', () =>
      withState(open, async ({ approvals }) => {
        await approvals.add(approval('a1'));
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => approvals.transition('a1', 'pending', { state: i % 2 ? 'approved' : 'rejected', decidedBy: { ...uma, name: `Approver ${i}` }, decidedAt: at(MINUTE).toISOString() })),
        );
        const winners = results.filter((r) => r !== undefined);
        assert.equal(winners.length, 1);
        const stored = await approvals.get('a1');
        assert.equal(stored?.state, winners[0]?.state);
        assert.equal(stored?.decidedBy?.name, winners[0]?.decidedBy?.name);
      }));

    it('records posted copies once per activity, and who it was sent to', () =>
      withState(open, async ({ approvals }) => {
        await approvals.add(approval('a1'));
        await Promise.all([approvals.addPosted('a1', posted('m1')), approvals.addPosted('a1', posted('m1')), approvals.addPosted('a1', posted('m2'))]);
        await approvals.setSentTo('a1', 'the approvals channel');
        const stored = await approvals.get('a1');
        assert.deepEqual(stored?.posted.map((p) => p.activityId).sort(), ['m1', 'm2']);
        assert.equal(stored?.sentTo, 'the approvals channel');
      }));

    it('expires overdue pending requests once, and prunes old decided ones', () =>
      withState(open, async ({ approvals }) => {
        await approvals.add(approval('due'));
        await approvals.add(approval('later', { expiresAt: at(4 * HOUR).toISOString() }));
        await approvals.add(approval('done', { state: 'rejected' }));
        assert.deepEqual(await approvals.expireDue(at(2 * HOUR)), [], 'not before its expiry has passed');
        const expired = await approvals.expireDue(at(2 * HOUR + 1));
        assert.deepEqual(expired.map((a) => [a.id, a.state, a.decidedAt]), [['due', 'expired', at(2 * HOUR).toISOString()]]);
        assert.deepEqual(await approvals.expireDue(at(3 * HOUR)), []);
        await approvals.prune(at(3 * HOUR));
        assert.deepEqual((await approvals.list({ limit: 10 })).map((a) => a.id), ['later'], 'pending ones are kept');
      }));

    it('keeps requests and their changes across a reopen', async () => {
      await withState(open, async ({ approvals }) => {
        await approvals.add(approval('a1'));
        await approvals.addPosted('a1', posted('m1'));
        await approvals.transition('a1', 'pending', { state: 'cancelled', decidedBy: henry, decidedAt: T0.toISOString() });
      });
      await withState(open, async ({ approvals }) => {
        const stored = await approvals.get('a1');
        assert.equal(stored?.state, 'cancelled');
        assert.deepEqual(stored?.posted, [posted('m1')]);
      });
    });
  });
}

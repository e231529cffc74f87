import assert from 'node:assert/strict';
import type { ApprovalChannel } from '../../../src/ports/state/records.js';
import { T0, withState, type OpenState } from './kit.js';

const ann = { tenantId: 't1', aadObjectId: 'a1' };
const address = (id: string) => ({ conversation: { id }, serviceUrl: 'https://smba.example/' });
const channel = (conversationId: string, customerId: string | null): ApprovalChannel => ({ customerId, conversationId, address: address(conversationId), setBy: 'owner', setAt: T0.toISOString() });

export function conversationsContract(open: OpenState): void {
  describe('ConversationStore', () => {
    it('remembers the chosen customer per conversation', () =>
      withState(open, async ({ conversations }) => {
        assert.equal(await conversations.chosenCustomer('conv-1'), undefined);
        await conversations.chooseCustomer('conv-1', 'c1');
        await conversations.chooseCustomer('conv-1', 'c2');
        await conversations.chooseCustomer('conv-2', 'c1');
        assert.equal(await conversations.chosenCustomer('conv-1'), 'c2');
        assert.equal(await conversations.chosenCustomer('conv-2'), 'c1');
      }));

    it('keeps one personal chat per operator, lists and forgets them', () =>
      withState(open, async ({ conversations }) => {
        await conversations.savePersonalChat(ann, address('p1'));
        await conversations.savePersonalChat(ann, address('p2'));
        assert.deepEqual(await conversations.personalChat({ tenantId: 'T1', aadObjectId: 'A1' }), address('p2'));
        const all = await conversations.personalChats();
        assert.equal(all.length, 1);
        assert.equal(all[0]?.who.aadObjectId.toLowerCase(), 'a1');
        await conversations.forgetPersonalChat(ann);
        assert.equal(await conversations.personalChat(ann), undefined);
      }));

    it('binds one approvals channel per customer (null: all), and unbinds one or every binding of a conversation', () =>
      withState(open, async ({ conversations }) => {
        await conversations.setApprovalChannel(channel('ch-1', null));
        await conversations.setApprovalChannel(channel('ch-1', 'c1'));
        await conversations.setApprovalChannel(channel('ch-2', 'c1'));
        const bound = await conversations.approvalChannels();
        assert.deepEqual(bound.map((c) => [c.conversationId, c.customerId]).sort(), [['ch-1', null], ['ch-2', 'c1']]);
        assert.deepEqual(await conversations.removeApprovalChannel('ch-2', null), []);
        assert.equal((await conversations.removeApprovalChannel('ch-2', 'c1')).length, 1);
        await conversations.setApprovalChannel(channel('ch-1', 'c2'));
        assert.equal((await conversations.removeApprovalChannel('ch-1')).length, 2);
        assert.deepEqual(await conversations.approvalChannels(), []);
      }));

    it('keeps everything across a reopen', async () => {
      await withState(open, async ({ conversations }) => {
        await conversations.chooseCustomer('conv-1', 'c1');
        await conversations.savePersonalChat(ann, address('p1'));
        await conversations.setApprovalChannel(channel('ch-1', null));
      });
      await withState(open, async ({ conversations }) => {
        assert.equal(await conversations.chosenCustomer('conv-1'), 'c1');
        assert.deepEqual(await conversations.personalChat(ann), address('p1'));
        assert.deepEqual(await conversations.approvalChannels(), [channel('ch-1', null)]);
      });
    });
  });
}

import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { notice } from '../../../cards/messages.js';

export default defineCommand({
  name: 'approvals off',
  permission: 'approvals.manage',
  customerScoped: false,
  category: 'Approvals',
  summary: 'Stop posting approval requests in this channel (they go to approvers personally again).',
  usage: 'approvals off',
  schema: z.string().max(0, 'Type `approvals off` on its own, in the channel to stop.'),
  async handle(ctx) {
    const id = ctx.conversation.id.split(';messageid=')[0] ?? ctx.conversation.id;
    const before = ctx.app.state.data.approvalChannels.length;
    ctx.app.state.data.approvalChannels = ctx.app.state.data.approvalChannels.filter((c) => c.conversationId !== id);
    const removed = before - ctx.app.state.data.approvalChannels.length;
    if (removed === 0) return notice('Nothing to change', 'This conversation is not an approvals channel.');
    await ctx.app.state.persist();
    await ctx.audit({ action: 'approvals.channel.off', target: id, outcome: 'success' });
    return notice('Approvals channel removed', 'New approval requests go to the personal chats of the operators who may approve them.');
  },
});

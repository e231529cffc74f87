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
    const removed = await ctx.app.state.conversations.removeApprovalChannel(id);
    if (removed.length === 0) return notice('Nothing to change', 'This conversation is not an approvals channel.');
    await ctx.audit({ action: 'approvals.channel.off', target: id, outcome: 'success' });
    return notice('Approvals channel removed', 'New approval requests go to the personal chats of the operators who may approve them.');
  },
});

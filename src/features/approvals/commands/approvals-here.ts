import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { notice } from '../../../cards/messages.js';
import { ServiceError } from '../../../domain/errors.js';
import { visibleCustomers } from '../../shared/visible-customers.js';
import { resolveCustomer } from '../../shared/resolve.js';

/** Teams gives a channel message's conversation id a ";messageid=" suffix (the thread); requests go to the channel. */
const channelOnly = (address: Record<string, unknown>): Record<string, unknown> => {
  const conversation = { ...(address.conversation as Record<string, unknown> | undefined) };
  if (typeof conversation.id === 'string') conversation.id = conversation.id.split(';messageid=')[0];
  return { ...address, conversation };
};

export default defineCommand({
  name: 'approvals here',
  permission: 'approvals.manage',
  customerScoped: false,
  category: 'Approvals',
  summary: 'Post approval requests in this channel, for one customer or for all without a channel of their own.',
  usage: 'approvals here [for <customer>]',
  examples: ['approvals here', 'approvals here for contoso'],
  schema: z
    .string()
    .regex(/^(for\s+\S.*)?$/i, 'Type `approvals here` or `approvals here for <customer>`.')
    .transform((t) => t.replace(/^for\s+/i, '').trim() || undefined),
  async handle(ctx, customerText) {
    if (ctx.conversation.kind !== 'channel') throw new ServiceError('INVALID_INPUT', 'Type this in the Teams channel where approvers should see requests (mention the bot there).');
    const customer = customerText ? resolveCustomer(await visibleCustomers(ctx), customerText) : undefined;
    const customerId = customer?.id ?? null;
    const address = channelOnly(ctx.messenger.address());
    const conversationId = String((address.conversation as { id?: unknown }).id ?? ctx.conversation.id);
    await ctx.app.state.conversations.setApprovalChannel({ customerId, conversationId, address, setBy: ctx.caller.aadObjectId, setAt: ctx.app.clock.now().toISOString() });
    const scope = customer ? customer.name : 'every customer without a channel of its own';
    await ctx.audit({ action: 'approvals.channel', target: conversationId, outcome: 'success', details: { scope } });
    return notice('Approvals channel set', `Approval requests for ${scope} will be posted here. Anyone here who may perform the action can approve it.`, { color: 'Good' });
  },
});

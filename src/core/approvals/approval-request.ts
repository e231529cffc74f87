import type { AdaptiveCard } from '../../cards/card-template.js';
import type { Approval } from '../../ports/state/records.js';
import type { HandlerContext } from '../handler-context.js';
import type { ChangeDefinition } from '../change.js';
import { deliverApproval } from './approval-delivery.js';
import { approvalReply } from './approval-view.js';

export interface ApprovalNeed {
  why: Approval['why'];
  privileged: boolean;
  targetIds: string[];
}

/** UPNs for a few users, a count for many; the operation's title when it names no existing user (create, import). */
async function targetText(ctx: HandlerContext, customerId: string, ids: string[], title: string): Promise<string> {
  if (ids.length === 0) return title;
  if (ids.length > 5) return `${ids.length} users`;
  const users = await Promise.all(ids.map((id) => ctx.service.getUser(customerId, id).then((u) => u.upn, () => id)));
  return users.join(', ');
}

/**
 * Records the request (the payload exactly as it will run), audits it, posts the approval card where approvers see
 * it, and returns the requester's copy, which says where it went and lets them cancel.
 */
export async function requestApproval<P>(ctx: HandlerContext, operation: ChangeDefinition<P>, payload: P, reason: string | undefined, need: ApprovalNeed): Promise<AdaptiveCard> {
  const customer = await ctx.customer();
  const summary = await operation.describe(ctx, payload);
  const target = await targetText(ctx, customer.id, need.targetIds, summary.title);
  const approval = await ctx.app.approvals.create({
    kind: operation.kind,
    permission: operation.permission,
    customerId: customer.id,
    customerName: customer.name,
    payload,
    why: need.why,
    privileged: need.privileged,
    summary: { title: summary.title, message: summary.message, facts: summary.facts },
    target,
    requester: { tenantId: ctx.caller.tenantId, aadObjectId: ctx.caller.aadObjectId, name: ctx.caller.name },
    ...(reason ? { reason } : {}),
    sentTo: '',
  });
  await ctx.audit({ action: operation.kind, target, outcome: 'requested', approvalId: approval.id, details: { why: need.why, ...(reason ? { reason } : {}) } });
  await ctx.app.approvals.setSentTo(approval, await deliverApproval(ctx.app, approval));
  const note = approval.sentTo
    ? `Nothing is changed until someone approves. Sent to ${approval.sentTo}; you will get the result in your personal chat.`
    : 'Nobody who may approve this could be reached in Teams. An approver can still find it by typing `approvals`; a global admin can type `approvals here` in a channel to collect requests there.';
  return approvalReply(ctx, approval, { who: ctx.caller, note });
}

import type { AdaptiveCard } from '../../cards/card-template.js';
import { notice } from '../../cards/messages.js';
import { isServiceError } from '../../domain/errors.js';
import type { Approval } from '../../ports/state/records.js';
import type { HandlerContext } from '../handler-context.js';
import type { ChangeDefinition } from '../change.js';
import { handlerContext } from '../handler-context.js';
import { OutboxMessenger } from '../outbox-messenger.js';
import { approvalReply, whyNotApprover, whyRequesterLapsed } from './approval-view.js';
import { updateApprovalCopies } from './approval-delivery.js';

export type FindOperation = (kind: string) => ChangeDefinition<unknown> | undefined;

const DECIDED: Record<Exclude<Approval['state'], 'pending'>, string> = {
  approved: 'This request was already approved; nothing more was done.',
  rejected: 'This request was already rejected.',
  expired: 'This request has expired; nothing was changed. Ask again if it is still needed.',
  cancelled: 'The requester cancelled this request; nothing was changed.',
};

/** The request as stored now, marked expired first when its time is up (audited, copies updated). */
async function current(ctx: HandlerContext, stored: Approval): Promise<Approval> {
  const { approval, expired } = await ctx.app.approvals.expireIfDue(stored);
  if (expired) {
    await auditDecision(ctx, approval, 'approval.expire');
    await updateApprovalCopies(ctx.app, approval);
  }
  return approval;
}

/** The card for a request that can no longer be decided, or null while it is pending. */
async function closedCard(ctx: HandlerContext, approval: Approval): Promise<AdaptiveCard | null> {
  if (approval.state === 'pending') return null;
  return approvalReply(ctx, approval, { who: ctx.caller, note: DECIDED[approval.state] });
}

async function auditDecision(ctx: HandlerContext, approval: Approval, action: string, details?: Record<string, unknown>): Promise<void> {
  await ctx.app.audit.append({
    at: ctx.app.clock.now().toISOString(),
    actor: { tenantId: ctx.caller.tenantId, aadObjectId: ctx.caller.aadObjectId, name: ctx.caller.name },
    role: (await ctx.app.operators.rolesFor(ctx.caller, approval.customerId)).join(',') || 'none',
    customerId: approval.customerId,
    customerName: approval.customerName,
    action,
    target: approval.target,
    outcome: 'success',
    approvalId: approval.id,
    ...(approval.reason ? { reason: approval.reason } : {}),
    ...(details ? { details } : {}),
  });
}

/** Sends the requester a card in their personal chat; false when they cannot be reached. */
async function tellRequester(ctx: HandlerContext, approval: Approval, cards: AdaptiveCard[]): Promise<boolean> {
  const address = await ctx.app.outbox.personalChat({ ...approval.requester }, approval.requester.aadObjectId);
  if (!address) return false;
  const messenger = new OutboxMessenger(ctx.app.outbox, address);
  for (const card of cards) await messenger.reply(card);
  return true;
}

/** Runs the stored payload under the approver's authority, for the request's customer; results go to the requester. */
async function run(ctx: HandlerContext, approval: Approval, operation: ChangeDefinition<unknown>): Promise<void> {
  const address = await ctx.app.outbox.personalChat({ ...approval.requester }, approval.requester.aadObjectId);
  const messenger = new OutboxMessenger(ctx.app.outbox, address);
  // The operation runs as if asked in the requester's personal chat: its replies, temporary passwords and import
  // progress go there (never to the approver's chat or the approvals channel), under the approver's roles.
  const requesterChat = { id: String((address?.conversation as { id?: unknown } | undefined)?.id ?? ''), kind: 'personal' as const };
  const approverCtx = await handlerContext(ctx.app, { caller: ctx.caller, conversation: requesterChat, messenger }, approval.customerId, { approvalId: approval.id, ...(approval.reason ? { reason: approval.reason } : {}) });
  const heading = notice(`Approved: ${approval.summary.title}`, `${ctx.caller.name} approved your request${approval.comment ? ` ("${approval.comment}")` : ''}. The result follows.`, { color: 'Good' });
  let outcome: NonNullable<Approval['outcome']>;
  try {
    const payload = operation.payloadSchema.parse(approval.payload);
    await messenger.reply(heading);
    const cards = await operation.execute(approverCtx, payload);
    for (const card of cards) await messenger.reply(card);
    outcome = { status: 'done', requesterNotified: address !== null };
  } catch (error) {
    const message = isServiceError(error) ? error.message : 'an unexpected error; it has been logged';
    if (!isServiceError(error)) ctx.app.log.error({ err: error instanceof Error ? error.message : String(error), approvalId: approval.id }, 'approved operation failed');
    outcome = { status: 'failed', message, requesterNotified: address !== null };
    await approverCtx.audit({ action: approval.kind, target: approval.target, outcome: 'failure', details: { code: isServiceError(error) ? error.code : 'INTERNAL' } });
    await messenger.reply(notice(`Approved, but it failed: ${approval.summary.title}`, `${message}.`, { color: 'Attention' })).catch(() => undefined);
  }
  await ctx.app.approvals.setOutcome(approval, outcome);
}

/** Another decision (or the clock) got there first: the card as the request stands now. */
async function lost(ctx: HandlerContext, id: string): Promise<AdaptiveCard> {
  const approval = await current(ctx, await ctx.app.approvals.get(id));
  return (await closedCard(ctx, approval)) ?? approvalReply(ctx, approval, { who: ctx.caller });
}

/**
 * Approve or reject a pending request. The approver must be allowed to perform it for that customer (and to act on
 * admin-role users when it touches one) and must not be the requester; the first decision wins.
 */
export async function decideApproval(ctx: HandlerContext, id: string, decision: 'approved' | 'rejected', comment: string | undefined, find: FindOperation): Promise<AdaptiveCard> {
  const found = await current(ctx, await ctx.app.approvals.get(id));
  const closed = await closedCard(ctx, found);
  if (closed) return closed;
  const refusal = await whyNotApprover(ctx.app, found, ctx.caller);
  if (refusal) return approvalReply(ctx, found, { who: ctx.caller, note: refusal });
  const lapsed = decision === 'approved' ? await whyRequesterLapsed(ctx.app, found) : null;
  if (lapsed) return approvalReply(ctx, found, { who: ctx.caller, note: lapsed });
  const operation = find(found.kind);
  if (decision === 'approved' && !operation) return approvalReply(ctx, found, { who: ctx.caller, note: `This bot version cannot run "${found.kind}"; reject the request instead.` });
  const approval = await ctx.app.approvals.decide(found, decision, ctx.caller, comment);
  if (!approval) return lost(ctx, id);
  await auditDecision(ctx, approval, decision === 'approved' ? 'approval.approve' : 'approval.reject', comment ? { comment } : undefined);
  if (decision === 'approved' && operation) {
    await updateApprovalCopies(ctx.app, approval);
    await run(ctx, approval, operation);
  } else {
    const told = await tellRequester(ctx, approval, [
      notice(`Rejected: ${approval.summary.title}`, `${ctx.caller.name} rejected your request${comment ? `: "${comment}"` : '.'} Nothing was changed.`, { color: 'Attention' }),
    ]);
    if (!told) ctx.app.log.info({ approvalId: approval.id }, 'requester not reachable to tell them about a rejection');
  }
  await updateApprovalCopies(ctx.app, approval);
  return approvalReply(ctx, approval, { who: ctx.caller });
}

/** The requester withdraws a pending request. */
export async function cancelApproval(ctx: HandlerContext, id: string): Promise<AdaptiveCard> {
  const found = await current(ctx, await ctx.app.approvals.get(id));
  const closed = await closedCard(ctx, found);
  if (closed) return closed;
  if (!ctx.app.approvals.isRequester(found, ctx.caller)) return approvalReply(ctx, found, { who: ctx.caller, note: 'Only the person who asked can cancel this request.' });
  const approval = await ctx.app.approvals.decide(found, 'cancelled', ctx.caller);
  if (!approval) return lost(ctx, id);
  await auditDecision(ctx, approval, 'approval.cancel');
  await updateApprovalCopies(ctx.app, approval);
  return approvalReply(ctx, approval, { who: ctx.caller });
}

/** The card as this viewer should see it now (Teams asks on every view of a card with a refresh block). */
export async function viewApproval(ctx: HandlerContext, id: string): Promise<AdaptiveCard> {
  const approval = await current(ctx, await ctx.app.approvals.get(id));
  return approvalReply(ctx, approval, { who: ctx.caller });
}

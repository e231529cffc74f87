import { operatorId, type Approval, type ApprovalChannel } from '../../ports/state/records.js';
import type { AppServices } from '../handler-context.js';
import type { Caller } from '../../domain/caller.js';
import { renderApproval, whyNotApprover } from './approval-view.js';

/** The channel bound to this customer, else the channel bound to every customer. */
export async function approvalChannelFor(app: AppServices, customerId: string): Promise<ApprovalChannel | undefined> {
  const channels = await app.state.conversations.approvalChannels();
  return channels.find((c) => c.customerId === customerId) ?? channels.find((c) => c.customerId === null);
}

/**
 * Operators who may decide this request: everyone holding a grant, and the owners the bot knows from a personal chat
 * (each checked as a (tenant, object id) pair by whyNotApprover). The requester is never among them.
 */
export async function approversOf(app: AppServices, approval: Approval): Promise<Caller[]> {
  const known = new Map<string, Caller>();
  for (const { who, address } of await app.state.conversations.personalChats()) {
    const user = (address as { user?: { name?: string } }).user;
    known.set(operatorId(who), { tenantId: who.tenantId, aadObjectId: who.aadObjectId, name: user?.name ?? who.aadObjectId });
  }
  for (const g of await app.state.operators.allGrants()) {
    const key = operatorId(g);
    if (!known.has(key)) known.set(key, { tenantId: g.tenantId.toLowerCase(), aadObjectId: g.aadObjectId.toLowerCase(), name: g.aadObjectId });
  }
  const approvers: Caller[] = [];
  for (const who of known.values()) if ((await whyNotApprover(app, approval, who)) === null) approvers.push(who);
  return approvers;
}

/**
 * Posts the approval card to the customer's approvals channel, or else to the personal chat of every approver the
 * bot can reach. Records where each copy went; returns who it reached ('' when nobody).
 */
export async function deliverApproval(app: AppServices, approval: Approval): Promise<string> {
  const channel = await approvalChannelFor(app, approval.customerId);
  if (channel) {
    try {
      const activityId = await app.outbox.send(channel.address, await renderApproval(app, approval, { audience: 'channel' }));
      if (activityId) await app.approvals.addPosted(approval, { address: channel.address, activityId, audience: 'channel' });
      return 'the approvals channel';
    } catch (error) {
      app.log.warn({ err: error instanceof Error ? error.message : String(error), approvalId: approval.id }, 'cannot post to the approvals channel; sending to approvers directly');
    }
  }
  const reached: string[] = [];
  for (const approver of await approversOf(app, approval)) {
    const address = await app.outbox.personalChat(approver, approver.aadObjectId);
    if (!address) continue;
    try {
      const activityId = await app.outbox.send(address, await renderApproval(app, approval, { audience: 'approver' }));
      if (activityId) await app.approvals.addPosted(approval, { address, activityId, audience: 'approver' });
      reached.push(approver.name);
    } catch (error) {
      app.log.warn({ err: error instanceof Error ? error.message : String(error), approvalId: approval.id }, 'cannot send an approval request to an approver');
    }
  }
  return reached.join(', ');
}

/**
 * Shows the state as stored now on every posted copy (channel, approvers, requester); a copy that fails is logged.
 * Read again so that copies another handler recorded meanwhile are updated too.
 */
export async function updateApprovalCopies(app: AppServices, changed: Approval): Promise<void> {
  const approval = (await app.approvals.find(changed.id)) ?? changed;
  for (const posted of approval.posted) {
    try {
      await app.outbox.update(posted.address, posted.activityId, await renderApproval(app, approval, { audience: posted.audience }));
    } catch (error) {
      app.log.warn({ err: error instanceof Error ? error.message : String(error), approvalId: approval.id }, 'cannot update a copy of an approval card');
    }
  }
}

/** Marks overdue requests expired and shows it on their cards (start-up, a timer, and before listing). */
export async function expireApprovals(app: AppServices): Promise<number> {
  const expired = await app.approvals.expireDue();
  for (const a of expired) {
    await app.audit.append({ at: app.clock.now().toISOString(), actor: { tenantId: '', aadObjectId: '', name: 'license-desk' }, role: 'system', customerId: a.customerId, customerName: a.customerName, action: 'approval.expire', target: a.target, outcome: 'success', approvalId: a.id, ...(a.reason ? { reason: a.reason } : {}) });
    await updateApprovalCopies(app, a);
  }
  return expired.length;
}

/**
 * Remembers the requester's own copy of an approval card (the reply the router sent for their command or button), so
 * it is updated with the others. The core notes which replies are copies (ReplyNotes); no card is read back.
 */
export async function trackRequesterCopy(app: AppServices, approvalId: string, caller: Caller, address: Record<string, unknown>, activityId: string | undefined): Promise<void> {
  const approval = await app.approvals.find(approvalId);
  if (!approval || !activityId || !app.approvals.isRequester(approval, caller)) return;
  if (approval.posted.some((p) => p.activityId === activityId)) return;
  await app.approvals.addPosted(approval, { address, activityId, audience: 'requester' });
}

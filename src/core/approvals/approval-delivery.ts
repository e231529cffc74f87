import type { Approval, ApprovalChannel } from '../app-state.js';
import type { AppServices } from '../handler-context.js';
import type { Caller } from '../../domain/caller.js';
import { renderApproval, whyNotApprover } from './approval-view.js';

/** The channel bound to this customer, else the channel bound to every customer. */
export function approvalChannelFor(app: AppServices, customerId: string): ApprovalChannel | undefined {
  const channels = app.state.data.approvalChannels;
  return channels.find((c) => c.customerId === customerId) ?? channels.find((c) => c.customerId === null);
}

/**
 * Operators who may decide this request: everyone holding a grant, and the owners the bot knows from a personal chat
 * (each checked as a (tenant, object id) pair by whyNotApprover). The requester is never among them.
 */
export function approversOf(app: AppServices, approval: Approval): Caller[] {
  const known = new Map<string, Caller>();
  for (const [key, address] of Object.entries(app.state.data.personalChats)) {
    const [tenantId = '', aadObjectId = ''] = key.split('/');
    const user = (address as { user?: { name?: string } }).user;
    known.set(key, { tenantId, aadObjectId, name: user?.name ?? aadObjectId });
  }
  for (const g of app.state.data.grants) {
    const key = `${g.tenantId.toLowerCase()}/${g.aadObjectId.toLowerCase()}`;
    if (!known.has(key)) known.set(key, { tenantId: g.tenantId.toLowerCase(), aadObjectId: g.aadObjectId.toLowerCase(), name: g.aadObjectId });
  }
  return [...known.values()].filter((who) => whyNotApprover(app, approval, who) === null);
}

/**
 * Posts the approval card to the customer's approvals channel, or else to the personal chat of every approver the
 * bot can reach. Records where each copy went; returns who it reached ('' when nobody).
 */
export async function deliverApproval(app: AppServices, approval: Approval): Promise<string> {
  const channel = approvalChannelFor(app, approval.customerId);
  if (channel) {
    try {
      const activityId = await app.outbox.send(channel.address, renderApproval(app, approval, { audience: 'channel' }));
      if (activityId) app.approvals.addPosted(approval, { address: channel.address, activityId, audience: 'channel' });
      return 'the approvals channel';
    } catch (error) {
      app.log.warn({ err: error instanceof Error ? error.message : String(error), approvalId: approval.id }, 'cannot post to the approvals channel; sending to approvers directly');
    }
  }
  const reached: string[] = [];
  for (const approver of approversOf(app, approval)) {
    const address = await app.outbox.personalChat(approver, approver.aadObjectId);
    if (!address) continue;
    try {
      const activityId = await app.outbox.send(address, renderApproval(app, approval, { audience: 'approver' }));
      if (activityId) app.approvals.addPosted(approval, { address, activityId, audience: 'approver' });
      reached.push(approver.name);
    } catch (error) {
      app.log.warn({ err: error instanceof Error ? error.message : String(error), approvalId: approval.id }, 'cannot send an approval request to an approver');
    }
  }
  return reached.join(', ');
}

/** Shows the current state on every posted copy (channel, approvers, requester); a copy that fails is logged. */
export async function updateApprovalCopies(app: AppServices, approval: Approval): Promise<void> {
  for (const posted of approval.posted) {
    try {
      await app.outbox.update(posted.address, posted.activityId, renderApproval(app, approval, { audience: posted.audience }));
    } catch (error) {
      app.log.warn({ err: error instanceof Error ? error.message : String(error), approvalId: approval.id }, 'cannot update a copy of an approval card');
    }
  }
}

/** Marks overdue requests expired and shows it on their cards (start-up, a timer, and before listing). */
export async function expireApprovals(app: AppServices): Promise<number> {
  const { expired } = app.approvals.pending();
  if (expired.length === 0) return 0;
  await app.approvals.persist();
  for (const a of expired) {
    await app.audit.append({ at: app.clock.now().toISOString(), actor: { tenantId: '', aadObjectId: '', name: 'license-desk' }, role: 'system', customerId: a.customerId, customerName: a.customerName, action: 'approval.expire', target: a.target, outcome: 'success', approvalId: a.id });
    await updateApprovalCopies(app, a);
  }
  return expired.length;
}

/**
 * Remembers the requester's own copy of an approval card (the reply the router sent for their command or button), so
 * it is updated with the others. The core notes which replies are copies (ReplyNotes); no card is read back.
 */
export async function trackRequesterCopy(app: AppServices, approvalId: string, caller: Caller, address: Record<string, unknown>, activityId: string | undefined): Promise<void> {
  const approval = app.approvals.find(approvalId);
  if (!approval || !activityId || !app.approvals.isRequester(approval, caller)) return;
  if (approval.posted.some((p) => p.activityId === activityId)) return;
  app.approvals.addPosted(approval, { address, activityId, audience: 'requester' });
  await app.approvals.persist();
}

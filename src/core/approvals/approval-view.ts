import type { AdaptiveCard } from '../../cards/card-template.js';
import { approvalCard } from '../../cards/approvals.js';
import type { AppServices, HandlerContext } from '../handler-context.js';
import type { Approval, OperatorKey } from '../../ports/state/records.js';
import { access, mayActOnPrivilegedUsers, type Permission } from '../permissions.js';

export const formatTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const WHY: Record<Approval['why'], string> = {
  role: "the requester's role may only ask for this",
  privileged: 'it touches a user who holds an admin role',
  policy: 'policy asks a second person to approve this kind of action',
  threshold: 'it touches more users than policy lets one person change',
};

/** Why this operator may not decide this request, or null when they may. */
export async function whyNotApprover(app: AppServices, approval: Approval, who: OperatorKey): Promise<string | null> {
  if (app.approvals.isRequester(approval, who)) return 'You asked for this; another operator must decide.';
  const roles = await app.operators.rolesFor(who, approval.customerId);
  if (access(roles, approval.permission as Permission) !== 'perform') return `You may not approve this: your role does not allow it for ${approval.customerName}.`;
  if (approval.privileged && !mayActOnPrivilegedUsers(roles)) return 'You may not approve this: it touches a user with an admin role, so only a Global admin or Admin agent may approve it.';
  return null;
}

/**
 * Why this request may no longer be approved although it is pending: its requester lost every role that could ask for
 * it (revoked since). Running it would hand results, such as a temporary password, to someone no longer trusted.
 */
export async function whyRequesterLapsed(app: AppServices, approval: Approval): Promise<string | null> {
  const roles = await app.operators.rolesFor(approval.requester, approval.customerId);
  if (access(roles, approval.permission as Permission) !== 'deny') return null;
  return `${approval.requester.name} no longer has a role that may ask for this for ${approval.customerName}, so it cannot be approved. Reject it, or ask them to be granted a role again.`;
}

function stateLine(a: Approval): { text: string; color: 'Default' | 'Good' | 'Attention' | 'Warning' | 'Accent' } {
  const by = a.decidedBy?.name ?? '';
  const at = a.decidedAt ? formatTime(a.decidedAt) : '';
  switch (a.state) {
    case 'pending':
      return { text: 'Waiting for approval', color: 'Warning' };
    case 'approved':
      return { text: `Approved by ${by} at ${at}`, color: 'Good' };
    case 'rejected':
      return { text: `Rejected by ${by} at ${at}`, color: 'Attention' };
    case 'expired':
      return { text: `Expired at ${at}: nobody decided in time, nothing was changed`, color: 'Default' };
    case 'cancelled':
      return { text: `Cancelled by ${by} at ${at}: nothing was changed`, color: 'Default' };
  }
}

function outcomeLine(a: Approval): { text: string; color: 'Default' | 'Good' | 'Attention' } {
  if (!a.outcome) return { text: '', color: 'Default' };
  const notified = a.outcome.requesterNotified === false ? ` ${a.requester.name} could not be reached in a personal chat, so they have not seen the result.` : '';
  if (a.outcome.status === 'running') return { text: 'Running now…', color: 'Default' };
  if (a.outcome.status === 'done') return { text: `Done: the action ran under ${a.decidedBy?.name ?? 'the approver'}'s authority.${notified}`, color: 'Good' };
  return { text: `The action failed: ${a.outcome.message ?? 'see the audit log'}.${notified}`, color: 'Attention' };
}

export interface ApprovalViewer {
  /** The operator looking at the card (a button press or refresh), or none for copies posted to everyone. */
  who?: OperatorKey;
  /** For posted copies: the requester's copy offers Cancel, the others Approve / Reject. */
  audience?: 'channel' | 'approver' | 'requester';
  note?: string;
}

/** The approval card in its current state; buttons only while pending and only for who may press them. */
export async function renderApproval(app: AppServices, a: Approval, viewer: ApprovalViewer = {}): Promise<AdaptiveCard> {
  const pending = a.state === 'pending';
  const isRequester = viewer.who ? app.approvals.isRequester(a, viewer.who) : viewer.audience === 'requester';
  const canDecide = pending && !isRequester && (viewer.who ? (await whyNotApprover(app, a, viewer.who)) === null : true);
  const state = stateLine(a);
  const outcome = outcomeLine(a);
  const request = [
    { title: 'Customer', value: a.customerName },
    { title: 'Asked by', value: a.requester.name },
    { title: 'Reason', value: a.reason ?? '(none given)' },
    { title: 'Asked at', value: formatTime(a.createdAt) },
    { title: pending ? 'Expires' : 'Would have expired', value: formatTime(a.expiresAt) },
    { title: 'Needs approval because', value: WHY[a.why] },
    // Only the requester needs to know where it went (approvers' copies are posted before that is known).
    ...(pending && isRequester ? [{ title: 'Sent to', value: a.sentTo || 'nobody could be reached (approvers can find it with `approvals`)' }] : []),
  ];
  return approvalCard.render({
    approvalId: a.id,
    stateText: state.text,
    stateColor: state.color,
    title: a.summary.title,
    message: a.summary.message,
    facts: a.summary.facts,
    request,
    comment: a.comment ? `Comment from ${a.decidedBy?.name ?? 'the approver'}: ${a.comment}` : '',
    outcome: outcome.text,
    outcomeColor: outcome.color,
    note: viewer.note ?? '',
    canDecide,
    canCancel: pending && isRequester,
  });
}

/** The approval card as the reply to the operator who typed or pressed: noted as a copy of it, so it is tracked. */
export async function approvalReply(ctx: HandlerContext, a: Approval, viewer: ApprovalViewer): Promise<AdaptiveCard> {
  return ctx.replies.approvalCopy(await renderApproval(ctx.app, a, viewer), a.id);
}

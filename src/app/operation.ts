import type { z } from 'zod';
import type { AdaptiveCard } from '../cards/card-template.js';
import { errorCardFor } from '../cards/messages.js';
import type { APPROVABLE_ACTIONS } from '../config.js';
import type { HandlerContext } from './handler.js';
import { mutationRateRefusal } from './mutation-rate.js';
import { access, mayActOnPrivilegedUsers, ROLE_LABELS, type Permission } from './permissions.js';

export type ApprovableAction = (typeof APPROVABLE_ACTIONS)[number];

export interface OperationSummary {
  title: string;
  message: string;
  facts: { title: string; value: string }[];
}

/**
 * A change to directory data, described by a stored payload. The same definition runs after a confirmation,
 * or after an approval under the approver's authority: what runs is exactly the payload that was stored.
 */
export interface OperationDefinition<P> {
  /** Stable name, also the audit action, e.g. "user.delete". */
  kind: string;
  permission: Permission;
  /** Its name in APPROVAL_REQUIRED_FOR. */
  policyName: ApprovableAction;
  /** Validates a stored payload before it runs. */
  payloadSchema: z.ZodType<P>;
  /** Ids of the users it touches (for the privileged-user rule and APPROVAL_THRESHOLD_USERS). */
  targetUserIds(ctx: HandlerContext, payload: P): Promise<string[]>;
  /** Exactly what will happen, for confirmation and approval cards. */
  describe(ctx: HandlerContext, payload: P): Promise<OperationSummary>;
  /** Does it (as ctx.caller), audits it, and returns the result cards for the requester. */
  execute(ctx: HandlerContext, payload: P): Promise<AdaptiveCard[]>;
}

export const defineOperation = <P>(operation: OperationDefinition<P>): OperationDefinition<P> => operation;

/**
 * Decides whether the caller may go ahead with an operation now. Returns null to go ahead, or the card to answer
 * with instead: refused (role, privileged target, MUTATIONS_PER_MINUTE) or sent for approval (issue 7 fills in
 * approvals). Every mutating operation passes here; going ahead counts against the caller's rate limit.
 */
export async function operationGate<P>(ctx: HandlerContext, operation: OperationDefinition<P>, payload: P, _reason?: string): Promise<AdaptiveCard | null> {
  const allowed = access(ctx.roles, operation.permission);
  const roleText = ctx.roles.map((r) => ROLE_LABELS[r]).join(', ') || 'no role';
  if (allowed === 'deny') return errorCardFor('FORBIDDEN', `You have ${roleText}, which does not allow this.`);
  if (!mayActOnPrivilegedUsers(ctx.roles)) {
    const customer = await ctx.customer();
    const ids = await operation.targetUserIds(ctx, payload);
    const users = await Promise.all(ids.map((id) => ctx.service.getUser(customer.id, id).catch(() => undefined)));
    const privileged = users.filter((u) => u && u.adminRoles.length > 0).map((u) => u?.displayName);
    if (privileged.length > 0) {
      await ctx.audit({ action: operation.kind, target: privileged.join(', '), outcome: 'denied', details: { reason: 'privileged target' } });
      return errorCardFor('FORBIDDEN', `${privileged.join(', ')} hold${privileged.length === 1 ? 's' : ''} an admin role; only a Global admin or Admin agent may do this.`);
    }
  }
  const limited = await mutationRateRefusal(ctx, operation.kind);
  if (limited) return limited;
  if (allowed === 'request') return errorCardFor('FORBIDDEN', `You have ${roleText}: this needs an admin's approval, and approvals are not set up yet.`);
  return null;
}

import type { AdaptiveCard } from '../cards/card-template.js';
import { errorCardFor } from '../cards/messages.js';
import type { HandlerContext } from './handler-context.js';
import { mutationRateRefusal } from './mutation-rate.js';
import { access, mayActOnPrivilegedUsers, privilegedTargetAccess, ROLE_LABELS } from './permissions.js';
import { requestApproval } from './approvals/approval-request.js';
import type { ChangeDefinition } from './change.js';
import { isServiceError } from '../domain/errors.js';
import { adminRolesKnown, holdsAdminRole, type User } from '../domain/types.js';

/**
 * Decides whether the caller may go ahead with an operation now. Returns null to go ahead, or the card to answer
 * with instead: refused (role, privileged target, MUTATIONS_PER_MINUTE), or sent for approval (the caller's role may
 * only ask; a User management admin acting on an admin-role user; APPROVAL_REQUIRED_FOR names the operation; it touches
 * more than APPROVAL_THRESHOLD_USERS users). A request stores the payload exactly as given: after approval that payload
 * runs, under the approver's authority. Every mutating operation passes here and counts against the caller's rate limit.
 */
export async function changeGate<P>(ctx: HandlerContext, operation: ChangeDefinition<P>, payload: P, reason: string | undefined = ctx.reason): Promise<AdaptiveCard | null> {
  // The reason travels with the change from here: its confirmation, its approval and its audit entries.
  if (reason) ctx.reason = reason;
  const allowed = access(ctx.roles, operation.permission);
  const roleText = ctx.roles.map((r) => ROLE_LABELS[r]).join(', ') || 'no role';
  if (allowed === 'deny') return errorCardFor('FORBIDDEN', `You have ${roleText}, which does not allow this.`);
  const { config } = ctx.app;
  const threshold = config.APPROVAL_THRESHOLD_USERS;
  const privilegedRule = !mayActOnPrivilegedUsers(ctx.roles);
  const ids = privilegedRule || threshold > 0 ? await operation.targetUserIds(ctx, payload) : [];
  let privileged = false;
  if (privilegedRule && ids.length > 0) {
    const customer = await ctx.customer();
    const users = (await Promise.all(ids.map((id) => targetUser(ctx, customer.id, id)))).filter((u) => u !== undefined);
    // Roles Graph would not show are not "no roles": refused, since the rule cannot be checked.
    const unknown = users.filter((u) => holdsAdminRole(u) === 'unknown');
    const missing = unknown.map((u) => (adminRolesKnown(u.adminRoles) ? '' : u.adminRoles.missingPermission))[0];
    if (unknown.length > 0) {
      const who = unknown.map((u) => u.displayName).join(', ');
      await ctx.audit({ action: operation.kind, target: who, outcome: 'denied', details: { reason: 'admin roles unknown', missingPermission: missing } });
      return errorCardFor(
        'FORBIDDEN',
        `Microsoft Graph did not let the bot read admin roles in ${customer.name} (missing ${missing}): whether ${who} hold${unknown.length === 1 ? 's' : ''} an admin role cannot be checked, so this is refused. A Global admin or Admin agent may do it; or grant the app ${missing} in ${customer.name}.`,
      );
    }
    const names = users.filter((u) => holdsAdminRole(u) === true).map((u) => u.displayName);
    privileged = names.length > 0;
    // Entra's rule: a helpdesk agent may not touch admins at all; a User management admin may ask a Global admin.
    if (privileged && privilegedTargetAccess(ctx.roles) === 'deny') {
      await ctx.audit({ action: operation.kind, target: names.join(', '), outcome: 'denied', details: { reason: 'privileged target' } });
      return errorCardFor('FORBIDDEN', `${names.join(', ')} hold${names.length === 1 ? 's' : ''} an admin role; only a Global admin or Admin agent may do this.`);
    }
  }
  const limited = await mutationRateRefusal(ctx, operation.kind);
  if (limited) return limited;
  const why = allowed === 'request' ? 'role' : privileged ? 'privileged' : config.APPROVAL_REQUIRED_FOR.includes(operation.policyName) ? 'policy' : threshold > 0 && ids.length > threshold ? 'threshold' : null;
  if (!why) return null;
  return requestApproval(ctx, operation, payload, reason, { why, privileged, targetIds: ids });
}

/**
 * A target as the directory knows it: live, else deleted (a restore's admin roles count as much as a live user's),
 * else absent (the operation itself then says not found). Any other failure is thrown, never read as "no admin".
 */
async function targetUser(ctx: HandlerContext, customerId: string, id: string): Promise<User | undefined> {
  const absent = (error: unknown): undefined => {
    if (isServiceError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  };
  const live = await ctx.service.getUser(customerId, id).catch(absent);
  return live ?? (await ctx.service.getDeletedUser(customerId, id).catch(absent));
}

import type { HandlerContext } from '../../../core/handler-context.js';
import { access, mayActOnPrivilegedUsers } from '../../../core/permissions.js';
import type { CardAction } from '../../../cards/common.js';
import { type User, holdsAdminRole } from '../../../domain/types.js';
import { VERB } from '../../../cards/verbs.js';

/**
 * The buttons on a user's card: only what the caller may do (or request) for this user. Three at most are shown as
 * buttons (Teams truncates the titles of a fourth); the rest go to the overflow menu.
 */
export function userActions(ctx: HandlerContext, user: User): { actions: CardAction[]; moreActions: CardAction[]; askReason: boolean } {
  const mayTouch = holdsAdminRole(user) === false || mayActOnPrivilegedUsers(ctx.roles);
  const mayChangeLicenses = access(ctx.roles, 'license.change') !== 'deny' && mayTouch;
  const all: CardAction[] = [
    ...(mayTouch && access(ctx.roles, 'user.resetPassword') !== 'deny' ? [{ title: 'Reset password', verb: VERB.userResetPassword, data: { userId: user.id } }] : []),
    ...(mayChangeLicenses ? [{ title: 'Manage licenses', verb: VERB.licensesManage, data: { userIds: [user.id] } }] : []),
    ...(mayTouch && access(ctx.roles, 'user.delete') !== 'deny' ? [{ title: 'Delete', verb: VERB.userDelete, data: { userId: user.id } }] : []),
    { title: 'Back to users', verb: VERB.usersPage, data: { filter: '', skip: 0 } },
  ];
  return { actions: all.slice(0, 3), moreActions: all.slice(3), askReason: all.some((a) => a.verb !== VERB.usersPage) };
}

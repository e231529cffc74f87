import type { HandlerContext } from '../../../core/handler-context.js';
import { access, mayActOnPrivilegedUsers } from '../../../core/permissions.js';
import type { CardAction } from '../../../cards/common.js';
import { type User, holdsAdminRole } from '../../../domain/types.js';
import { VERB } from '../../../cards/verbs.js';

/** The buttons on a user's card: only what the caller may do (or request) for this user. */
export function userActions(ctx: HandlerContext, user: User): CardAction[] {
  const mayTouch = holdsAdminRole(user) === false || mayActOnPrivilegedUsers(ctx.roles);
  const mayChangeLicenses = access(ctx.roles, 'license.change') !== 'deny' && mayTouch;
  return [
    ...(mayTouch && access(ctx.roles, 'user.resetPassword') !== 'deny' ? [{ title: 'Reset password', verb: VERB.userResetPassword, data: { userId: user.id } }] : []),
    ...(mayChangeLicenses ? [{ title: 'Manage licenses', verb: VERB.licensesManage, data: { userIds: [user.id] } }] : []),
    ...(mayTouch && access(ctx.roles, 'user.delete') !== 'deny' ? [{ title: 'Delete', verb: VERB.userDelete, data: { userId: user.id } }] : []),
    { title: 'Back to users', verb: VERB.usersPage, data: { filter: '' } },
  ];
}

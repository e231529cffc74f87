import type { HandlerContext } from '../app/handler.js';
import { access, mayActOnPrivilegedUsers } from '../app/permissions.js';
import type { CardAction } from '../cards/common.js';
import { holdsAdminRole, type User } from '../service/types.js';

/** The buttons on a user's card: only what the caller may do (or request) for this user. */
export function userActions(ctx: HandlerContext, user: User): CardAction[] {
  const mayTouch = holdsAdminRole(user) === false || mayActOnPrivilegedUsers(ctx.roles);
  const mayChangeLicenses = access(ctx.roles, 'license.change') !== 'deny' && mayTouch;
  return [
    ...(mayTouch && access(ctx.roles, 'user.resetPassword') !== 'deny' ? [{ title: 'Reset password', verb: 'user.resetPassword', data: { userId: user.id } }] : []),
    ...(mayChangeLicenses ? [{ title: 'Manage licenses', verb: 'licenses.manage', data: { userIds: [user.id] } }] : []),
    ...(mayTouch && access(ctx.roles, 'user.delete') !== 'deny' ? [{ title: 'Delete', verb: 'user.delete', data: { userId: user.id } }] : []),
    { title: 'Back to users', verb: 'users.page', data: { filter: '', skip: 0 } },
  ];
}

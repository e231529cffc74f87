import type { HandlerContext } from '../../../core/handler-context.js';
import { access, mayActOnPrivilegedUsers } from '../../../core/permissions.js';
import type { CardAction } from '../../../cards/common.js';
import { type User, holdsAdminRole } from '../../../domain/types.js';
import { VERB } from '../../../cards/verbs.js';

/**
 * The buttons on a user's card: only what the caller may do (or request) for this user. Two are shown as buttons
 * (Teams truncates titles when three share the row with the overflow button); the rest go to the overflow menu.
 */
export function userActions(ctx: HandlerContext, user: User): { actions: CardAction[]; moreActions: CardAction[]; askReason: boolean } {
  const mayTouch = holdsAdminRole(user) === false || mayActOnPrivilegedUsers(ctx.roles);
  const mayChangeLicenses = access(ctx.roles, 'license.change') !== 'deny' && mayTouch;
  const all: CardAction[] = [
    ...(mayTouch && access(ctx.roles, 'user.resetPassword') !== 'deny' ? [{ title: 'Reset password', verb: VERB.userResetPassword, data: { userId: user.id } }] : []),
    ...(mayChangeLicenses ? [{ title: 'Manage licenses', verb: VERB.licensesManage, data: { userIds: [user.id] } }] : []),
    ...(mayTouch && access(ctx.roles, 'user.delete') !== 'deny' ? [{ title: 'Delete', verb: VERB.userDelete, data: { userId: user.id } }] : []),
    { title: 'Back to users', verb: VERB.usersPage, data: { filter: '' } },
  ];
  // Two buttons and the "..." menu fit the card's width in Teams with their titles whole; Delete waits in the menu.
  return { actions: all.slice(0, 2), moreActions: all.slice(2), askReason: all.some((a) => a.verb !== VERB.usersPage) };
}

import type { HandlerContext } from '../app/handler.js';
import type { CardAction } from '../cards/common.js';
import type { User } from '../service/types.js';

/** The buttons on a user's card: only what the caller may do (or request) for this user. */
export function userActions(_ctx: HandlerContext, _user: User): CardAction[] {
  return [{ title: 'Back to users', verb: 'users.page', data: { filter: '', skip: 0 } }];
}

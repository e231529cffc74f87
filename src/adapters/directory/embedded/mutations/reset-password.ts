import { notFound } from '../../../../domain/errors.js';
import { generateTemporaryPassword, hashPassword } from '../../../../domain/passwords.js';
import type { ActorContext, PasswordReset } from '../../../../domain/types.js';
import type { CustomerState } from '../customer-state.js';
import { toUser } from '../customer-state.js';

export async function resetPassword(state: CustomerState, userId: string, _ctx: ActorContext): Promise<PasswordReset> {
  if (!state.findUser(userId)) throw notFound('User', userId);
  const temporaryPassword = generateTemporaryPassword();
  const credential = await hashPassword(temporaryPassword);
  // Looked up again after the await: the user may have been deleted meanwhile.
  const user = state.findUser(userId);
  if (!user) throw notFound('User', userId);
  const previous = { credential: user.credential, mustChangePassword: user.mustChangePassword };
  user.credential = credential;
  user.mustChangePassword = true;
  state.changed(user);
  try {
    await state.persist();
  } catch (error) {
    Object.assign(user, previous);
    throw error;
  }
  return { user: toUser(user), temporaryPassword };
}

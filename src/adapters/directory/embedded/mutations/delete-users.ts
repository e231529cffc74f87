import { notFound } from '../../../../domain/errors.js';
import type { Clock } from '../../../../domain/clock.js';
import type { DeletedUser, ActorContext } from '../../../../domain/types.js';
import type { CustomerState } from '../customer-state.js';
import { toDeletedUser } from '../customer-state.js';
import type { StoredDeletedUser, StoredUser } from '../schema.js';

/** Soft-deletes users: they leave the user list, free their seats and keep their UPN and licenses for 30 days. */
export async function deleteUsers(state: CustomerState, userIds: string[], ctx: ActorContext, clock: Clock): Promise<DeletedUser[]> {
  const users = new Set<StoredUser>();
  for (const id of userIds) {
    const user = state.findUser(id);
    if (!user) throw notFound('User', id);
    users.add(user);
  }
  const deletedAt = clock.now().toISOString();
  const deleted: StoredDeletedUser[] = [...users].map((user) => ({ ...user, licenses: [...user.licenses], deletedAt, deletedBy: { ...ctx.actor } }));
  state.removeUsers(users);
  for (const record of deleted) state.addDeleted(record);
  await state.persist();
  return deleted.map(toDeletedUser);
}

import { generateTemporaryPassword } from '../../../domain/passwords.js';
import type { PasswordReset } from '../../../domain/types.js';
import type { GraphContext } from './context.js';
import { adminRolesOf, fetchGraphUser } from './read-users.js';
import { toUser } from './mapping.js';
import { USER_SELECT } from './wire.js';

/** A new temporary password the user must change at next sign-in. The password is never logged. */
export async function resetPassword(ctx: GraphContext, customerId: string, userId: string): Promise<PasswordReset> {
  const tenantId = ctx.customers.entry(customerId).tenantId;
  const user = await fetchGraphUser(ctx, tenantId, userId, USER_SELECT);
  const temporaryPassword = generateTemporaryPassword();
  await ctx.client.send(tenantId, {
    method: 'PATCH',
    path: `/users/${user.id}`,
    body: { passwordProfile: { password: temporaryPassword, forceChangePasswordNextSignIn: true } },
    secrets: [temporaryPassword],
  });
  return { user: { ...toUser(user, await adminRolesOf(ctx, tenantId, user.id)), mustChangePassword: true }, temporaryPassword };
}

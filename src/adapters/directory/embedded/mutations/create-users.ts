import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../../../domain/errors.js';
import { generateTemporaryPassword, hashPassword } from '../../../../domain/passwords.js';
import type { Clock } from '../../../../domain/clock.js';
import type { CreateOutcome, CreateUsersOptions, NewUserInput, ActorContext } from '../../../../domain/types.js';
import type { CustomerState } from '../customer-state.js';
import { toUser } from '../customer-state.js';
import type { StoredUser } from '../schema.js';
import { newUserProblem } from '../../../../domain/new-user-rules.js';

/**
 * Creates users with their licenses. Passwords are hashed first (the only await before the checks), so the
 * seat and name checks and the changes happen in one synchronous step that no concurrent operation can split.
 */
export async function createUsers(
  state: CustomerState,
  inputs: NewUserInput[],
  _ctx: ActorContext,
  options: CreateUsersOptions,
  clock: Clock,
): Promise<CreateOutcome[]> {
  const passwords = inputs.map(() => generateTemporaryPassword());
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));

  const customer = state.customer;
  const knownSkus = new Set(state.data.subscriptions.map((s) => s.skuId));
  const seatsTaken = new Map<string, number>();
  const upnsTaken = new Set<string>();
  const now = clock.now().toISOString();
  const outcomes: CreateOutcome[] = [];
  const toAdd: StoredUser[] = [];

  const fail = (input: NewUserInput, error: ServiceError): void => {
    if (options.atomic) throw error;
    outcomes.push({ status: 'failed', input, code: error.code, message: error.message });
  };

  inputs.forEach((input, i) => {
    const problem = newUserProblem(input, customer, knownSkus);
    if (problem) return fail(input, problem);
    const upnLower = input.upn.toLowerCase();
    if (state.upnHolder(upnLower) || upnsTaken.has(upnLower)) {
      if (options.atomic) throw new ServiceError('CONFLICT', `${input.upn} is already taken.`, { upn: input.upn });
      outcomes.push({ status: 'exists', input });
      return;
    }
    const licenses = [...new Set(input.licenses)];
    const short = licenses.find((sku) => state.seatsFree(sku) - (seatsTaken.get(sku) ?? 0) < 1);
    if (short) {
      const sub = state.data.subscriptions.find((s) => s.skuId === short);
      const error = new ServiceError('NO_SEATS', `${sub?.name ?? short} has no free seat.`, {
        skuId: short,
        skuPartNumber: sub?.skuPartNumber,
        available: Math.max(0, state.seatsFree(short) - (seatsTaken.get(short) ?? 0)),
      });
      return fail(input, error);
    }
    for (const sku of licenses) seatsTaken.set(sku, (seatsTaken.get(sku) ?? 0) + 1);
    upnsTaken.add(upnLower);
    const user: StoredUser = {
      id: randomUUID(),
      upn: input.upn,
      displayName: input.displayName.trim(),
      givenName: input.givenName.trim(),
      surname: input.surname.trim(),
      usageLocation: input.usageLocation ?? customer.usageLocation,
      adminRoles: [...(input.adminRoles ?? [])],
      licenses,
      createdAt: now,
      ...(input.jobTitle ? { jobTitle: input.jobTitle } : {}),
      ...(input.department ? { department: input.department } : {}),
      mustChangePassword: true,
      credential: hashes[i],
    };
    toAdd.push(user);
    outcomes.push({ status: 'created', input, user: toUser(user), temporaryPassword: passwords[i] as string });
  });

  for (const user of toAdd) state.addUser(user);
  if (toAdd.length > 0) await state.persist();
  return outcomes;
}

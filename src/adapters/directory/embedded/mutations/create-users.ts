import { randomUUID } from 'node:crypto';
import { generateTemporaryPassword, hashPassword } from '../../../../domain/passwords.js';
import type { Clock } from '../../../../domain/clock.js';
import type { CreateOutcome, CreateUsersOptions, NewUserInput, ActorContext } from '../../../../domain/types.js';
import type { CustomerState } from '../customer-state.js';
import { toUser } from '../customer-state.js';
import type { StoredUser } from '../schema.js';
import { admitNewUser, newUserProblem, type NewUserLedger } from '../../../../domain/rules/new-user.js';
import { upnTaken } from '../../../../domain/rules/new-upn.js';
import { freeSeats } from '../../../../domain/rules/seats.js';

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
  const subscriptions = state.subscriptions();
  const knownSkus = new Set(subscriptions.map((s) => s.skuId));
  const ledger: NewUserLedger = { subscriptions, free: freeSeats(subscriptions), claimed: new Set(), isTaken: (upnLower) => state.upnHolder(upnLower) !== undefined };
  const now = clock.now().toISOString();
  const outcomes: CreateOutcome[] = [];
  const toAdd: StoredUser[] = [];

  inputs.forEach((input, i) => {
    const verdict = admitNewUser(input, newUserProblem(input, customer, knownSkus), ledger);
    if (verdict.status === 'problem' && options.atomic) throw verdict.error;
    if (verdict.status === 'problem') return void outcomes.push({ status: 'failed', input, code: verdict.error.code, message: verdict.error.message });
    if (verdict.status === 'taken' && options.atomic) throw upnTaken(input.upn);
    if (verdict.status === 'taken') return void outcomes.push({ status: 'exists', input });
    const { licenses } = verdict;
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

import { ServiceError } from '../errors.js';
import type { Customer, NewUserInput, Subscription } from '../types.js';
import { splitUpn } from '../user-names.js';
import { upnProblem } from './new-upn.js';
import { firstShortSku, noFreeSeat, takeSeats } from './seats.js';

const COUNTRY = /^[A-Z]{2}$/;

/** Checks of a new user that need no other users, shared by every adapter; null when the row is fine. */
export function newUserProblem(input: NewUserInput, customer: Customer, knownSkus: ReadonlySet<string>): ServiceError | null {
  const problem = (message: string) => new ServiceError('INVALID_INPUT', message, { upn: input.upn });
  if (!input.displayName.trim()) return problem('A display name is required.');
  const upn = upnProblem(input.upn, customer);
  if (upn === 'invalid') return problem(`${input.upn} is not a valid user name.`);
  if (upn === 'foreign-domain') return problem(`${splitUpn(input.upn).domain.toLowerCase()} is not a domain of ${customer.name}.`);
  if (input.usageLocation !== undefined && !COUNTRY.test(input.usageLocation)) return problem(`${input.usageLocation} is not a two-letter country code.`);
  const unknown = input.licenses.find((sku) => !knownSkus.has(sku));
  if (unknown) return problem(`Subscription ${unknown} does not exist for ${customer.name}.`);
  return null;
}

/** What a batch of new users has used up so far: seats per SKU and names (lower-case). */
export interface NewUserLedger {
  subscriptions: readonly Subscription[];
  free: Map<string, number>;
  claimed: Set<string>;
  /** A name held outside this batch (live or deleted user), lower-case. */
  isTaken: (upnLower: string) => boolean;
}

export type NewUserVerdict = { status: 'ok'; licenses: string[] } | { status: 'taken' } | { status: 'problem'; error: ServiceError };

/**
 * One row of a create: its own checks (problem: the shared ones plus any the directory adds), then its name against
 * every user and the rows before it, then a seat of each license. An admitted row takes its seats and name from the
 * ledger, so a later row cannot have them.
 */
export function admitNewUser(input: NewUserInput, problem: ServiceError | null, ledger: NewUserLedger): NewUserVerdict {
  if (problem) return { status: 'problem', error: problem };
  const lower = input.upn.toLowerCase();
  if (ledger.isTaken(lower) || ledger.claimed.has(lower)) return { status: 'taken' };
  const licenses = [...new Set(input.licenses)];
  const short = firstShortSku(licenses, ledger.free);
  if (short) return { status: 'problem', error: noFreeSeat(short, ledger.subscriptions, ledger.free) };
  takeSeats(ledger.free, licenses);
  ledger.claimed.add(lower);
  return { status: 'ok', licenses };
}

import { ServiceError } from './errors.js';
import type { Customer, NewUserInput } from './types.js';
import { isValidUpn, splitUpn } from './user-names.js';

const COUNTRY = /^[A-Z]{2}$/;

/** Checks of a new user that need no other users, shared by every adapter; null when the row is fine. */
export function newUserProblem(input: NewUserInput, customer: Customer, knownSkus: Set<string>): ServiceError | null {
  const problem = (message: string) => new ServiceError('INVALID_INPUT', message, { upn: input.upn });
  if (!input.displayName.trim()) return problem('A display name is required.');
  if (!isValidUpn(input.upn)) return problem(`${input.upn} is not a valid user name.`);
  const domain = splitUpn(input.upn).domain.toLowerCase();
  if (!customer.domains.some((d) => d.toLowerCase() === domain)) return problem(`${domain} is not a domain of ${customer.name}.`);
  if (input.usageLocation !== undefined && !COUNTRY.test(input.usageLocation)) return problem(`${input.usageLocation} is not a two-letter country code.`);
  const unknown = input.licenses.find((sku) => !knownSkus.has(sku));
  if (unknown) return problem(`Subscription ${unknown} does not exist for ${customer.name}.`);
  return null;
}

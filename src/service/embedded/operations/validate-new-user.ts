import type { Customer, NewUserInput } from '../../types.js';
import { isValidUpn, splitUpn } from '../../user-names.js';

export interface RowProblem {
  code: 'INVALID_INPUT';
  message: string;
}

const COUNTRY = /^[A-Z]{2}$/;

/** Checks that need no other users: names, user name shape and domain, usage location, known SKUs. */
export function validateNewUser(input: NewUserInput, customer: Customer, knownSkus: Set<string>): RowProblem | null {
  const problem = (message: string): RowProblem => ({ code: 'INVALID_INPUT', message });
  if (!input.displayName.trim()) return problem('A display name is required.');
  if (!isValidUpn(input.upn)) return problem(`${input.upn} is not a valid user name.`);
  const domain = splitUpn(input.upn).domain.toLowerCase();
  if (!customer.domains.some((d) => d.toLowerCase() === domain)) return problem(`${domain} is not a domain of ${customer.name}.`);
  if (input.usageLocation !== undefined && !COUNTRY.test(input.usageLocation)) return problem(`${input.usageLocation} is not a two-letter country code.`);
  const unknown = input.licenses.find((sku) => !knownSkus.has(sku));
  if (unknown) return problem(`Subscription ${unknown} does not exist for ${customer.name}.`);
  return null;
}

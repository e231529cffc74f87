import { ServiceError } from '../errors.js';
import type { Customer } from '../types.js';
import { isValidUpn, splitUpn } from '../user-names.js';

/** Whether a user name can be given to a new or restored user of this customer. */

/** 'invalid': not a user name Entra accepts; 'foreign-domain': its domain is not one of the customer's. */
export function upnProblem(upn: string, customer: Pick<Customer, 'domains'>): 'invalid' | 'foreign-domain' | null {
  if (!isValidUpn(upn)) return 'invalid';
  const domain = splitUpn(upn).domain.toLowerCase();
  return customer.domains.some((d) => d.toLowerCase() === domain) ? null : 'foreign-domain';
}

/** The new name asked for on restore: INVALID_INPUT unless valid and of the customer's domains. */
export function restoreUpnProblem(upn: string, customer: Pick<Customer, 'domains' | 'name'>): ServiceError | null {
  return upnProblem(upn, customer) ? new ServiceError('INVALID_INPUT', `${upn} is not a valid user name for ${customer.name}.`, { upn }) : null;
}

/** A one-off create (atomic) refuses a name already held rather than reporting the row as existing. */
export const upnTaken = (upn: string): ServiceError => new ServiceError('CONFLICT', `${upn} is already taken.`, { upn });

export interface UpnHolder {
  id: string;
  name: string;
}

/**
 * Who keeps a restored user from the name: a name claimed by an earlier restore of the same batch; else a live user
 * holding it, or (when a new name was asked for) a deleted user holding it, other than the user itself.
 */
export function restoreUpnTakenBy(upn: string, selfId: string, claimed: ReadonlySet<string>, holders: readonly (UpnHolder | undefined)[]): string | undefined {
  if (claimed.has(upn.toLowerCase())) return upn;
  return holders.find((h) => h !== undefined && h.id !== selfId)?.name;
}

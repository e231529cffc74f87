import type { UserLicenseService } from '../../../ports/directory.js';
import { defaultLocalPart, suggestFreeUpn } from '../../../domain/user-names.js';

export interface ProposedUpn {
  /** The name asked for (or the first.last default). */
  requested: string;
  /** requested when it is free, else the first free requested2, requested3, ... */
  upn: string;
  taken: boolean;
}

/** How many numbered alternatives one look-up checks; more clashes than this are checked in further rounds. */
const BATCH = 20;

/** Candidate user names in order: local@domain, local2@domain, local3@domain, ... */
export function candidateUpns(localPart: string, domain: string, from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => (from + i === 1 ? `${localPart}@${domain}` : `${localPart}${from + i}@${domain}`));
}

/**
 * The user name for a new user: free of live users and of deleted ones (which keep their name for the restore window).
 * Asks the directory in batches, so a name with many clashes still costs only a few look-ups.
 */
export async function proposeUpn(service: UserLicenseService, customerId: string, localPart: string, domain: string): Promise<ProposedUpn> {
  const requested = `${localPart}@${domain}`;
  const inUse = new Set<string>();
  for (let from = 1; ; from += BATCH) {
    const batch = candidateUpns(localPart, domain, from, BATCH);
    for (const upn of await service.upnsInUse(customerId, batch)) inUse.add(upn);
    if (batch.some((u) => !inUse.has(u.toLowerCase()))) break;
  }
  const upn = suggestFreeUpn(localPart, domain, (lower) => inUse.has(lower));
  return { requested, upn, taken: upn !== requested };
}

/** first.last for the given names (at most 64 characters), or undefined when nothing usable is left after folding. */
export function defaultUserName(givenName: string, surname: string): string | undefined {
  return defaultLocalPart(givenName, surname).slice(0, 64).replace(/\.+$/, '') || undefined;
}

/** Directory roles an admin may give a new user; only callers with user.assignAdminRole see or use them. */
export const ADMIN_ROLE_CHOICES = [
  'Global Administrator',
  'User Administrator',
  'Helpdesk Administrator',
  'License Administrator',
  'Billing Administrator',
  'Exchange Administrator',
  'Teams Administrator',
  'SharePoint Administrator',
  'Global Reader',
] as const;

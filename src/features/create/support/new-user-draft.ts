import type { UserLicenseService } from '../../../ports/directory.js';
import { ServiceError } from '../../../domain/errors.js';
import type { Customer, Subscription } from '../../../domain/types.js';
import { isValidLocalPart } from '../../../domain/user-names.js';
import type { CreateUserPayload } from '../changes/create-user.js';
import { ADMIN_ROLE_CHOICES, defaultUserName, proposeUpn } from './new-user-name.js';

/** What the form or the one-line command said; empty fields take the defaults. */
export interface NewUserRequest {
  givenName: string;
  surname: string;
  displayName?: string;
  localPart?: string;
  domain?: string;
  usageLocation?: string;
  skuIds: string[];
  adminRole?: string;
}

export interface NewUserDraft {
  /** Ready to create, with a free user name (the suggestion when the asked-for one is taken). */
  payload: CreateUserPayload;
  /** Set when the user name asked for (or the first.last default) is taken. */
  clash?: { requested: string; suggestion: string };
}

const invalid = (message: string): ServiceError => new ServiceError('INVALID_INPUT', message);

/** Fills in the defaults (display name, first.last, domain, usage location), checks the input, finds a free user name. */
export async function draftNewUser(service: UserLicenseService, customer: Customer, subscriptions: readonly Subscription[], request: NewUserRequest): Promise<NewUserDraft> {
  const givenName = request.givenName.trim();
  const surname = request.surname.trim();
  if (!givenName || !surname) throw invalid('A first name and a last name are needed.');
  const localPart = (request.localPart?.trim() || defaultUserName(givenName, surname) || '').toLowerCase();
  if (!localPart) throw invalid(`No user name can be made from "${givenName} ${surname}"; type one.`);
  if (!isValidLocalPart(localPart)) throw invalid(`"${localPart}" is not a valid user name: use letters, digits, dots, hyphens and underscores, up to 64, with no dot at either end.`);
  const domain = (request.domain?.trim() || customer.defaultDomain).toLowerCase();
  if (!customer.domains.some((d) => d.toLowerCase() === domain)) throw invalid(`${domain} is not a domain of ${customer.name}. Its domains: ${customer.domains.join(', ')}.`);
  const usageLocation = (request.usageLocation?.trim() || customer.usageLocation).toUpperCase();
  if (!/^[A-Z]{2}$/.test(usageLocation)) throw invalid(`"${usageLocation}" is not a two-letter country code (for example ${customer.usageLocation}).`);
  const unknown = request.skuIds.find((id) => !subscriptions.some((s) => s.skuId === id));
  if (unknown) throw invalid(`${customer.name} has no subscription ${unknown}.`);
  const role = request.adminRole?.trim();
  const adminRole = ADMIN_ROLE_CHOICES.find((r) => r === role);
  if (role && role !== 'none' && !adminRole) throw invalid(`"${role}" is not an admin role this bot assigns.`);
  const name = await proposeUpn(service, customer.id, localPart, domain);
  return {
    payload: {
      givenName,
      surname,
      displayName: request.displayName?.trim() || `${givenName} ${surname}`,
      upn: name.upn,
      usageLocation,
      licenses: [...new Set(request.skuIds)],
      adminRoles: adminRole ? [adminRole] : [],
    },
    ...(name.taken ? { clash: { requested: name.requested, suggestion: name.upn } } : {}),
  };
}

export const clashText = (clash: { requested: string; suggestion: string }): string =>
  `${clash.requested} is taken (by a user, or a deleted user who keeps the name for 30 days). ${clash.suggestion} is free.`;

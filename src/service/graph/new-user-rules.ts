import { ServiceError } from '../errors.js';
import type { Customer, NewUserInput } from '../types.js';
import { isValidUpn, splitUpn } from '../user-names.js';

const COUNTRY = /^[A-Z]{2}$/;

/** Checks that need no other users (same rules as the embedded store); null when the row is fine. */
export function newUserProblem(input: NewUserInput, customer: Customer, knownSkus: Set<string>): ServiceError | null {
  const problem = (message: string) => new ServiceError('INVALID_INPUT', message, { upn: input.upn });
  if (!input.displayName.trim()) return problem('A display name is required.');
  if (!isValidUpn(input.upn)) return problem(`${input.upn} is not a valid user name.`);
  const domain = splitUpn(input.upn).domain.toLowerCase();
  if (!customer.domains.some((d) => d.toLowerCase() === domain)) return problem(`${domain} is not a domain of ${customer.name}.`);
  if (input.usageLocation !== undefined && !COUNTRY.test(input.usageLocation)) return problem(`${input.usageLocation} is not a two-letter country code.`);
  const unknown = input.licenses.find((sku) => !knownSkus.has(sku));
  if (unknown) return problem(`Subscription ${unknown} does not exist for ${customer.name}.`);
  // Directory roles need RoleManagement permissions this app does not ask for; assign them in the admin center.
  if (input.adminRoles && input.adminRoles.length > 0) return problem('Admin roles cannot be assigned from here; use the Microsoft 365 admin center.');
  return null;
}

/** The POST /users body. The password is only ever in this object and in the caller's outcome. */
export function newUserBody(input: NewUserInput, usageLocation: string, password: string): Record<string, unknown> {
  const { localPart } = splitUpn(input.upn);
  const optional: Record<string, string | undefined> = {
    jobTitle: input.jobTitle,
    department: input.department,
    officeLocation: input.officeLocation,
    mobilePhone: input.mobilePhone,
    streetAddress: input.streetAddress,
    city: input.city,
    state: input.state,
    postalCode: input.postalCode,
    country: input.country,
  };
  return {
    accountEnabled: true,
    displayName: input.displayName.trim(),
    // mailNickname allows no quote: drop it (o'brien -> obrien); the UPN keeps it.
    mailNickname: localPart.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 64) || 'user',
    userPrincipalName: input.upn,
    usageLocation,
    givenName: input.givenName.trim(),
    surname: input.surname.trim(),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined && v.trim() !== '')),
    ...(input.businessPhone ? { businessPhones: [input.businessPhone] } : {}),
    passwordProfile: { password, forceChangePasswordNextSignIn: true },
  };
}

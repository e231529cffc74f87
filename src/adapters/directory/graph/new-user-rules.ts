import { ServiceError } from '../../../domain/errors.js';
import type { Customer, NewUserInput } from '../../../domain/types.js';
import { splitUpn } from '../../../domain/user-names.js';
import { newUserProblem as sharedNewUserProblem } from '../../../domain/rules/new-user.js';

/** The shared rules, plus admin roles the tenant has (knownRoles: lower-case names); null when the row is fine. */
export function newUserProblem(input: NewUserInput, customer: Customer, knownSkus: Set<string>, knownRoles: ReadonlySet<string>): ServiceError | null {
  const shared = sharedNewUserProblem(input, customer, knownSkus);
  if (shared) return shared;
  const unknownRole = (input.adminRoles ?? []).find((role) => !knownRoles.has(role.trim().toLowerCase()));
  if (unknownRole !== undefined) return new ServiceError('INVALID_INPUT', `"${unknownRole}" is not an admin role of ${customer.name}'s directory.`, { upn: input.upn, role: unknownRole });
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

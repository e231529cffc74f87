import { ServiceError } from '../errors.js';
import type { Customer, NewUserInput } from '../types.js';
import { splitUpn } from '../user-names.js';
import { newUserProblem as sharedNewUserProblem } from '../new-user-rules.js';

/** The shared rules, plus what Graph cannot do from here; null when the row is fine. */
export function newUserProblem(input: NewUserInput, customer: Customer, knownSkus: Set<string>): ServiceError | null {
  const shared = sharedNewUserProblem(input, customer, knownSkus);
  if (shared) return shared;
  // Directory roles need RoleManagement permissions this app does not ask for; assign them in the admin center.
  if (input.adminRoles && input.adminRoles.length > 0) {
    return new ServiceError('INVALID_INPUT', 'Admin roles cannot be assigned from here; use the Microsoft 365 admin center.', { upn: input.upn });
  }
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

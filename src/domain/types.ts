/** Domain types of the user/license service. No transport or SDK types here. */

export interface Customer {
  id: string;
  name: string;
  /** Verified domains; the first is the default for new user names. */
  domains: string[];
  defaultDomain: string;
  /** ISO 3166-1 alpha-2 country code used when a user has none. */
  usageLocation: string;
  tenantId?: string;
}

export interface Subscription {
  skuId: string;
  skuPartNumber: string;
  name: string;
  seatsTotal: number;
  seatsAssigned: number;
}

export const seatsAvailable = (s: Subscription): number => Math.max(0, s.seatsTotal - s.seatsAssigned);

export interface User {
  id: string;
  upn: string;
  displayName: string;
  givenName: string;
  surname: string;
  usageLocation: string | null;
  /** Directory role names held in the customer tenant, e.g. "Global Administrator"; or unknown, never read as none. */
  adminRoles: AdminRoles;
  /** SKU ids of the licenses assigned. */
  licenses: string[];
  createdAt: string;
  jobTitle?: string;
  department?: string;
  mustChangePassword?: boolean;
}

/**
 * Microsoft Graph would not say which directory roles a user holds (the app lacks the permission to read them). An
 * object, not an empty list or a string, so that no caller can take it for "no roles" by checking a length.
 */
export interface UnknownAdminRoles {
  unknown: true;
  /** The Graph permission the app would need, e.g. Directory.Read.All. */
  missingPermission: string;
}

export type AdminRoles = string[] | UnknownAdminRoles;

export const adminRolesKnown = (roles: AdminRoles): roles is string[] => Array.isArray(roles);

/** true or false when known; 'unknown' when Graph would not say (a guard must refuse then). */
export const holdsAdminRole = (user: Pick<User, 'adminRoles'>): boolean | 'unknown' => (adminRolesKnown(user.adminRoles) ? user.adminRoles.length > 0 : 'unknown');

/** For cards: "None", the role names, or that they are unknown and why. */
export const adminRolesText = (roles: AdminRoles): string =>
  adminRolesKnown(roles) ? roles.join(', ') || 'None' : `Roles unknown (the bot lacks ${roles.missingPermission})`;

export interface Actor {
  aadObjectId: string;
  name: string;
}

export interface DeletedUser extends User {
  deletedAt: string;
  deletedBy: Actor;
  /** Last day the user can be restored (deletedAt + 30 days). */
  restorableUntil: string;
}

export type UserFilter =
  | { kind: 'all' }
  | { kind: 'unlicensed' }
  | { kind: 'licensed' }
  | { kind: 'sku'; skuId: string }
  | { kind: 'text'; text: string };

/**
 * A page of a listing. The cursor is opaque and belongs to the directory that issued it (the embedded store encodes a
 * position, Microsoft Graph its @odata.nextLink): directories page on their side, never by reading everything.
 */
export interface PageRequest {
  /** Page.next of an earlier page of the same listing; absent or '' = the first page. */
  cursor?: string;
  /** Items per page; 0 = only the total. */
  top: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** How many items come before this page (for "Showing 21-40 of N"). */
  offset: number;
  top: number;
  /** The cursor of the next page; absent on the last one. */
  next?: string;
}

export interface NewUserInput {
  givenName: string;
  surname: string;
  displayName: string;
  upn: string;
  usageLocation?: string;
  /** SKU ids to assign together with the account. */
  licenses: string[];
  adminRoles?: string[];
  jobTitle?: string;
  department?: string;
  officeLocation?: string;
  businessPhone?: string;
  mobilePhone?: string;
  streetAddress?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
}

export type CreateOutcome =
  | { status: 'created'; input: NewUserInput; user: User; temporaryPassword: string }
  | { status: 'exists'; input: NewUserInput }
  | { status: 'failed'; input: NewUserInput; code: string; message: string };

export interface CreateUsersOptions {
  /** true: every user or none (one-off create); false: each row on its own (imports). */
  atomic: boolean;
}

export interface PasswordReset {
  user: User;
  temporaryPassword: string;
}

export type LicenseOutcome = 'assigned' | 'already-had' | 'removed' | 'did-not-have' | 'no-seat';

export interface LicenseChangeRequest {
  userIds: string[];
  add: string[];
  remove: string[];
}

export interface UserLicenseResult {
  userId: string;
  upn: string;
  displayName: string;
  /** skuId -> what happened to it for this user. */
  outcomes: Record<string, LicenseOutcome>;
  /** Set when the user had no usage location and the customer's default was applied first. */
  usageLocationSet?: string;
}

export interface LicenseChangeOptions {
  /**
   * 'fail': if any subscription lacks seats for the whole request, nothing changes (NO_SEATS).
   * 'partial': users beyond the free seats get 'no-seat' and the rest are applied.
   */
  onShortage: 'fail' | 'partial';
}

export interface LicenseChangeResult {
  users: UserLicenseResult[];
  subscriptions: Subscription[];
}

export interface RestoreRequest {
  userId: string;
  /** Restore under another user name when the old one is taken. */
  newUpn?: string;
}

export type RestoreOutcome =
  | {
      status: 'restored';
      user: User;
      licensesRestored: string[];
      licensesNotRestored: string[];
      /** Restored, but not under the new name asked for (Graph v1.0 restores first, then renames): why not. */
      renameFailed?: { wanted: string; reason: string };
    }
  | { status: 'upn-taken'; userId: string; upn: string; takenBy: string }
  | { status: 'expired'; userId: string; upn: string }
  | { status: 'not-found'; userId: string };

/** Who a directory write acts for (adapters record it, e.g. as deletedBy). */
export interface ActorContext {
  actor: Actor;
}

export const RESTORE_WINDOW_DAYS = 30;

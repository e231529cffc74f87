import type {
  Customer,
  CreateOutcome,
  CreateUsersOptions,
  DeletedUser,
  LicenseChangeOptions,
  LicenseChangeRequest,
  LicenseChangeResult,
  NewUserInput,
  ActorContext,
  Page,
  PageRequest,
  PasswordReset,
  RestoreOutcome,
  RestoreRequest,
  Subscription,
  User,
  UserFilter,
} from '../domain/types.js';

/**
 * The one port the bot talks to. Implemented by the embedded lowdb store and by Microsoft Graph.
 * Every mutation is all-or-nothing for what it reports as done, and throws ServiceError with a stable code.
 */
export interface UserLicenseService {
  listCustomers(): Promise<Customer[]>;
  getCustomer(customerId: string): Promise<Customer>;

  listUsers(customerId: string, filter: UserFilter, page: PageRequest): Promise<Page<User>>;
  /** By id or user principal name (case-insensitive). */
  getUser(customerId: string, idOrUpn: string): Promise<User>;
  /** Of the given UPNs, those held by a live or a deleted (still restorable) user. Lower-case. */
  upnsInUse(customerId: string, upns: string[]): Promise<Set<string>>;

  listSubscriptions(customerId: string): Promise<Subscription[]>;

  createUsers(customerId: string, users: NewUserInput[], ctx: ActorContext, options: CreateUsersOptions): Promise<CreateOutcome[]>;
  resetPassword(customerId: string, userId: string, ctx: ActorContext): Promise<PasswordReset>;

  changeLicenses(customerId: string, request: LicenseChangeRequest, ctx: ActorContext, options: LicenseChangeOptions): Promise<LicenseChangeResult>;

  deleteUsers(customerId: string, userIds: string[], ctx: ActorContext): Promise<DeletedUser[]>;
  listDeletedUsers(customerId: string, page: PageRequest): Promise<Page<DeletedUser>>;
  getDeletedUser(customerId: string, idOrUpn: string): Promise<DeletedUser>;
  restoreUsers(customerId: string, requests: RestoreRequest[], ctx: ActorContext): Promise<RestoreOutcome[]>;
  /** Permanently removes deleted users past the restore window; returns who was purged. */
  purgeExpired(customerId: string): Promise<DeletedUser[]>;
}

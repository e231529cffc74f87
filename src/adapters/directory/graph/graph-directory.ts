import type { UserLicenseService } from '../../../ports/directory.js';
import type {
  CreateOutcome,
  CreateUsersOptions,
  Customer,
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
} from '../../../domain/types.js';
import type { GraphContext } from './context.js';
import { changeLicenses } from './change-licenses.js';
import { createUsers } from './create-users.js';
import { deleteUsers } from './delete-users.js';
import { getDeletedUser, listDeletedUsers, purgeExpired } from './deleted-users.js';
import { getUser, listUsers, upnsInUse } from './read-users.js';
import { resetPassword } from './reset-password.js';
import { restoreUsers } from './restore-users.js';
import { listSubscriptions } from './subscriptions.js';

/** UserLicenseService on Microsoft Graph v1.0, one customer tenant per customer; each operation lives in its own file. */
export class GraphDirectory implements UserLicenseService {
  constructor(private readonly ctx: GraphContext) {}

  /** HTTP requests sent to Graph so far ($batch counts once). */
  get requestCount(): number {
    return this.ctx.client.requests;
  }

  async listCustomers(): Promise<Customer[]> {
    return this.ctx.customers.list();
  }

  getCustomer(customerId: string): Promise<Customer> {
    return this.ctx.customers.get(customerId);
  }

  listUsers(customerId: string, filter: UserFilter, page: PageRequest): Promise<Page<User>> {
    return listUsers(this.ctx, customerId, filter, page);
  }

  getUser(customerId: string, idOrUpn: string): Promise<User> {
    return getUser(this.ctx, customerId, idOrUpn);
  }

  upnsInUse(customerId: string, upns: string[]): Promise<Set<string>> {
    return upnsInUse(this.ctx, customerId, upns);
  }

  listSubscriptions(customerId: string): Promise<Subscription[]> {
    return listSubscriptions(this.ctx, customerId);
  }

  createUsers(customerId: string, users: NewUserInput[], _op: ActorContext, options: CreateUsersOptions): Promise<CreateOutcome[]> {
    return createUsers(this.ctx, customerId, users, options);
  }

  resetPassword(customerId: string, userId: string, _op: ActorContext): Promise<PasswordReset> {
    return resetPassword(this.ctx, customerId, userId);
  }

  changeLicenses(customerId: string, request: LicenseChangeRequest, _op: ActorContext, options: LicenseChangeOptions): Promise<LicenseChangeResult> {
    return changeLicenses(this.ctx, customerId, request, options);
  }

  deleteUsers(customerId: string, userIds: string[], op: ActorContext): Promise<DeletedUser[]> {
    return deleteUsers(this.ctx, customerId, userIds, op.actor);
  }

  listDeletedUsers(customerId: string, page: PageRequest): Promise<Page<DeletedUser>> {
    return listDeletedUsers(this.ctx, customerId, page);
  }

  getDeletedUser(customerId: string, idOrUpn: string): Promise<DeletedUser> {
    return getDeletedUser(this.ctx, customerId, idOrUpn);
  }

  restoreUsers(customerId: string, requests: RestoreRequest[], _op: ActorContext): Promise<RestoreOutcome[]> {
    return restoreUsers(this.ctx, customerId, requests);
  }

  purgeExpired(customerId: string): Promise<DeletedUser[]> {
    return purgeExpired(this.ctx, customerId);
  }
}

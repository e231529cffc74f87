import { readdir, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ServiceError, notFound } from '../../../domain/errors.js';
import type { UserLicenseService } from '../../../ports/directory.js';
import type { Clock } from '../../../domain/clock.js';
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
import { CustomerState, searchKeyOf, toDeletedUser, toUser } from './customer-state.js';
import { foldToAscii } from '../../../domain/user-names.js';
import { offsetOf, offsetPage } from '../../../domain/offset-page.js';
import type { CustomerFile, StoredUser } from './schema.js';
import { createUsers } from './mutations/create-users.js';
import { resetPassword } from './mutations/reset-password.js';
import { changeLicenses } from './mutations/change-licenses.js';
import { deleteUsers } from './mutations/delete-users.js';
import { restoreUsers, purgeExpired } from './mutations/restore-users.js';

const matchers: { [K in UserFilter['kind']]: (f: Extract<UserFilter, { kind: K }>, state: CustomerState) => (u: StoredUser) => boolean } = {
  all: () => () => true,
  unlicensed: () => (u) => u.licenses.length === 0,
  licensed: () => (u) => u.licenses.length > 0,
  sku: (f, state) => {
    const sku = state.canonicalSku(f.skuId);
    return (u) => u.licenses.includes(sku);
  },
  // listUsers answers text filters from the precomputed search keys; this one serves any other caller.
  text: (f) => {
    const needle = foldToAscii(f.text.trim());
    return (u) => searchKeyOf(u).includes(needle);
  },
};

/** The embedded directory: one CustomerState (one JSON file) per customer under DATA_DIR/customers. */
export class EmbeddedDirectory implements UserLicenseService {
  private constructor(
    private readonly states: Map<string, CustomerState>,
    private readonly dir: string,
    readonly clock: Clock,
  ) {}

  static customersDir(dataDir: string): string {
    return path.join(dataDir, 'customers');
  }

  /** Loads every customer file; an invalid file stops start-up with an error naming it. */
  static async open(dataDir: string, clock: Clock): Promise<EmbeddedDirectory> {
    const dir = EmbeddedDirectory.customersDir(dataDir);
    await mkdir(dir, { recursive: true });
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
    const states = new Map<string, CustomerState>();
    for (const file of files) {
      const state = await CustomerState.load(path.join(dir, file));
      states.set(state.customer.id, state);
    }
    return new EmbeddedDirectory(states, dir, clock);
  }

  async addCustomer(data: CustomerFile): Promise<void> {
    if (this.states.has(data.customer.id)) throw new ServiceError('CONFLICT', `Customer ${data.customer.name} exists already.`);
    this.states.set(data.customer.id, await CustomerState.create(path.join(this.dir, `${data.customer.id}.json`), data));
  }

  /** Test and benchmark hook: the in-memory state of one customer. */
  state(customerId: string): CustomerState {
    const state = this.states.get(customerId);
    if (!state) throw notFound('Customer', customerId);
    return state;
  }

  /** Resolves when every pending write has finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.states.values()].map((s) => s.idle()));
  }

  async listCustomers(): Promise<Customer[]> {
    return [...this.states.values()].map((s) => s.customer).sort((a, b) => a.name.localeCompare(b.name));
  }

  async getCustomer(customerId: string): Promise<Customer> {
    return this.state(customerId).customer;
  }

  async listUsers(customerId: string, filter: UserFilter, page: PageRequest): Promise<Page<User>> {
    const state = this.state(customerId);
    const users = state.sortedUsers();
    const skip = offsetOf(page);
    if (filter.kind === 'all') return offsetPage(users.slice(skip, skip + page.top).map(toUser), users.length, skip, page.top);
    const needle = filter.kind === 'text' ? foldToAscii(filter.text.trim()) : '';
    const keys = state.sortedSearchKeys();
    const matches = filter.kind === 'text' ? (_u: StoredUser, i: number) => (keys[i] as string).includes(needle) : (matchers[filter.kind] as (f: UserFilter, s: CustomerState) => (u: StoredUser) => boolean)(filter, state);
    const items: User[] = [];
    let total = 0;
    for (let i = 0; i < users.length; i++) {
      const user = users[i] as StoredUser;
      if (!matches(user, i)) continue;
      if (total >= skip && items.length < page.top) items.push(toUser(user));
      total++;
    }
    return offsetPage(items, total, skip, page.top);
  }

  async getUser(customerId: string, idOrUpn: string): Promise<User> {
    const user = this.state(customerId).findUser(idOrUpn.trim());
    if (!user) throw notFound('User', idOrUpn);
    return toUser(user);
  }

  async upnsInUse(customerId: string, upns: string[]): Promise<Set<string>> {
    const state = this.state(customerId);
    return new Set(upns.map((u) => u.toLowerCase()).filter((u) => state.upnHolder(u)));
  }

  async listSubscriptions(customerId: string): Promise<Subscription[]> {
    return this.state(customerId).subscriptions();
  }

  async listDeletedUsers(customerId: string, page: PageRequest): Promise<Page<DeletedUser>> {
    const deleted = [...this.state(customerId).deletedUsers()].sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
    const skip = offsetOf(page);
    return offsetPage(deleted.slice(skip, skip + page.top).map(toDeletedUser), deleted.length, skip, page.top);
  }

  async getDeletedUser(customerId: string, idOrUpn: string): Promise<DeletedUser> {
    const user = this.state(customerId).findDeleted(idOrUpn.trim());
    if (!user) throw notFound('Deleted user', idOrUpn);
    return toDeletedUser(user);
  }

  createUsers(customerId: string, users: NewUserInput[], ctx: ActorContext, options: CreateUsersOptions): Promise<CreateOutcome[]> {
    return createUsers(this.state(customerId), users, ctx, options, this.clock);
  }

  resetPassword(customerId: string, userId: string, ctx: ActorContext): Promise<PasswordReset> {
    return resetPassword(this.state(customerId), userId, ctx);
  }

  changeLicenses(customerId: string, request: LicenseChangeRequest, ctx: ActorContext, options: LicenseChangeOptions): Promise<LicenseChangeResult> {
    return changeLicenses(this.state(customerId), request, ctx, options);
  }

  deleteUsers(customerId: string, userIds: string[], ctx: ActorContext): Promise<DeletedUser[]> {
    return deleteUsers(this.state(customerId), userIds, ctx, this.clock);
  }

  restoreUsers(customerId: string, requests: RestoreRequest[], ctx: ActorContext): Promise<RestoreOutcome[]> {
    return restoreUsers(this.state(customerId), requests, ctx, this.clock);
  }

  purgeExpired(customerId: string): Promise<DeletedUser[]> {
    return purgeExpired(this.state(customerId), this.clock);
  }
}

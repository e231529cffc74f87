import { Low } from 'lowdb';
import { CoalescingWriter } from './coalescing-writer.js';
import { DurableJsonFile } from './durable-file.js';
import { customerFileSchema, type CustomerFile, type StoredDeletedUser, type StoredUser } from './schema.js';
import { RESTORE_WINDOW_DAYS, type Customer, type DeletedUser, type Subscription, type User } from '../types.js';
import { DAY_MS } from '../clock.js';

export function toUser(stored: StoredUser): User {
  const { credential: _credential, ...user } = stored;
  return { ...user, adminRoles: [...user.adminRoles], licenses: [...user.licenses] };
}

export function toDeletedUser(stored: StoredDeletedUser): DeletedUser {
  const { credential: _credential, ...user } = stored;
  const restorableUntil = new Date(Date.parse(user.deletedAt) + RESTORE_WINDOW_DAYS * DAY_MS).toISOString();
  return { ...user, adminRoles: [...user.adminRoles], licenses: [...user.licenses], restorableUntil };
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * One customer's data in memory, with the indexes that keep lookups O(1) and filters a single pass,
 * persisted as one compact JSON file. Mutations change memory synchronously (so seat checks cannot race),
 * then call persist(), which coalesces concurrent operations into as few durable writes as possible.
 */
export class CustomerState {
  private readonly byId = new Map<string, StoredUser>();
  private readonly byUpn = new Map<string, StoredUser>();
  private readonly deletedById = new Map<string, StoredDeletedUser>();
  private readonly deletedByUpn = new Map<string, StoredDeletedUser>();
  private readonly assigned = new Map<string, number>();
  private readonly searchKeys = new WeakMap<StoredUser, string>();
  private sorted: StoredUser[] | null = null;
  private readonly writer: CoalescingWriter;

  private constructor(
    private readonly db: Low<CustomerFile>,
    private readonly file: DurableJsonFile<CustomerFile>,
  ) {
    this.rebuildIndexes();
    this.writer = new CoalescingWriter(
      () => this.file.writeText(JSON.stringify(this.db.data)),
      () => this.reload(),
    );
  }

  static async load(filename: string): Promise<CustomerState> {
    const file = new DurableJsonFile(filename, customerFileSchema);
    const db = new Low<CustomerFile>(file, null as unknown as CustomerFile);
    await db.read();
    if (!db.data) throw new Error(`${filename} is empty`);
    return new CustomerState(db, file);
  }

  static async create(filename: string, data: CustomerFile): Promise<CustomerState> {
    const file = new DurableJsonFile(filename, customerFileSchema);
    const parsed = customerFileSchema.parse(data);
    await file.write(parsed);
    const db = new Low<CustomerFile>(file, parsed);
    return new CustomerState(db, file);
  }

  get customer(): Customer {
    return { ...this.db.data.customer, domains: [...this.db.data.customer.domains] };
  }

  get data(): CustomerFile {
    return this.db.data;
  }

  /** Live users sorted by display name (cached until the next change). */
  sortedUsers(): readonly StoredUser[] {
    this.sorted ??= [...this.db.data.users].sort((a, b) => collator.compare(a.displayName, b.displayName) || collator.compare(a.upn, b.upn));
    return this.sorted;
  }

  searchKey(user: StoredUser): string {
    let key = this.searchKeys.get(user);
    if (key === undefined) {
      key = `${user.displayName}\u0000${user.upn}\u0000${user.givenName} ${user.surname}`.toLowerCase();
      this.searchKeys.set(user, key);
    }
    return key;
  }

  findUser(idOrUpn: string): StoredUser | undefined {
    return this.byId.get(idOrUpn) ?? this.byUpn.get(idOrUpn.toLowerCase());
  }

  findDeleted(idOrUpn: string): StoredDeletedUser | undefined {
    return this.deletedById.get(idOrUpn) ?? this.deletedByUpn.get(idOrUpn.toLowerCase());
  }

  /** Live or deleted user holding this UPN (lower-case). */
  upnHolder(upnLower: string): StoredUser | StoredDeletedUser | undefined {
    return this.byUpn.get(upnLower) ?? this.deletedByUpn.get(upnLower);
  }

  deletedUsers(): readonly StoredDeletedUser[] {
    return this.db.data.deletedUsers;
  }

  subscriptions(): Subscription[] {
    return this.db.data.subscriptions.map((s) => ({ ...s, seatsAssigned: this.assigned.get(s.skuId) ?? 0 }));
  }

  seatsFree(skuId: string): number {
    const sub = this.db.data.subscriptions.find((s) => s.skuId === skuId);
    return sub ? Math.max(0, sub.seatsTotal - (this.assigned.get(skuId) ?? 0)) : 0;
  }

  // --- mutations: call these only after every check of the operation has passed ---

  addUser(user: StoredUser): void {
    this.db.data.users.push(user);
    this.indexUser(user);
    for (const sku of user.licenses) this.bump(sku, 1);
    this.sorted = null;
  }

  removeUser(user: StoredUser): void {
    const users = this.db.data.users;
    const at = users.indexOf(user);
    if (at >= 0) users.splice(at, 1);
    this.byId.delete(user.id);
    this.byUpn.delete(user.upn.toLowerCase());
    for (const sku of user.licenses) this.bump(sku, -1);
    this.sorted = null;
  }

  /** Removes many users in one pass (a per-user splice would be quadratic on large tenants). */
  removeUsers(toRemove: Set<StoredUser>): void {
    this.db.data.users = this.db.data.users.filter((u) => !toRemove.has(u));
    for (const user of toRemove) {
      this.byId.delete(user.id);
      this.byUpn.delete(user.upn.toLowerCase());
      for (const sku of user.licenses) this.bump(sku, -1);
    }
    this.sorted = null;
  }

  setLicenses(user: StoredUser, licenses: string[]): void {
    for (const sku of user.licenses) this.bump(sku, -1);
    user.licenses = [...licenses];
    for (const sku of user.licenses) this.bump(sku, 1);
  }

  /** Call after changing fields that searching or sorting use. */
  touched(user: StoredUser): void {
    this.searchKeys.delete(user);
    this.sorted = null;
  }

  addDeleted(user: StoredDeletedUser): void {
    this.db.data.deletedUsers.push(user);
    this.deletedById.set(user.id, user);
    this.deletedByUpn.set(user.upn.toLowerCase(), user);
  }

  removeDeleted(users: Set<StoredDeletedUser>): void {
    this.db.data.deletedUsers = this.db.data.deletedUsers.filter((u) => !users.has(u));
    for (const user of users) {
      this.deletedById.delete(user.id);
      this.deletedByUpn.delete(user.upn.toLowerCase());
    }
  }

  /** One durable write for everything changed since the last one started. */
  persist(): Promise<void> {
    return this.writer.persist();
  }

  idle(): Promise<void> {
    return this.writer.idle();
  }

  private async reload(): Promise<void> {
    await this.db.read();
    this.rebuildIndexes();
  }

  private indexUser(user: StoredUser): void {
    this.byId.set(user.id, user);
    this.byUpn.set(user.upn.toLowerCase(), user);
  }

  private bump(skuId: string, by: number): void {
    this.assigned.set(skuId, (this.assigned.get(skuId) ?? 0) + by);
  }

  private rebuildIndexes(): void {
    this.byId.clear();
    this.byUpn.clear();
    this.deletedById.clear();
    this.deletedByUpn.clear();
    this.assigned.clear();
    this.sorted = null;
    for (const user of this.db.data.users) {
      this.indexUser(user);
      for (const sku of user.licenses) this.bump(sku, 1);
    }
    for (const user of this.db.data.deletedUsers) {
      this.deletedById.set(user.id, user);
      this.deletedByUpn.set(user.upn.toLowerCase(), user);
    }
  }
}

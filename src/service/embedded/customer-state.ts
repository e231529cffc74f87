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
const byDisplayName = (a: StoredUser, b: StoredUser): number => collator.compare(a.displayName, b.displayName) || collator.compare(a.upn, b.upn);
const searchKeyOf = (user: StoredUser): string => `${user.displayName}\u0000${user.upn}\u0000${user.givenName} ${user.surname}`.toLowerCase();

/** Past this many single inserts into the sorted list, sorting afresh on the next read is cheaper than splicing. */
const MAX_SORTED_INSERTS = 2000;

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
  /** Live users in display order and their search keys, index for index; kept up to date, rebuilt when dropped. */
  private sorted: StoredUser[] | null = null;
  private sortedKeys: string[] = [];
  private insertsSinceSort = 0;
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
    if (!this.sorted) {
      this.sorted = [...this.db.data.users].sort(byDisplayName);
      this.sortedKeys = this.sorted.map(searchKeyOf);
      this.insertsSinceSort = 0;
    }
    return this.sorted;
  }

  /** Lower-case search text of each user of sortedUsers(), at the same index. */
  sortedSearchKeys(): readonly string[] {
    this.sortedUsers();
    return this.sortedKeys;
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
    this.insertSorted(user);
  }

  removeUser(user: StoredUser): void {
    const users = this.db.data.users;
    const at = users.indexOf(user);
    if (at >= 0) users.splice(at, 1);
    this.byId.delete(user.id);
    this.byUpn.delete(user.upn.toLowerCase());
    for (const sku of user.licenses) this.bump(sku, -1);
    this.removeSorted(new Set([user]));
  }

  /** Removes many users in one pass (a per-user splice would be quadratic on large tenants). */
  removeUsers(toRemove: Set<StoredUser>): void {
    this.db.data.users = this.db.data.users.filter((u) => !toRemove.has(u));
    for (const user of toRemove) {
      this.byId.delete(user.id);
      this.byUpn.delete(user.upn.toLowerCase());
      for (const sku of user.licenses) this.bump(sku, -1);
    }
    this.removeSorted(toRemove);
  }

  setLicenses(user: StoredUser, licenses: string[]): void {
    for (const sku of user.licenses) this.bump(sku, -1);
    user.licenses = [...licenses];
    for (const sku of user.licenses) this.bump(sku, 1);
  }

  /** Call after changing fields that searching or sorting use. */
  touched(user: StoredUser): void {
    this.removeSorted(new Set([user]));
    this.insertSorted(user);
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

  /** Binary insertion after equal names (as the stable full sort would place a later user). */
  private insertSorted(user: StoredUser): void {
    const sorted = this.sorted;
    if (!sorted) return;
    if (++this.insertsSinceSort > MAX_SORTED_INSERTS) {
      this.sorted = null;
      return;
    }
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (byDisplayName(sorted[mid] as StoredUser, user) <= 0) low = mid + 1;
      else high = mid;
    }
    sorted.splice(low, 0, user);
    this.sortedKeys.splice(low, 0, searchKeyOf(user));
  }

  private removeSorted(users: ReadonlySet<StoredUser>): void {
    const sorted = this.sorted;
    if (!sorted) return;
    const keep: StoredUser[] = [];
    const keys: string[] = [];
    sorted.forEach((user, i) => {
      if (users.has(user)) return;
      keep.push(user);
      keys.push(this.sortedKeys[i] as string);
    });
    this.sorted = keep;
    this.sortedKeys = keys;
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

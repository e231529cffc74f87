import { stat } from 'node:fs/promises';
import { Low } from 'lowdb';
import { CoalescingWriter } from '../../files/coalescing-writer.js';
import { DurableJsonFile } from '../../files/durable-file.js';
import { Journal, replay, type JournalRecord } from './journal.js';
import { customerFileSchema, type CustomerFile, type StoredDeletedUser, type StoredUser } from './schema.js';
import type { Customer, DeletedUser, Subscription, User } from '../../../domain/types.js';
import { restorableUntil } from '../../../domain/rules/restore-window.js';
import { SortedUsers } from './sorted-users.js';

export { searchKeyOf } from './sorted-users.js';

export function toUser(stored: StoredUser): User {
  const { credential: _credential, ...user } = stored;
  return { ...user, adminRoles: [...user.adminRoles], licenses: [...user.licenses] };
}

export function toDeletedUser(stored: StoredDeletedUser): DeletedUser {
  const { credential: _credential, ...user } = stored;
  return { ...user, adminRoles: [...user.adminRoles], licenses: [...user.licenses], restorableUntil: restorableUntil(user.deletedAt) };
}


const journalFileOf = (snapshot: string): string => snapshot.replace(/\.json$/, '.journal');

/**
 * One customer's data in memory, with the indexes that keep lookups O(1) and filters a single pass, persisted as a
 * compact JSON snapshot plus an append-only journal of changes. Mutations change memory synchronously (so seat checks
 * cannot race) and record what they touched; persist() appends those records as one durable write, coalescing
 * concurrent operations. The snapshot is rewritten only when the journal has grown large.
 */
export class CustomerState {
  /** Rewrite the snapshot once the journal is this large (or half the snapshot, whichever is more). */
  static journalLimitBytes = 4 * 1024 * 1024;

  private readonly byId = new Map<string, StoredUser>();
  private readonly byUpn = new Map<string, StoredUser>();
  private readonly deletedById = new Map<string, StoredDeletedUser>();
  private readonly deletedByUpn = new Map<string, StoredDeletedUser>();
  private readonly assigned = new Map<string, number>();
  private readonly skuStrings = new Map<string, string>();
  /** Live users in display order and their search keys; sorted once at load, then kept up to date. */
  private sorted!: SortedUsers;
  private readonly writer: CoalescingWriter;
  /** Changes made in memory since the last journal record was taken. */
  private pending = { users: new Map<string, StoredUser>(), removedUsers: new Set<string>(), deleted: new Map<string, StoredDeletedUser>(), removedDeleted: new Set<string>() };
  private snapshotBytes = 0;

  private constructor(
    private readonly db: Low<CustomerFile>,
    private readonly file: DurableJsonFile<CustomerFile>,
    private readonly journal: Journal,
  ) {
    this.rebuildIndexes();
    this.writer = new CoalescingWriter(
      () => this.writeChanges(),
      () => this.reload(),
    );
  }

  static async load(filename: string): Promise<CustomerState> {
    const file = new DurableJsonFile(filename, customerFileSchema);
    const db = new Low<CustomerFile>(file, null as unknown as CustomerFile);
    const journal = new Journal(journalFileOf(filename));
    await CustomerState.readInto(db, journal);
    const state = new CustomerState(db, file, journal);
    state.snapshotBytes = (await stat(filename)).size;
    return state;
  }

  static async create(filename: string, data: CustomerFile): Promise<CustomerState> {
    const file = new DurableJsonFile(filename, customerFileSchema);
    const parsed = customerFileSchema.parse(data);
    const journal = new Journal(journalFileOf(filename));
    await file.write(parsed);
    await journal.clear();
    const db = new Low<CustomerFile>(file, parsed);
    return new CustomerState(db, file, journal);
  }

  /** A customer's stored data as it would load: the snapshot with its journal replayed (for tests and tools). */
  static async readStored(filename: string): Promise<CustomerFile> {
    const db = new Low<CustomerFile>(new DurableJsonFile(filename, customerFileSchema), null as unknown as CustomerFile);
    await CustomerState.readInto(db, new Journal(journalFileOf(filename)));
    return db.data;
  }

  private static async readInto(db: Low<CustomerFile>, journal: Journal): Promise<void> {
    await db.read();
    if (!db.data) throw new Error(`${journal.filename.replace(/\.journal$/, '.json')} is empty`);
    replay(db.data, await journal.read());
  }

  get customer(): Customer {
    return { ...this.db.data.customer, domains: [...this.db.data.customer.domains] };
  }

  get data(): CustomerFile {
    return this.db.data;
  }

  /** Live users sorted by display name. */
  sortedUsers(): readonly StoredUser[] {
    return this.sorted.list();
  }

  /** Lower-case search text of each user of sortedUsers(), at the same index. */
  sortedSearchKeys(): readonly string[] {
    return this.sorted.searchKeys();
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

  // --- mutations: call these only after every check of the operation has passed ---

  addUser(user: StoredUser): void {
    user.licenses = user.licenses.map((sku) => this.canonicalSku(sku));
    this.changedUser(user);
    this.db.data.users.push(user);
    this.indexUser(user);
    for (const sku of user.licenses) this.bump(sku, 1);
    this.sorted.insert(user);
  }

  removeUser(user: StoredUser): void {
    const users = this.db.data.users;
    const at = users.indexOf(user);
    if (at >= 0) users.splice(at, 1);
    this.byId.delete(user.id);
    this.byUpn.delete(user.upn.toLowerCase());
    for (const sku of user.licenses) this.bump(sku, -1);
    this.removedUser(user);
    this.sorted.remove(new Set([user]));
  }

  /** Removes many users in one pass (a per-user splice would be quadratic on large tenants). */
  removeUsers(toRemove: Set<StoredUser>): void {
    this.db.data.users = this.db.data.users.filter((u) => !toRemove.has(u));
    for (const user of toRemove) {
      this.byId.delete(user.id);
      this.byUpn.delete(user.upn.toLowerCase());
      for (const sku of user.licenses) this.bump(sku, -1);
      this.removedUser(user);
    }
    this.sorted.remove(toRemove);
  }

  setLicenses(user: StoredUser, licenses: string[]): void {
    for (const sku of user.licenses) this.bump(sku, -1);
    user.licenses = licenses.map((sku) => this.canonicalSku(sku));
    for (const sku of user.licenses) this.bump(sku, 1);
    this.changedUser(user);
  }

  /** Call after changing any other field of a stored user (password hash, usage location, ...). */
  changed(user: StoredUser): void {
    this.changedUser(user);
  }

  /** Call after changing fields that searching or sorting use. */
  touched(user: StoredUser): void {
    this.changedUser(user);
    this.sorted.remove(new Set([user]));
    this.sorted.insert(user);
  }

  addDeleted(user: StoredDeletedUser): void {
    this.pending.deleted.set(user.id, user);
    this.pending.removedDeleted.delete(user.id);
    this.db.data.deletedUsers.push(user);
    this.deletedById.set(user.id, user);
    this.deletedByUpn.set(user.upn.toLowerCase(), user);
  }

  removeDeleted(users: Set<StoredDeletedUser>): void {
    this.db.data.deletedUsers = this.db.data.deletedUsers.filter((u) => !users.has(u));
    for (const user of users) {
      this.deletedById.delete(user.id);
      this.deletedByUpn.delete(user.upn.toLowerCase());
      this.pending.deleted.delete(user.id);
      this.pending.removedDeleted.add(user.id);
    }
  }

  /** One durable write for everything changed since the last one started. */
  persist(): Promise<void> {
    return this.writer.persist();
  }

  idle(): Promise<void> {
    return this.writer.idle();
  }

  private changedUser(user: StoredUser): void {
    this.pending.users.set(user.id, user);
    this.pending.removedUsers.delete(user.id);
  }

  private removedUser(user: StoredUser): void {
    this.pending.users.delete(user.id);
    this.pending.removedUsers.add(user.id);
  }

  /** Takes the pending changes as one record; synchronous, so later changes go into the next record. */
  private takePending(): JournalRecord {
    const { users, removedUsers, deleted, removedDeleted } = this.pending;
    this.pending = { users: new Map(), removedUsers: new Set(), deleted: new Map(), removedDeleted: new Set() };
    // Serialized now: the objects may change again before the append completes.
    return JSON.parse(JSON.stringify({ users: [...users.values()], removedUserIds: [...removedUsers], deleted: [...deleted.values()], removedDeletedIds: [...removedDeleted] })) as JournalRecord;
  }

  private async writeChanges(): Promise<void> {
    await this.journal.append(this.takePending());
    const nothingPending = this.pending.users.size + this.pending.removedUsers.size + this.pending.deleted.size + this.pending.removedDeleted.size === 0;
    // Only a snapshot of acknowledged state may replace the journal: never one holding changes not yet written.
    if (nothingPending && this.journal.size > Math.max(CustomerState.journalLimitBytes, this.snapshotBytes / 2)) {
      const text = JSON.stringify(this.db.data);
      // The change is durable in the journal already: a snapshot that cannot be written (a full disk, logged by
      // the durable file) must not report it as failed; the next write tries again.
      try {
        await this.file.writeText(text);
      } catch {
        return;
      }
      this.snapshotBytes = text.length;
      await this.journal.clear();
    }
  }

  private async reload(): Promise<void> {
    this.pending = { users: new Map(), removedUsers: new Set(), deleted: new Map(), removedDeleted: new Set() };
    await CustomerState.readInto(this.db, this.journal);
    this.rebuildIndexes();
  }

  private indexUser(user: StoredUser): void {
    this.byId.set(user.id, user);
    this.byUpn.set(user.upn.toLowerCase(), user);
  }

  /**
   * The subscription's own string for a SKU id. Every user's license list holds these very strings, so a SKU filter
   * over 50,000 users compares pointers instead of 36 characters each time.
   */
  canonicalSku(skuId: string): string {
    return this.skuStrings.get(skuId) ?? skuId;
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
    this.skuStrings.clear();
    for (const sub of this.db.data.subscriptions) this.skuStrings.set(sub.skuId, sub.skuId);
    for (const user of this.db.data.users) {
      user.licenses = user.licenses.map((sku) => this.canonicalSku(sku));
      this.indexUser(user);
      for (const sku of user.licenses) this.bump(sku, 1);
    }
    for (const user of this.db.data.deletedUsers) {
      this.deletedById.set(user.id, user);
      this.deletedByUpn.set(user.upn.toLowerCase(), user);
    }
    // The one full sort, at load: every later change keeps the order up to date, so no request pays for a sort.
    this.sorted = new SortedUsers(this.db.data.users);
  }
}

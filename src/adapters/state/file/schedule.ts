import { randomUUID } from 'node:crypto';
import type { ScheduleStore } from '../../../ports/state/schedule.js';
import type { ScheduledItem } from '../../../ports/state/records.js';
import { copy, type AppFile, type StoredItem } from './app-file.js';

const asItem = ({ leaseUntil: _lease, ...item }: StoredItem): ScheduledItem => copy(item);

/** Scheduled work in app.json (`scheduled`); claims lease with no await in between (one process owns the file). */
export class FileScheduleStore implements ScheduleStore {
  constructor(private readonly file: AppFile) {}

  private find(kind: string, key: string): StoredItem | undefined {
    return this.file.data.scheduled.find((s) => s.kind === kind && s.key === key);
  }

  async schedule(item: Omit<ScheduledItem, 'id' | 'attempts'>): Promise<void> {
    const data = this.file.data;
    data.scheduled = [...data.scheduled.filter((s) => !(s.kind === item.kind && s.key === item.key)), { ...copy(item), id: randomUUID(), attempts: 0 }];
    await this.file.persist();
  }

  async get(kind: string, key: string): Promise<ScheduledItem | undefined> {
    const found = this.find(kind, key);
    return found ? asItem(found) : undefined;
  }

  async list(kind: string): Promise<ScheduledItem[]> {
    return this.file.data.scheduled.filter((s) => s.kind === kind).sort((a, b) => a.dueAt.localeCompare(b.dueAt)).map(asItem);
  }

  async cancel(kind: string, key: string): Promise<ScheduledItem | undefined> {
    const found = this.find(kind, key);
    if (!found) return undefined;
    this.file.data.scheduled = this.file.data.scheduled.filter((s) => s !== found);
    await this.file.persist();
    return asItem(found);
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number, kinds?: readonly string[]): Promise<ScheduledItem[]> {
    const at = now.getTime();
    const claimable = (s: StoredItem) => Date.parse(s.dueAt) <= at && (!s.leaseUntil || Date.parse(s.leaseUntil) <= at) && (!kinds || kinds.includes(s.kind));
    const claimed = this.file.data.scheduled.filter(claimable).sort((a, b) => a.dueAt.localeCompare(b.dueAt)).slice(0, limit);
    if (claimed.length === 0) return [];
    for (const item of claimed) item.leaseUntil = leaseUntil.toISOString();
    const result = claimed.map(asItem);
    await this.file.persist();
    return result;
  }

  async complete(id: string): Promise<void> {
    const data = this.file.data;
    if (!data.scheduled.some((s) => s.id === id)) return;
    data.scheduled = data.scheduled.filter((s) => s.id !== id);
    await this.file.persist();
  }

  async retryAt(id: string, dueAt: Date): Promise<void> {
    const found = this.file.data.scheduled.find((s) => s.id === id);
    if (!found) return;
    found.dueAt = dueAt.toISOString();
    found.attempts += 1;
    delete found.leaseUntil;
    await this.file.persist();
  }
}

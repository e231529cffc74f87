import path from 'node:path';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { CoalescingWriter } from '../../files/coalescing-writer.js';
import { DurableJsonFile } from '../../files/durable-file.js';
import { appFileSchema, type StoredItem } from '../../files/app-file-schema.js';

export { appFileSchema, type StoredItem };

export type AppFileData = z.infer<typeof appFileSchema>;

const empty = (): AppFileData => appFileSchema.parse({ version: 1 });

/** Older files kept password hides in their own list; they become scheduled items keyed by the message's activity id. */
function migrate(data: AppFileData): AppFileData {
  for (const hide of data.passwordHides) {
    if (data.scheduled.some((s) => s.kind === 'password.hide' && s.key === hide.activityId)) continue;
    data.scheduled.push({ id: `password.hide:${hide.activityId}`, kind: 'password.hide', key: hide.activityId, dueAt: hide.hideAt, payload: { address: hide.address, hiddenCard: hide.hiddenCard }, attempts: 0 });
  }
  data.passwordHides = [];
  return data;
}

/**
 * The in-memory copy of app.json and its durable writes. One process owns the file, so a store checks and changes the
 * copy synchronously (no await in between: that is what makes consume and transition atomic here) and then awaits
 * persist(). When a write fails (STORAGE_FULL and the like) the copy is read back from disk, which rolls back every
 * change that write carried, and each of their callers gets the error.
 */
export class AppFile {
  private readonly writer: CoalescingWriter;

  private constructor(private readonly db: Low<AppFileData>) {
    this.writer = new CoalescingWriter(
      () => (this.db.adapter as DurableJsonFile<AppFileData>).writeText(JSON.stringify(this.db.data)),
      () => this.load(),
    );
  }

  static async open(dataDir: string): Promise<AppFile> {
    const file = new AppFile(new Low<AppFileData>(new DurableJsonFile(path.join(dataDir, 'app.json'), appFileSchema), empty()));
    await file.load();
    return file;
  }

  get data(): AppFileData {
    return this.db.data;
  }

  persist(): Promise<void> {
    return this.writer.persist();
  }

  /** Resolves when nothing is being written. */
  idle(): Promise<void> {
    return this.writer.idle();
  }

  private async load(): Promise<void> {
    await this.db.read();
    this.db.data = migrate(this.db.data ?? empty());
  }
}

/** Records leave the store as copies, so a caller never changes the stored state without a port method. */
export const copy = <T>(value: T): T => structuredClone(value);

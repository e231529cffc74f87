import { readFile, rm, truncate } from 'node:fs/promises';
import { z } from 'zod';
import { ServiceError } from '../../../domain/errors.js';
import { appendDurably, writeMetrics } from '../../files/durable-file.js';
import { storedDeletedUserSchema, storedUserSchema, type CustomerFile, type StoredDeletedUser, type StoredUser } from './schema.js';

/** What one operation changed: full records of changed users (upserts) and ids of removed ones. */
export const journalRecordSchema = z.object({
  users: z.array(storedUserSchema),
  removedUserIds: z.array(z.string()),
  deleted: z.array(storedDeletedUserSchema),
  removedDeletedIds: z.array(z.string()),
});

export type JournalRecord = z.infer<typeof journalRecordSchema>;

/**
 * Append-only log of changes beside a customer's snapshot file. An operation appends one line and fsyncs it: one
 * small durable write instead of rewriting a 50,000-user file. Replaying records is idempotent (upserts and removals
 * by id), so a crash between writing a new snapshot and emptying the journal loses nothing.
 */
export class Journal {
  private bytes = 0;

  constructor(readonly filename: string) {}

  get size(): number {
    return this.bytes;
  }

  /**
   * The records on disk, validated. A last line without its newline is a write that never completed (and was never
   * acknowledged), so it is dropped; any other invalid line stops start-up with an error naming the file.
   */
  async read(): Promise<JournalRecord[]> {
    let text: string;
    try {
      text = await readFile(this.filename, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        this.bytes = 0;
        return [];
      }
      throw e;
    }
    const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
    this.bytes = Buffer.byteLength(complete);
    // Cut the unfinished tail off, or the next record would be appended to it and become unreadable.
    if (complete.length !== text.length) await truncate(this.filename, this.bytes);
    return complete
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line, i) => {
        let parsed: ReturnType<typeof journalRecordSchema.safeParse> | undefined;
        try {
          parsed = journalRecordSchema.safeParse(JSON.parse(line));
        } catch {
          parsed = undefined;
        }
        if (!parsed?.success) throw new ServiceError('STORE_CORRUPT', `${this.filename} line ${i + 1} is not a valid change record; it was left untouched.`, { file: this.filename });
        return parsed.data;
      });
  }

  async append(record: JournalRecord): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    await appendDurably(this.filename, line);
    const length = Buffer.byteLength(line);
    this.bytes += length;
    writeMetrics.durableWrites++;
    writeMetrics.bytesWritten += length;
  }

  /** Called once a snapshot holding every record is durable. */
  async clear(): Promise<void> {
    await rm(this.filename, { force: true });
    this.bytes = 0;
  }
}

/** Applies records in order to a snapshot's data (in place). */
export function replay(data: CustomerFile, records: readonly JournalRecord[]): void {
  if (records.length === 0) return;
  const users = new Map<string, StoredUser>(data.users.map((u) => [u.id, u]));
  const deleted = new Map<string, StoredDeletedUser>(data.deletedUsers.map((u) => [u.id, u]));
  for (const record of records) {
    for (const id of record.removedUserIds) users.delete(id);
    for (const user of record.users) users.set(user.id, user);
    for (const id of record.removedDeletedIds) deleted.delete(id);
    for (const user of record.deleted) deleted.set(user.id, user);
  }
  data.users = [...users.values()];
  data.deletedUsers = [...deleted.values()];
}

import { open, readFile, rename, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { ServiceError } from '../../domain/errors.js';

export interface WriteMetrics {
  durableWrites: number;
  bytesWritten: number;
}

export const writeMetrics: WriteMetrics = { durableWrites: 0, bytesWritten: 0 };

/** Appends text to a file and fsyncs it before resolving (append-only logs: the audit trail, change journals). */
export async function appendDurably(filename: string, text: string): Promise<void> {
  const handle = await open(filename, 'a');
  try {
    await handle.appendFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync a directory so a rename inside it survives a power loss. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * lowdb adapter that validates on read and writes durably: compact JSON to a temp file, fsync, rename over the
 * target, fsync the directory. (lowdb's JSONFile renames without fsync, so a crash can leave an empty file.)
 * An unreadable or invalid file is an error naming the file; it is never replaced.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly filename: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.filename, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ServiceError('STORE_CORRUPT', `${this.filename} is not valid JSON; fix or remove it (it was left untouched).`, { file: this.filename });
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid';
      throw new ServiceError('STORE_CORRUPT', `${this.filename} does not match the expected shape (${where}); it was left untouched.`, { file: this.filename });
    }
    return parsed.data;
  }

  async write(data: T): Promise<void> {
    await this.writeText(JSON.stringify(data));
  }

  async writeText(text: string): Promise<void> {
    const dir = path.dirname(this.filename);
    await mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.${path.basename(this.filename)}.${process.pid}.tmp`);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.filename);
    await syncDirectory(dir);
    writeMetrics.durableWrites++;
    writeMetrics.bytesWritten += Buffer.byteLength(text);
  }
}

import { open, readFile, rename, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { ServiceError } from '../../domain/errors.js';

export interface WriteMetrics {
  durableWrites: number;
  bytesWritten: number;
}

export const writeMetrics: WriteMetrics = { durableWrites: 0, bytesWritten: 0 };

/**
 * The one file system call durable writes go through. Tests swap `open` to make a handle's writes fail with ENOSPC
 * or EIO: a full disk cannot be made on demand, and chmod does not stop root (the tests' user) from writing.
 */
export const durableFs = { open };

export const STORAGE_FULL_MESSAGE = "The bot's data disk is full; nothing was changed.";
const NO_SPACE = new Set(['ENOSPC', 'EDQUOT']);

export type StorageFailureListener = (failure: { file: string; code: string }) => void;
const failureListeners = new Set<StorageFailureListener>();

/** Called for every durable write that fails (logging, readiness); returns the unsubscribe function. */
export function onStorageFailure(listener: StorageFailureListener): () => void {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}

const errnoOf = (error: unknown): string => String((error as NodeJS.ErrnoException | undefined)?.code ?? 'UNKNOWN');

/** Reports a failed write and turns "no space" into STORAGE_FULL, which callers show as a card; the rest pass on. */
function storageFailure(error: unknown, file: string): unknown {
  const code = errnoOf(error);
  for (const listener of failureListeners) listener({ file, code });
  return NO_SPACE.has(code) ? new ServiceError('STORAGE_FULL', STORAGE_FULL_MESSAGE, { file, errno: code }) : error;
}

/**
 * Appends text to a file and fsyncs it before resolving (append-only logs: the audit trail, change journals).
 * A failed append is cut off again, so the file never ends in half a line that the next append would run into.
 */
export async function appendDurably(filename: string, text: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await durableFs.open(filename, 'a');
  } catch (error) {
    throw storageFailure(error, filename);
  }
  try {
    const { size } = await handle.stat();
    try {
      await handle.appendFile(text, 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.truncate(size).catch(() => undefined);
      throw error;
    }
  } catch (error) {
    throw storageFailure(error, filename);
  } finally {
    await handle.close().catch(() => undefined);
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

/** Our temp files: `.<name>.<pid>.tmp` (start-up removes strays a crash or a full disk left). */
export const tempFileOf = (filename: string): string => path.join(path.dirname(filename), `.${path.basename(filename)}.${process.pid}.tmp`);
export const TEMP_FILE_PATTERN = /^\..+\.\d+\.tmp$/;

/** Writes text to a temp file and fsyncs it; on any failure the temp file is removed (a full disk stays usable). */
export async function writeTempDurably(temp: string, text: string): Promise<void> {
  try {
    const handle = await durableFs.open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw storageFailure(error, temp);
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
    await mkdir(dir, { recursive: true }).catch((error: unknown) => {
      throw storageFailure(error, dir);
    });
    const temp = tempFileOf(this.filename);
    await writeTempDurably(temp, text);
    try {
      await rename(temp, this.filename);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw storageFailure(error, this.filename);
    }
    await syncDirectory(dir);
    writeMetrics.durableWrites++;
    writeMetrics.bytesWritten += Buffer.byteLength(text);
  }
}

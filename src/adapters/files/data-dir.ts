import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ServiceError } from '../../domain/errors.js';
import type { ReadinessCheck, ReadinessResult } from '../../ports/readiness.js';
import { durableFs, onStorageFailure, TEMP_FILE_PATTERN } from './durable-file.js';

/** Where our durable files (and so their temp files) live, relative to DATA_DIR. */
const STORE_DIRS = ['.', 'customers', 'imports'];
const NO_SPACE = new Set(['ENOSPC', 'EDQUOT']);
const errnoOf = (error: unknown): string => String((error as NodeJS.ErrnoException | undefined)?.code ?? 'UNKNOWN');

/**
 * Writes, fsyncs and removes a tiny file in DATA_DIR: the cheapest proof that changes can be stored. (Not through
 * writeTempDurably: a failed probe is an answer, not a failed change to log.)
 */
async function probe(dataDir: string): Promise<void> {
  const file = path.join(dataDir, `.readiness.${process.pid}.tmp`);
  try {
    const handle = await durableFs.open(file, 'w');
    try {
      await handle.writeFile('ok', 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } finally {
    await rm(file, { force: true }).catch(() => undefined);
  }
}

/** Temp files a crash or a failed write left (they can hold names and UPNs, and fill the disk). */
export async function removeStrayTempFiles(dataDir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const sub of STORE_DIRS) {
    const dir = path.join(dataDir, sub);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => TEMP_FILE_PATTERN.test(n))) {
      await rm(path.join(dir, name), { force: true });
      removed.push(path.join(dir, name));
    }
  }
  return removed;
}

export interface PreparedDataDir {
  removedTempFiles: string[];
  /** The disk is full: the bot starts (reads work, /healthz says 503) and changes succeed once space is freed. */
  full: boolean;
}

/**
 * Run before anything is read or written: removes stray temp files, then proves DATA_DIR is writable. A read-only
 * or otherwise unwritable DATA_DIR stops start-up with one line naming it; a full one does not.
 */
export async function prepareDataDir(dataDir: string): Promise<PreparedDataDir> {
  const dir = path.resolve(dataDir);
  const refuse = (error: unknown) => new ServiceError('STORAGE_UNAVAILABLE', `DATA_DIR ${dir} is not writable (${errnoOf(error)}); make it writable and start again.`, { file: dir });
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw refuse(error);
  }
  const removedTempFiles = await removeStrayTempFiles(dir);
  try {
    await probe(dir);
    return { removedTempFiles, full: false };
  } catch (error) {
    if (NO_SPACE.has(errnoOf(error))) return { removedTempFiles, full: true };
    throw refuse(error);
  }
}

/**
 * Readiness of the data disk: a probe write, trusted for a few seconds when it succeeds. A failed probe is never
 * cached, and any failed durable write forgets the last success, so /healthz turns 503 at the first failure and
 * 200 again as soon as a write works.
 */
export class DataDiskCheck implements ReadinessCheck {
  readonly name = 'data disk';
  private okUntil = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly dataDir: string,
    private readonly trustMs = 5000,
  ) {
    this.unsubscribe = onStorageFailure(() => {
      this.okUntil = 0;
    });
  }

  async check(): Promise<ReadinessResult> {
    if (performance.now() < this.okUntil) return { ok: true };
    try {
      await probe(this.dataDir);
      this.okUntil = performance.now() + this.trustMs;
      return { ok: true };
    } catch (error) {
      const code = errnoOf(error);
      return { ok: false, reason: NO_SPACE.has(code) ? 'data disk full' : `data disk not writable (${code})` };
    }
  }

  close(): void {
    this.unsubscribe();
  }
}

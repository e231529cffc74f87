import { readFile, mkdir, truncate, writeFile } from 'node:fs/promises';
import { appendDurably } from '../adapters/files/durable-file.js';
import path from 'node:path';
import { z } from 'zod';
import { isServiceError, ServiceError } from '../domain/errors.js';
import { systemClock, type Clock } from '../domain/clock.js';
import type { Logger } from '../log.js';

export const auditEntrySchema = z.object({
  at: z.string(),
  actor: z.object({ tenantId: z.string(), aadObjectId: z.string(), name: z.string() }),
  role: z.string(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  outcome: z.enum(['success', 'partial', 'failure', 'denied', 'requested']),
  /** Per-user outcomes, counts, error codes. Never a secret. */
  details: z.record(z.string(), z.unknown()).optional(),
  approvalId: z.string().optional(),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;

export interface AuditQuery {
  limit: number;
  target?: string;
  actor?: string;
  action?: string;
}

/** Refusals of one caller for one command within one clock minute (see AuditLog.append). */
interface RefusalBucket {
  minute: string;
  first: AuditEntry;
  last: AuditEntry;
  count: number;
}

export const AUDIT_FULL_MESSAGE = "The bot's data disk is full; the audit trail could not record this. Check the result before trying again.";

const minuteOf = (at: string): string => at.slice(0, 16);
const refusalKey = (e: AuditEntry): string => `${e.actor.tenantId.toLowerCase()}/${e.actor.aadObjectId.toLowerCase()}/${e.action}`;

/**
 * Reads the trail. A last line that is torn (no newline, or not an entry) is what a crash or a full disk leaves
 * mid-append; it was never acknowledged, so it is cut off (a copy is kept beside the file). Any other bad line
 * stops start-up naming the file and line.
 */
async function readEntries(filename: string, log?: Logger): Promise<AuditEntry[]> {
  let text = '';
  try {
    text = await readFile(filename, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const parse = (line: string): AuditEntry | null => {
    try {
      const parsed = auditEntrySchema.safeParse(JSON.parse(line));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };
  const lines = text.split('\n');
  // Index of the last line with content; a file ending in '\n' yields a final empty string.
  let last = lines.length - 1;
  while (last >= 0 && !(lines[last] as string).trim()) last--;
  const entries: AuditEntry[] = [];
  for (let i = 0; i <= last; i++) {
    const line = lines[i] as string;
    if (!line.trim()) continue;
    const entry = i === last && i === lines.length - 1 ? null : parse(line);
    if (entry) {
      entries.push(entry);
      continue;
    }
    if (i !== last) throw new ServiceError('STORE_CORRUPT', `${filename} line ${i + 1} is not a valid audit entry; it was left untouched.`, { file: filename });
    await dropTornTail(filename, text, i, log);
  }
  return entries;
}

async function dropTornTail(filename: string, text: string, lineIndex: number, log?: Logger): Promise<void> {
  const keep = text.split('\n').slice(0, lineIndex).map((l) => `${l}\n`).join('');
  const keptBytes = Buffer.byteLength(keep);
  const dropped = Buffer.from(text, 'utf8').subarray(keptBytes);
  const copy = `${filename}.torn-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await writeFile(copy, dropped);
  await truncate(filename, keptBytes);
  log?.warn({ file: filename, line: lineIndex + 1, bytes: dropped.length, copy }, 'dropped a torn last audit line (an append that never completed); a copy is kept');
}

/**
 * Append-only audit trail (DATA_DIR/audit.jsonl): one JSON line per change, fsynced; nothing rewrites it.
 * Refusals are aggregated so a caller hammering a command cannot grow it without limit: the first refusal per
 * caller, command and minute is written at once, the rest only counted; when the minute is over one more entry
 * says how many there were in all (details.count).
 */
export class AuditLog {
  private readonly refusals = new Map<string, RefusalBucket>();

  private constructor(
    private readonly filename: string,
    private readonly entries: AuditEntry[],
    private readonly clock: Clock,
  ) {}

  static async open(dataDir: string, options: { clock?: Clock; log?: Logger } = {}): Promise<AuditLog> {
    const filename = path.join(dataDir, 'audit.jsonl');
    await mkdir(dataDir, { recursive: true });
    return new AuditLog(filename, await readEntries(filename, options.log), options.clock ?? systemClock);
  }

  async append(entry: AuditEntry): Promise<void> {
    const parsed = auditEntrySchema.parse(entry);
    if (parsed.outcome === 'denied') {
      const key = refusalKey(parsed);
      const bucket = this.refusals.get(key);
      if (bucket && bucket.minute === minuteOf(parsed.at)) {
        bucket.count++;
        bucket.last = parsed;
        return;
      }
      // Registered before the write, so refusals arriving meanwhile are counted, not written.
      this.refusals.set(key, { minute: minuteOf(parsed.at), first: parsed, last: parsed, count: 1 });
      if (bucket) await this.writeSummary(bucket);
    }
    await this.flushDue();
    await this.write(parsed);
  }

  /** Writes the count of every finished minute of refusals (called by a timer, and before reading the trail). */
  async flushDue(now: Date = this.clock.now()): Promise<void> {
    const minute = minuteOf(now.toISOString());
    for (const [key, bucket] of this.refusals) {
      if (bucket.minute >= minute) continue;
      this.refusals.delete(key);
      await this.writeSummary(bucket);
    }
  }

  /** On shutdown: every count, finished minute or not. */
  async close(): Promise<void> {
    const buckets = [...this.refusals.values()];
    this.refusals.clear();
    for (const bucket of buckets) await this.writeSummary(bucket);
  }

  private async writeSummary(bucket: RefusalBucket): Promise<void> {
    if (bucket.count < 2) return;
    await this.write({ ...bucket.last, details: { ...bucket.first.details, count: bucket.count, firstAt: bucket.first.at } });
  }

  private async write(entry: AuditEntry): Promise<void> {
    try {
      await appendDurably(this.filename, `${JSON.stringify(entry)}\n`);
    } catch (error) {
      // Most entries follow a change that is already stored: "nothing was changed" would not be true here.
      if (isServiceError(error) && error.code === 'STORAGE_FULL') throw new ServiceError('STORAGE_FULL', AUDIT_FULL_MESSAGE, error.details);
      throw error;
    }
    this.entries.push(entry);
  }

  /** Newest first. */
  query(q: AuditQuery): AuditEntry[] {
    const out: AuditEntry[] = [];
    const target = q.target?.toLowerCase();
    const actor = q.actor?.toLowerCase();
    const action = q.action?.toLowerCase();
    for (let i = this.entries.length - 1; i >= 0 && out.length < q.limit; i--) {
      const e = this.entries[i] as AuditEntry;
      if (target && !e.target.toLowerCase().includes(target)) continue;
      if (actor && e.actor.aadObjectId.toLowerCase() !== actor) continue;
      if (action && e.action.toLowerCase() !== action) continue;
      out.push(e);
    }
    return out;
  }

  all(): readonly AuditEntry[] {
    return this.entries;
  }
}

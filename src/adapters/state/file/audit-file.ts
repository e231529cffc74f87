import { mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ServiceError } from '../../../domain/errors.js';
import type { AuditQuery, AuditStore } from '../../../ports/state/audit.js';
import { auditEntrySchema, type AuditEntry } from '../../../ports/state/records.js';
import { appendDurably } from '../../files/durable-file.js';

export const AUDIT_FILE = 'audit.jsonl';

interface Log {
  warn(details: object, message: string): void;
}

const parse = (line: string): AuditEntry | null => {
  try {
    const parsed = auditEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/**
 * Reads the trail. A last line that is torn (no newline, or not an entry) is what a crash or a full disk leaves
 * mid-append; it was never acknowledged, so it is cut off (a copy is kept beside the file). Any other bad line
 * stops start-up naming the file and line.
 */
async function readEntries(filename: string, log?: Log): Promise<AuditEntry[]> {
  let text = '';
  try {
    text = await readFile(filename, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
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

async function dropTornTail(filename: string, text: string, lineIndex: number, log?: Log): Promise<void> {
  const keep = text.split('\n').slice(0, lineIndex).map((l) => `${l}\n`).join('');
  const keptBytes = Buffer.byteLength(keep);
  const dropped = Buffer.from(text, 'utf8').subarray(keptBytes);
  // The wall clock only names the copy; nothing reads the time back.
  const copy = `${filename}.torn-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await writeFile(copy, dropped);
  await truncate(filename, keptBytes);
  log?.warn({ file: filename, line: lineIndex + 1, bytes: dropped.length, copy }, 'dropped a torn last audit line (an append that never completed); a copy is kept');
}

function matcher(q: Omit<AuditQuery, 'limit'>): (e: AuditEntry) => boolean {
  const target = q.target?.toLowerCase();
  const actor = q.actor?.toLowerCase();
  const action = q.action?.toLowerCase();
  return (e) => (!target || e.target.toLowerCase().includes(target)) && (!actor || e.actor.aadObjectId.toLowerCase() === actor) && (!action || e.action.toLowerCase() === action);
}

/**
 * DATA_DIR/audit.jsonl: one JSON line per entry, appended and fsynced, never rewritten. Every entry is also kept in
 * memory (one process owns the file), so queries read no file.
 */
export async function openFileAuditStore(dataDir: string, options: { log?: Log } = {}): Promise<AuditStore> {
  const filename = path.join(dataDir, AUDIT_FILE);
  await mkdir(dataDir, { recursive: true });
  const entries = await readEntries(filename, options.log);
  return {
    async append(batch) {
      const parsed = batch.map((e) => auditEntrySchema.parse(e));
      if (parsed.length === 0) return;
      await appendDurably(filename, parsed.map((e) => `${JSON.stringify(e)}\n`).join(''));
      entries.push(...parsed);
    },
    async query(q) {
      const matches = matcher(q);
      const out: AuditEntry[] = [];
      for (let i = entries.length - 1; i >= 0 && out.length < q.limit; i--) {
        const e = entries[i] as AuditEntry;
        if (matches(e)) out.push(e);
      }
      return out;
    },
    async export(q) {
      const matches = matcher(q);
      const out: AuditEntry[] = [];
      for (const e of entries) {
        if (q.limit !== undefined && out.length >= q.limit) break;
        if (matches(e)) out.push(e);
      }
      return out;
    },
  };
}

import { readFile, mkdir } from 'node:fs/promises';
import { appendDurably } from '../adapters/files/durable-file.js';
import path from 'node:path';
import { z } from 'zod';
import { ServiceError } from '../domain/errors.js';

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

/** Append-only audit trail (DATA_DIR/audit.jsonl): one JSON line per change, fsynced; nothing rewrites it. */
export class AuditLog {
  private constructor(
    private readonly filename: string,
    private readonly entries: AuditEntry[],
  ) {}

  static async open(dataDir: string): Promise<AuditLog> {
    const filename = path.join(dataDir, 'audit.jsonl');
    await mkdir(dataDir, { recursive: true });
    let text = '';
    try {
      text = await readFile(filename, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const entries: AuditEntry[] = [];
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let parsed: z.ZodSafeParseResult<AuditEntry>;
      try {
        parsed = auditEntrySchema.safeParse(JSON.parse(line));
      } catch {
        parsed = { success: false } as z.ZodSafeParseResult<AuditEntry>;
      }
      if (!parsed.success) throw new ServiceError('STORE_CORRUPT', `${filename} line ${i + 1} is not a valid audit entry; it was left untouched.`, { file: filename });
      entries.push(parsed.data);
    });
    return new AuditLog(filename, entries);
  }

  async append(entry: AuditEntry): Promise<void> {
    await appendDurably(this.filename, `${JSON.stringify(auditEntrySchema.parse(entry))}\n`);
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

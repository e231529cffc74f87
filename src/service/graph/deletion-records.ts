import path from 'node:path';
import { z } from 'zod';
import { DurableJsonFile } from '../embedded/durable-file.js';
import type { DeletionRecord } from './mapping.js';

/**
 * What a user held when this app deleted it, and who deleted it: Graph's recycle bin knows neither the actor nor
 * (reliably, once licenses are reclaimed) the licenses. One small JSON file, written durably after every change.
 */

const recordSchema = z.object({
  upn: z.string(),
  licenses: z.array(z.string()),
  adminRoles: z.union([z.array(z.string()), z.object({ unknown: z.literal(true), missingPermission: z.string() })]),
  deletedAt: z.string(),
  deletedBy: z.object({ aadObjectId: z.string(), name: z.string() }),
});

const fileSchema = z.object({ version: z.literal(1), tenants: z.record(z.string(), z.record(z.string(), recordSchema)) });
type RecordsFile = z.infer<typeof fileSchema>;

export const DELETION_RECORDS_FILE = 'graph-deleted-users.json';

export class DeletionRecords {
  private chain: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: DurableJsonFile<RecordsFile>,
    private readonly data: RecordsFile,
  ) {}

  static async open(dataDir: string): Promise<DeletionRecords> {
    const file = new DurableJsonFile(path.join(dataDir, DELETION_RECORDS_FILE), fileSchema);
    return new DeletionRecords(file, (await file.read()) ?? { version: 1, tenants: {} });
  }

  get(tenantId: string, userId: string): DeletionRecord | undefined {
    return this.data.tenants[tenantId]?.[userId];
  }

  put(tenantId: string, records: Map<string, DeletionRecord>): Promise<void> {
    const tenant = (this.data.tenants[tenantId] ??= {});
    for (const [id, record] of records) tenant[id] = record;
    return this.save();
  }

  remove(tenantId: string, userIds: string[]): Promise<void> {
    const tenant = this.data.tenants[tenantId];
    if (!tenant || !userIds.some((id) => id in tenant)) return Promise.resolve();
    for (const id of userIds) delete tenant[id];
    return this.save();
  }

  /** Writes one after another, each with the state when it starts. */
  private save(): Promise<void> {
    const run = this.chain.then(() => this.file.write(this.data));
    this.chain = run.catch(() => undefined);
    return run;
  }
}

import path from 'node:path';
import { z } from 'zod';
import type { DeletionRecordStore } from '../../../ports/state/deletion-records.js';
import { deletionRecordSchema } from '../../../ports/state/records.js';
import { DurableJsonFile } from '../../files/durable-file.js';

export const DELETION_RECORDS_FILE = 'graph-deleted-users.json';

const fileSchema = z.object({ version: z.literal(1), tenants: z.record(z.string(), z.record(z.string(), deletionRecordSchema)) });

/**
 * DATA_DIR/graph-deleted-users.json: what users held when the bot deleted them in Microsoft Graph, by tenant and
 * user id. One small file, held in memory and written durably after every change, one write after another.
 */
export async function openFileDeletionRecordStore(dataDir: string): Promise<DeletionRecordStore & { idle(): Promise<void> }> {
  const file = new DurableJsonFile(path.join(dataDir, DELETION_RECORDS_FILE), fileSchema);
  const data = (await file.read()) ?? { version: 1 as const, tenants: {} };
  let chain: Promise<void> = Promise.resolve();
  /** Each write takes the state when it starts, so the last one to finish holds every change. */
  const save = (): Promise<void> => {
    const run = chain.then(() => file.write(data));
    chain = run.catch(() => undefined);
    return run;
  };
  return {
    async get(tenantId, userId) {
      return data.tenants[tenantId]?.[userId];
    },
    put(tenantId, records) {
      const tenant = (data.tenants[tenantId] ??= {});
      for (const [id, record] of records) tenant[id] = record;
      return save();
    },
    async remove(tenantId, userIds) {
      const tenant = data.tenants[tenantId];
      if (!tenant || !userIds.some((id) => id in tenant)) return;
      for (const id of userIds) delete tenant[id];
      return save();
    },
    idle: () => chain,
  };
}

import type { StateStore } from '../../../ports/state/index.js';
import { memoryActivityStore } from './activities-memory.js';
import { openFileAuditStore } from './audit-file.js';
import { openFileDeletionRecordStore } from './deletion-records-file.js';
import { openFileImportJobStore } from './import-jobs-file.js';
import { memoryRateLimitStore } from './rate-limits-memory.js';

/** The ports of the bot's records of its own work (audit, imports, Graph deletions) and its in-process limits. */
export type FileWorkStores = Pick<StateStore, 'audit' | 'imports' | 'deletionRecords' | 'rateLimits' | 'activities'> & {
  /** Waits for pending writes. */
  close(): Promise<void>;
};

/** Opens them on DATA_DIR (openFileState adds them to the bundle). */
export async function openFileWorkStores(dataDir: string, deps: { log?: { warn(details: object, message: string): void } } = {}): Promise<FileWorkStores> {
  const deletionRecords = await openFileDeletionRecordStore(dataDir);
  return {
    audit: await openFileAuditStore(dataDir, deps),
    imports: openFileImportJobStore(dataDir),
    deletionRecords,
    rateLimits: memoryRateLimitStore(),
    activities: memoryActivityStore(),
    close: () => deletionRecords.idle(),
  };
}

export { openFileWorkStores, type FileWorkStores } from './file-stores.js';
export { openFileAuditStore, AUDIT_FILE } from './audit-file.js';
export { openFileImportJobStore, importsDirOf } from './import-jobs-file.js';
export { openFileDeletionRecordStore, DELETION_RECORDS_FILE } from './deletion-records-file.js';
export { memoryRateLimitStore } from './rate-limits-memory.js';
export { memoryActivityStore } from './activities-memory.js';

import type { Clock } from '../../../domain/clock.js';
import type { Logger } from '../../../log.js';
import type { StateStore } from '../../../ports/state/index.js';
import { DataDiskCheck } from '../../files/data-dir.js';
import { AppFile } from './app-file.js';
import { FileApprovalStore } from './approvals.js';
import { FileConfirmationStore } from './confirmations.js';
import { FileConversationStore } from './conversations.js';
import { FileOperatorStore } from './operators.js';
import { FileScheduleStore } from './schedule.js';
import { openFileWorkStores as openWork } from './file-stores.js';

export interface FileStateDeps {
  clock: Clock;
  log?: Logger;
}

/**
 * The bot's own state in DATA_DIR, in the files earlier versions wrote (app.json, audit.jsonl, imports/,
 * graph-deleted-users.json), so an existing DATA_DIR keeps working. One process only: atomicity comes from checking
 * and changing the in-memory copy with no await in between.
 */
export async function openFileState(dataDir: string, deps: FileStateDeps): Promise<StateStore & { idle(): Promise<void> }> {
  const app = await AppFile.open(dataDir);
  const disk = new DataDiskCheck(dataDir);
  const work = await openWork(dataDir, { ...(deps.log ? { log: deps.log } : {}) });
  return {
    operators: new FileOperatorStore(app),
    conversations: new FileConversationStore(app),
    confirmations: new FileConfirmationStore(app),
    approvals: new FileApprovalStore(app),
    schedule: new FileScheduleStore(app),
    audit: work.audit,
    imports: work.imports,
    deletionRecords: work.deletionRecords,
    rateLimits: work.rateLimits,
    activities: work.activities,
    async health() {
      const result = await disk.check();
      return result.ok ? { ok: true } : { ok: false, reason: result.reason ?? 'data disk not writable' };
    },
    /** Resolves when no write of app.json is in flight (tests read the files afterwards). */
    idle: () => app.idle(),
    async close() {
      await app.idle();
      await work.close();
      disk.close();
    },
  };
}

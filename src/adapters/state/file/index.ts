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
import { interimActivities, interimAudit, interimDeletionRecords, interimImports, interimRateLimits } from './interim.js';

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
  return {
    operators: new FileOperatorStore(app),
    conversations: new FileConversationStore(app),
    confirmations: new FileConfirmationStore(app),
    approvals: new FileApprovalStore(app),
    schedule: new FileScheduleStore(app),
    audit: interimAudit(dataDir, deps.clock, deps.log),
    imports: interimImports(dataDir, deps.clock),
    deletionRecords: interimDeletionRecords(dataDir),
    rateLimits: interimRateLimits(),
    activities: interimActivities(),
    async health() {
      const result = await disk.check();
      return result.ok ? { ok: true } : { ok: false, reason: result.reason ?? 'data disk not writable' };
    },
    /** Resolves when no write of app.json is in flight (tests read the files afterwards). */
    idle: () => app.idle(),
    async close() {
      await app.idle();
      disk.close();
    },
  };
}

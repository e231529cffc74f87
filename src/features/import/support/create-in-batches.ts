import type { UserLicenseService } from '../../../ports/directory.js';
import type { Actor, CreateOutcome } from '../../../domain/types.js';
import type { StoredImportRow } from './jobs.js';

export const IMPORT_BATCH_SIZE = 500;

export interface CreatedUser {
  rowNumber: number;
  /** The directory's object id (the audit names users by UPN, with this in details). */
  id: string;
  displayName: string;
  upn: string;
  temporaryPassword: string;
}

export interface BatchResult {
  /** Rows handled so far, including this batch. */
  processed: number;
  created: CreatedUser[];
  existing: StoredImportRow[];
  failures: { rowNumber: number; upn: string; reason: string }[];
}

function failureReason(outcome: Extract<CreateOutcome, { status: 'failed' }>): string {
  if (outcome.code === 'NO_SEATS') return `not created: ${outcome.message} Buy seats or remove the license from the row, then import the file again.`;
  return `not created: ${outcome.message}`;
}

/**
 * Creates rows[from..] in batches (per row, not all-or-nothing), one createUsers call and so one durable write per
 * batch. Calls afterBatch once each batch is written; a run cut off anywhere can start again at `processed`.
 */
export async function createInBatches(
  service: UserLicenseService,
  customerId: string,
  rows: StoredImportRow[],
  actor: Actor,
  options: { from?: number; batchSize?: number; afterBatch(result: BatchResult): Promise<void> },
): Promise<void> {
  const size = options.batchSize ?? IMPORT_BATCH_SIZE;
  for (let start = options.from ?? 0; start < rows.length; start += size) {
    const batch = rows.slice(start, start + size);
    const outcomes = await service.createUsers(customerId, batch.map((r) => r.input), { actor }, { atomic: false });
    const result: BatchResult = { processed: start + batch.length, created: [], existing: [], failures: [] };
    const rowOf = new Map(batch.map((r) => [r.input.upn.toLowerCase(), r]));
    for (const outcome of outcomes) {
      const row = rowOf.get(outcome.input.upn.toLowerCase()) ?? { rowNumber: 0, input: outcome.input };
      if (outcome.status === 'created') {
        result.created.push({ rowNumber: row.rowNumber, id: outcome.user.id, displayName: outcome.user.displayName, upn: outcome.user.upn, temporaryPassword: outcome.temporaryPassword });
      } else if (outcome.status === 'exists') result.existing.push(row);
      else result.failures.push({ rowNumber: row.rowNumber, upn: row.input.upn, reason: failureReason(outcome) });
    }
    await options.afterBatch(result);
  }
}

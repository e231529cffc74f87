import { performance } from 'node:perf_hooks';
import type { UserLicenseService } from '../ports/directory.js';
import type { Actor } from '../domain/types.js';
import { createInBatches, IMPORT_BATCH_SIZE } from '../features/import/support/create-in-batches.js';
import { parseImportCsv } from '../features/import/support/parse-csv.js';
import { reviewImport, type ImportReview } from '../features/import/support/review.js';

export interface ImportRunReport {
  review: Pick<ImportReview, 'totalRows' | 'invalidRows'> & { ready: number; existing: number };
  created: number;
  existing: number;
  failed: number;
  batches: number;
  parseMs: number;
  reviewMs: number;
  createMs: number;
  /** Durable file writes (fsync + rename) during creation, as options.durableWrites counts them (0 without it). */
  durableWrites: number;
}

/**
 * Reviews and creates the rows of a CSV text exactly as the bot does, without the bot (benchmarks, scripts):
 * parse -> review against the directory -> createUsers per batch (per-row, not all-or-nothing).
 * Passwords are generated and dropped; nothing is logged.
 */
export async function runImport(
  service: UserLicenseService,
  customerId: string,
  csv: string,
  options: { actor?: Actor; batchSize?: number; /** The store's count of durable writes so far (e.g. the embedded directory's writeMetrics). */ durableWrites?: () => number } = {},
): Promise<ImportRunReport> {
  const actor = options.actor ?? { aadObjectId: 'benchmark', name: 'Benchmark' };
  const t0 = performance.now();
  const file = parseImportCsv(csv);
  const t1 = performance.now();
  const review = await reviewImport(service, await service.getCustomer(customerId), file);
  const t2 = performance.now();
  const writes = options.durableWrites ?? (() => 0);
  const writesBefore = writes();
  const totals = { created: 0, existing: 0, failed: 0, batches: 0 };
  await createInBatches(service, customerId, review.ready, actor, {
    batchSize: options.batchSize ?? IMPORT_BATCH_SIZE,
    afterBatch: async (batch) => {
      totals.created += batch.created.length;
      totals.existing += batch.existing.length;
      totals.failed += batch.failures.length;
      totals.batches++;
    },
  });
  const t3 = performance.now();
  return {
    review: { totalRows: review.totalRows, invalidRows: review.invalidRows, ready: review.ready.length, existing: review.existing.length },
    ...totals,
    existing: totals.existing + review.existing.length,
    parseMs: Math.round(t1 - t0),
    reviewMs: Math.round(t2 - t1),
    createMs: Math.round(t3 - t2),
    durableWrites: writes() - writesBefore,
  };
}

/** A CSV of `rows` new users for a customer domain (benchmarks): admin center columns, comma-separated. */
export function generateImportCsv(rows: number, domain: string, options: { licenses?: string; prefix?: string } = {}): string {
  const prefix = options.prefix ?? 'bench';
  const lines = ['User Name,First Name,Last Name,Display Name,Department,Usage Location,Licenses'];
  for (let i = 1; i <= rows; i++) lines.push(`${prefix}.user${i}@${domain},Bench,User ${i},Bench User ${i},Benchmarks,US,${options.licenses ?? ''}`);
  return `${lines.join('\n')}\n`;
}

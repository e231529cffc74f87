import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../src/domain/clock.js';
import { EmbeddedDirectory } from '../src/adapters/directory/embedded/embedded-directory.js';
import type { NewUserInput, ActorContext } from '../src/domain/types.js';
import { SYNTHETIC_SKUS, syntheticCustomer } from './synthetic.js';
import { measure, type OperationFigures } from './measure.js';
import { generateImportCsv, runImport } from '../src/tools/run-import.js';
import { writeMetrics } from '../src/adapters/files/durable-file.js';

export const BENCH_ACTOR: ActorContext = { actor: { aadObjectId: 'bench', name: 'Bench' } };

/** Creates `count` users in a customer the way an import does; returns how many were created. */
export type Importer = (directory: EmbeddedDirectory, customerId: string, count: number, tag: string) => Promise<{ created: number }>;

/**
 * The bot's CSV import without the chat: a CSV in the admin center's columns (half of the rows with an E3 license)
 * is parsed, reviewed against the directory and created in batches (runImport, the code the `import` command runs).
 */
export const csvImport: Importer = async (directory, customerId, count, tag) => {
  const domain = directory.state(customerId).data.customer.defaultDomain;
  const licensed = Math.ceil(count / 2);
  const csv = [
    generateImportCsv(licensed, domain, { prefix: `${tag}.e3`, licenses: SYNTHETIC_SKUS[0].skuPartNumber }),
    generateImportCsv(count - licensed, domain, { prefix: `${tag}.none` }).split('\n').slice(1).join('\n'),
  ].join('');
  const report = await runImport(directory, customerId, csv, { durableWrites: () => writeMetrics.durableWrites });
  if (report.created !== count) throw new Error(`the CSV import created ${report.created} of ${count} users (${report.failed} failed, ${report.existing} existed)`);
  return { created: report.created };
};

/** Per-row (atomic: false) createUsers in batches of 500, without parsing or review: the store's share of an import. */
export const batchedCreate: Importer = async (directory, customerId, count, tag) => {
  const domain = directory.state(customerId).data.customer.defaultDomain;
  const rows = importRows(count, domain, tag);
  let created = 0;
  for (let at = 0; at < rows.length; at += 500) {
    const outcomes = await directory.createUsers(customerId, rows.slice(at, at + 500), BENCH_ACTOR, { atomic: false });
    created += outcomes.filter((o) => o.status === 'created').length;
  }
  return { created };
};

function importRows(count: number, domain: string, tag: string): NewUserInput[] {
  const e3 = SYNTHETIC_SKUS[0].skuId;
  return Array.from({ length: count }, (_, i) => ({
    givenName: 'Imported',
    surname: `${tag} ${i}`,
    displayName: `Imported ${tag} ${i}`,
    upn: `imported.${tag}.${i}@${domain}`,
    licenses: i % 2 === 0 ? [e3] : [],
    jobTitle: 'Consultant',
  }));
}

export interface StoreSizeResult {
  users: number;
  fileBytes: number;
  seedMs: number;
  operations: Record<string, OperationFigures>;
}

export async function benchStoreSize(users: number, { quick, importer = csvImport }: { quick: boolean; importer?: Importer }): Promise<StoreSizeResult> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-bench-store-'));
  try {
    const directory = await EmbeddedDirectory.open(dataDir, systemClock);
    const data = syntheticCustomer(users);
    const id = data.customer.id;
    const domain = data.customer.defaultDomain;
    const seeded = await measure(1, () => directory.addCustomer(data));
    const fileBytes = (await stat(path.join(EmbeddedDirectory.customersDir(dataDir), `${id}.json`))).size;
    const reads = quick ? 30 : 200;
    const [e3, , , teams] = SYNTHETIC_SKUS.map((s) => s.skuId) as [string, string, string, string];
    const page = { top: 20 };
    const unlicensedIds = () => directory.state(id).data.users.filter((u) => u.licenses.length === 0).map((u) => u.id);
    const ops: Record<string, OperationFigures> = {};

    // Sorted once at load, so this one pays for nothing the next ones do not (it was the full sort, 177 ms at 50k).
    ops['filter: first after loading'] = await measure(1, () => directory.listUsers(id, { kind: 'text', text: 'lidia' }, page));
    ops['filter: text'] = await measure(reads, (i) => directory.listUsers(id, { kind: 'text', text: ['lidia', 'user4', 'öberg', 'nobody-matches'][i % 4] as string }, page));
    ops['filter: unlicensed'] = await measure(reads, (i) => directory.listUsers(id, { kind: 'unlicensed' }, { cursor: String((i % 5) * 20), top: 20 }));
    ops['filter: SKU'] = await measure(reads, (i) => directory.listUsers(id, { kind: 'sku', skuId: e3 }, { cursor: String((i % 5) * 20), top: 20 }));
    ops['get one user'] = await measure(reads * 5, (i) => directory.getUser(id, `user${(i * 7919) % users}@${domain}`));
    // Each run: delete 20 users and restore them (a bulk removal and a batch of inserts), then the timed filter, which
    // places the waiting inserts: what the first request after a change pays.
    const churn = (i: number) => directory.state(id).data.users.slice(i * 20, i * 20 + 20).map((u) => u.id);
    ops['filter: first after a change'] = await measure(
      quick ? 10 : 50,
      () => directory.listUsers(id, { kind: 'text', text: 'lidia' }, page),
      async (i) => {
        const ids = churn(i);
        await directory.deleteUsers(id, ids, BENCH_ACTOR);
        await directory.restoreUsers(id, ids.map((userId) => ({ userId })), BENCH_ACTOR);
      },
    );

    const single = unlicensedIds().slice(0, 20);
    ops['assign license: 1 user'] = await measure(quick ? 5 : 20, (i) => directory.changeLicenses(id, { userIds: [single[i] as string], add: [teams], remove: [] }, BENCH_ACTOR, { onShortage: 'fail' }));
    const thousand = unlicensedIds().slice(0, Math.min(1000, Math.floor(users / 5)));
    ops['assign license: 1,000 users'] = await measure(1, () => directory.changeLicenses(id, { userIds: thousand, add: [e3], remove: [] }, BENCH_ACTOR, { onShortage: 'fail' }));
    const hundred = directory.state(id).data.users.slice(-100).map((u) => u.id);
    ops['delete 100 users'] = await measure(1, () => directory.deleteUsers(id, hundred, BENCH_ACTOR));
    ops['restore 100 users'] = await measure(1, () => directory.restoreUsers(id, hundred.map((userId) => ({ userId })), BENCH_ACTOR));
    ops['filter: text after restore'] = await measure(1, () => directory.listUsers(id, { kind: 'text', text: 'lidia' }, page));
    ops['create 1,000 users (createUsers only)'] = await measure(1, () => batchedCreate(directory, id, 1000, 'raw'));
    ops['create 1,000 users from a CSV'] = await measure(1, () => importer(directory, id, 1000, 'a'));
    if (!quick) ops['create 10,000 users from a CSV'] = await measure(1, () => importer(directory, id, 10_000, 'b'));
    await directory.idle();
    return { users, fileBytes, seedMs: seeded.p50, operations: ops };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export interface GrowthRow {
  operation: string;
  ratio: number;
  sizeRatio: number;
  superlinear: boolean;
}

/** time(largest)/time(smallest) per operation; an operation growing faster than the customer is flagged. */
export function growth(results: readonly StoreSizeResult[]): GrowthRow[] {
  const small = results[0];
  const large = results[results.length - 1];
  if (!small || !large || small === large) return [];
  const sizeRatio = large.users / small.users;
  return Object.keys(large.operations).flatMap((operation) => {
    const a = small.operations[operation]?.p50;
    const b = large.operations[operation]?.p50;
    if (a === undefined || b === undefined) return [];
    const ratio = Math.round((b / Math.max(a, 0.01)) * 10) / 10;
    // Sub-millisecond timings are mostly noise: only flag growth beyond linear on operations that take real time.
    return [{ operation, ratio, sizeRatio, superlinear: ratio > sizeRatio * 1.5 && b > 5 }];
  });
}

import assert from 'node:assert/strict';
import type { ImportJob, StoredImportRow } from '../../../src/ports/state/records.js';
import { opener, type Opened } from './opened.js';

const MINUTE = 60_000;
const start = Date.parse('2026-11-20T09:00:00.000Z');
const after = (ms: number) => new Date(start + ms);

const job = (n: number, fields: Partial<ImportJob> = {}): ImportJob => ({
  version: 1,
  id: `import-job-${String(n).padStart(8, '0')}`,
  customerId: 'contoso',
  customerName: 'Contoso',
  fileName: `users-${n}.csv`,
  operator: { tenantId: 'tenant-a', aadObjectId: 'actor-1', name: 'Ada' },
  createdAt: after(n * MINUTE).toISOString(),
  expiresAt: after(n * MINUTE + 24 * 60 * MINUTE).toISOString(),
  status: 'review',
  review: { totalRows: 2, readyRows: 2, existingRows: 0, invalidRows: 0, errors: [] },
  progress: { total: 2, processed: 0, created: 0, existing: 0, failures: [], existingRows: [], passwordsLost: 0 },
  ...fields,
});
const rows = (prefix: string): StoredImportRow[] =>
  [1, 2].map((rowNumber) => ({ rowNumber, input: { upn: `${prefix}${rowNumber}@contoso.example`, givenName: 'Row', surname: String(rowNumber), displayName: `Row ${rowNumber}`, licenses: ['ENTERPRISEPACK'], city: 'Oslo' } }));

/** ImportJobStore: the review, its rows, progress, never-shown user names, and a lease so one run works a job. */
export function importJobsContract(openState: () => Promise<Opened<'imports'>>): void {
  describe('ImportJobStore contract', () => {
    const { open } = opener(openState);

    it('creates, reads and saves jobs; forgets rows; keeps the never-shown user names', async () => {
      const { imports } = await open();
      assert.equal(await imports.get(job(1).id), undefined);
      await imports.create(job(1), rows('a'));
      assert.deepEqual(await imports.get(job(1).id), job(1));
      assert.deepEqual(await imports.rows(job(1).id), rows('a'));
      const running = job(1, { status: 'running', progress: { ...job(1).progress, processed: 1, created: 1, inFlight: { from: 1, to: 2 }, startedAt: after(0).toISOString() } });
      await imports.save(running);
      assert.deepEqual(await imports.get(job(1).id), running);
      await imports.forgetRows(job(1).id);
      assert.equal(await imports.rows(job(1).id), undefined);
      assert.deepEqual(await imports.get(job(1).id), running, 'the job outlives its rows');
      assert.deepEqual(await imports.unshown(job(1).id), []);
      await imports.saveUnshown(job(1).id, ['a1@contoso.example', 'a2@contoso.example']);
      assert.deepEqual(await imports.unshown(job(1).id), ['a1@contoso.example', 'a2@contoso.example']);
      await imports.saveUnshown(job(1).id, []);
      assert.deepEqual(await imports.unshown(job(1).id), []);
    });

    it('lists a customer\'s newest jobs first without cancelled ones, and the running ones', async () => {
      const { imports } = await open();
      await imports.create(job(1), rows('a'));
      await imports.create(job(3, { status: 'running' }), rows('c'));
      await imports.create(job(2, { status: 'cancelled' }), rows('b'));
      await imports.create(job(4, { customerId: 'fabrikam', status: 'running' }), rows('d'));
      await imports.create(job(5, { status: 'finished' }), rows('e'));
      assert.deepEqual((await imports.latest('contoso', 10)).map((j) => j.id), [job(5).id, job(3).id, job(1).id]);
      assert.deepEqual((await imports.latest('contoso', 2)).map((j) => j.id), [job(5).id, job(3).id]);
      assert.deepEqual((await imports.running()).map((j) => j.id).sort(), [job(3).id, job(4).id]);
    });

    it('removes the rows of reviews that expired, and only those', async () => {
      const { imports } = await open();
      await imports.create(job(1), rows('a'));
      await imports.create(job(2, { status: 'running', expiresAt: after(0).toISOString() }), rows('b'));
      await imports.create(job(3, { expiresAt: after(10 * MINUTE).toISOString() }), rows('c'));
      await imports.pruneExpiredReviews(after(10 * MINUTE + 1));
      assert.deepEqual(await imports.rows(job(1).id), rows('a'));
      assert.deepEqual(await imports.rows(job(2).id), rows('b'), 'a running import keeps its rows');
      assert.equal(await imports.rows(job(3).id), undefined);
      assert.ok(await imports.get(job(3).id));
    });

    it('leases a job to one owner, refuses another until the lease runs out, then lets it take over', async () => {
      const { imports } = await open();
      const id = job(1).id;
      await imports.create(job(1, { status: 'running' }), rows('a'));
      assert.equal(await imports.leaseHolder(id, after(0)), undefined);
      assert.equal(await imports.lease(id, 'run-a', after(0), after(5 * MINUTE)), true);
      assert.equal(await imports.leaseHolder(id, after(0)), 'run-a');
      assert.equal(await imports.lease(id, 'run-b', after(MINUTE), after(6 * MINUTE)), false);
      assert.equal(await imports.lease(id, 'run-a', after(MINUTE), after(6 * MINUTE)), true, 'the holder renews it');
      assert.equal(await imports.lease(id, 'run-b', after(6 * MINUTE - 1), after(11 * MINUTE)), false);
      assert.equal(await imports.leaseHolder(id, after(6 * MINUTE)), undefined, 'ran out');
      assert.equal(await imports.lease(id, 'run-b', after(6 * MINUTE), after(11 * MINUTE)), true, 'taken over');
      assert.equal(await imports.lease(id, 'run-a', after(7 * MINUTE), after(12 * MINUTE)), false, 'the old holder lost it');
      await imports.release(id, 'run-a');
      assert.equal(await imports.leaseHolder(id, after(7 * MINUTE)), 'run-b', 'only the holder releases');
      await imports.release(id, 'run-b');
      assert.equal(await imports.leaseHolder(id, after(7 * MINUTE)), undefined);
      assert.equal(await imports.lease(id, 'run-c', after(7 * MINUTE), after(12 * MINUTE)), true);
    });

    it('gives a job to exactly one of 20 concurrent owners', async () => {
      const { imports } = await open();
      await imports.create(job(1), rows('a'));
      const taken = await Promise.all(Array.from({ length: 20 }, (_, i) => imports.lease(job(1).id, `run-${i}`, after(0), after(5 * MINUTE))));
      assert.equal(taken.filter(Boolean).length, 1);
    });

    it('keeps jobs, rows and never-shown user names when reopened', async () => {
      const first = await open();
      await first.imports.create(job(1), rows('a'));
      await first.imports.save(job(1, { status: 'stopped', progress: { ...job(1).progress, processed: 1, created: 1, passwordsLost: 1 } }));
      await first.imports.saveUnshown(job(1).id, ['a1@contoso.example']);
      await first.close();
      const { imports } = await open();
      assert.deepEqual(await imports.get(job(1).id), job(1, { status: 'stopped', progress: { ...job(1).progress, processed: 1, created: 1, passwordsLost: 1 } }));
      assert.deepEqual(await imports.rows(job(1).id), rows('a'));
      assert.deepEqual(await imports.unshown(job(1).id), ['a1@contoso.example']);
      assert.deepEqual((await imports.latest('contoso', 5)).map((j) => j.id), [job(1).id]);
    });
  });
}

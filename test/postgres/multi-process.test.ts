import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openPostgresState } from '../../src/adapters/state/postgres/index.js';
import { testPostgres } from '../helpers/postgres.js';

const run = promisify(execFile);

describe('PostgreSQL state: two processes on one database', function () {
  this.timeout(180_000);

  it('start together, consume a confirmation once and never claim one item twice', async function () {
    const pgt = await testPostgres();
    if (pgt.kind !== 'server') {
      console.log(`  [postgres] skipped: several processes need a PostgreSQL server (${pgt.why}).`);
      this.skip();
    }
    const { url } = await pgt.schema();
    // Each process opens the state as the bot does at start (its migration finds nothing to do), then both press at once.
    const instance = () => run(process.execPath, ['--import', 'tsx', 'test/helpers/pg-instance.ts', url as string, 'c-mp'], { timeout: 120_000 });
    const seed = await openPostgresState(url as string, { poolSize: 1 });
    try {
      await seed.confirmations.add({ id: 'c-mp', kind: 'user.delete', operator: { tenantId: 'T1', aadObjectId: 'A1' }, customerId: 'c', target: 'u', payload: {}, createdAt: '2030-01-01T10:00:00.000Z', expiresAt: '2030-01-01T10:15:00.000Z' });
      for (let i = 0; i < 20; i++) await seed.schedule.schedule({ kind: 'password.hide', key: `k${i}`, dueAt: '2030-01-01T10:00:00.000Z', payload: {} });
      const outputs = await Promise.all([instance(), instance()]);
      const results = outputs.map((o) => JSON.parse(o.stdout.trim().split('\n').at(-1) as string) as { ok: number; claimed: string[] });
      assert.equal(results[0]!.ok + results[1]!.ok, 1, 'one press in ten, over two processes, consumed it');
      const claimed = results.flatMap((r) => r.claimed);
      assert.equal(new Set(claimed).size, claimed.length, 'no item claimed by both');
      assert.equal(claimed.length, 20);
    } finally {
      await seed.close();
    }
  });
});

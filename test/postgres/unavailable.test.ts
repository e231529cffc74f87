import assert from 'node:assert/strict';
import net from 'node:net';
import { openPostgresState } from '../../src/adapters/state/postgres/index.js';
import { isServiceError } from '../../src/domain/errors.js';
import type { StateStore } from '../../src/ports/state/index.js';
import { testPostgres, type TestPostgres } from '../helpers/postgres.js';

/** A loopback TCP proxy to the test server that can be cut and restored, standing in for PostgreSQL going away. */
class CuttableProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const unavailable = (e: unknown): boolean => {
  assert.ok(isServiceError(e), `expected a ServiceError, got ${String(e)}`);
  assert.equal(e.code, 'STATE_UNAVAILABLE');
  assert.equal(e.message, "The bot's database is unavailable; nothing was changed.");
  return true;
};

describe('PostgreSQL state: the database going away and coming back', function () {
  this.timeout(120_000);
  let pgt: TestPostgres;
  before(async function () {
    pgt = await testPostgres();
    if (pgt.kind !== 'server') {
      console.log(`  [postgres] skipped: losing the connection needs a PostgreSQL server (${pgt.why}).`);
      this.skip();
    }
  });

  it('no server at start: STATE_UNAVAILABLE with the stable message', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(openPostgresState(`postgres://postgres@127.0.0.1:${port}/postgres`, { poolSize: 1 }), unavailable);
  });

  it('while unreachable: STATE_UNAVAILABLE and health() not ok; once back, it works again without a restart', async () => {
    const { url } = await pgt.schema();
    const target = new URL(url as string);
    const proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.start();
    target.port = String(proxy.port);
    let store: StateStore | undefined;
    try {
      store = await openPostgresState(target.toString(), { poolSize: 2, statementTimeoutMs: 5_000, healthTimeoutMs: 2_000 });
      await store.conversations.chooseCustomer('conv-1', 'contoso');
      assert.deepEqual(await store.health(), { ok: true });

      await proxy.cut();
      await assert.rejects(store.conversations.chooseCustomer('conv-1', 'fabrikam'), unavailable);
      await assert.rejects(store.imports.create({ version: 1, id: 'x'.repeat(20), customerId: 'c', customerName: 'C', fileName: 'f.csv', operator: { tenantId: 't', aadObjectId: 'a', name: 'n' }, createdAt: new Date(0).toISOString(), expiresAt: new Date(0).toISOString(), status: 'review', review: { totalRows: 0, readyRows: 0, existingRows: 0, invalidRows: 0, errors: [] }, progress: { total: 0, processed: 0, created: 0, existing: 0, failures: [], existingRows: [], passwordsLost: 0 } }, []), unavailable, 'transactions too');
      const health = await store.health();
      assert.equal(health.ok, false);
      assert.match((health as { reason: string }).reason, /database is unavailable/);

      await proxy.start();
      assert.equal(await store.conversations.chosenCustomer('conv-1'), 'contoso', 'nothing was changed while it was down');
      await store.conversations.chooseCustomer('conv-1', 'fabrikam');
      assert.equal(await store.conversations.chosenCustomer('conv-1'), 'fabrikam');
      assert.deepEqual(await store.health(), { ok: true });
    } finally {
      await store?.close();
      await proxy.cut();
    }
  });
});

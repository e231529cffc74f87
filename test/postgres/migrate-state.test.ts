import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { copyFileState, PASSWORD_HIDE_KIND } from '../../src/adapters/state/postgres/copy-file-state.js';
import type { AuditEntry } from '../../src/ports/state/records.js';
import { testPostgres, type TestPostgres } from '../helpers/postgres.js';

const NOW = new Date('2030-01-01T10:00:00.000Z');
const OP = { tenantId: 'tenant-a', aadObjectId: 'op-1' };
const audit = (n: number): AuditEntry => ({ at: `2029-12-31T10:00:0${n}.000Z`, actor: { ...OP, name: 'Ann' }, role: 'global-admin', customerId: 'c1', customerName: 'Contoso', action: 'user.create', target: `u${n}@contoso.example`, outcome: 'success', details: { n } });
const JOB_ID = 'job_aaaaaaaaaaaaaaaaaaaa';

/** A DATA_DIR as the file store writes it, with one of everything (and a torn last audit line). */
async function fileState(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ld-migrate-'));
  const app = {
    version: 1,
    grants: [{ ...OP, role: 'helpdesk', customers: ['c1'], grantedBy: 'owner', grantedAt: '2029-01-01T00:00:00.000Z' }],
    conversations: { 'conv-1': { customerId: 'c1' } },
    confirmations: [{ id: 'conf-1', kind: 'user.delete', operator: OP, customerId: 'c1', target: 'u1', payload: { userId: 'u1' }, createdAt: NOW.toISOString(), expiresAt: '2030-01-01T10:15:00.000Z' }],
    personalChats: { 'tenant-a/op-1': { conversation: { id: 'personal-1' }, serviceUrl: 'https://smba.example' } },
    passwordHides: [{ address: { conversation: { id: 'personal-1' } }, activityId: 'act-9', hideAt: '2030-01-01T10:10:00.000Z', hiddenCard: { type: 'AdaptiveCard' } }],
    approvals: [{ id: 'ap-1', kind: 'user.delete', permission: 'users.delete', customerId: 'c1', customerName: 'Contoso', payload: { userId: 'u1' }, why: 'role', privileged: false, summary: { title: 't', message: 'm', facts: [] }, target: 'u1', requester: { ...OP, name: 'Ann' }, createdAt: NOW.toISOString(), expiresAt: '2030-01-02T10:00:00.000Z', state: 'pending', sentTo: 'channel', posted: [] }],
    approvalChannels: [{ customerId: null, conversationId: 'team-1', address: { conversation: { id: 'team-1' } }, setBy: 'owner', setAt: NOW.toISOString() }],
    ownerTenants: { 'owner-1': { tenantId: 'tenant-a', boundAt: NOW.toISOString() } },
  };
  await writeFile(path.join(dir, 'app.json'), JSON.stringify(app));
  await writeFile(path.join(dir, 'audit.jsonl'), `${JSON.stringify(audit(1))}\n${JSON.stringify(audit(2))}\n{"at":"torn`);
  await mkdir(path.join(dir, 'imports'));
  const job = {
    version: 1, id: JOB_ID, customerId: 'c1', customerName: 'Contoso', fileName: 'a.csv', operator: { ...OP, name: 'Ann' }, createdAt: NOW.toISOString(), expiresAt: '2030-01-02T10:00:00.000Z', status: 'running',
    review: { totalRows: 1, readyRows: 1, existingRows: 0, invalidRows: 0, errors: [] },
    progress: { total: 1, processed: 0, created: 0, existing: 0, failures: [], existingRows: [], passwordsLost: 1 },
  };
  await writeFile(path.join(dir, 'imports', `${JOB_ID}.json`), JSON.stringify(job));
  await writeFile(path.join(dir, 'imports', `${JOB_ID}.rows.json`), JSON.stringify({ version: 1, rows: [{ rowNumber: 2, input: { upn: 'new@contoso.example', givenName: 'N', surname: 'U', displayName: 'N U', licenses: [] } }] }));
  await writeFile(path.join(dir, 'imports', `${JOB_ID}.unshown.json`), JSON.stringify({ version: 1, upns: ['lost@contoso.example'] }));
  await writeFile(path.join(dir, 'graph-deleted-users.json'), JSON.stringify({ version: 1, tenants: { 'tenant-c': { 'user-1': { upn: 'gone@contoso.example', licenses: ['sku'], adminRoles: [], deletedAt: NOW.toISOString(), deletedBy: { aadObjectId: 'op-1', name: 'Ann' } } } } }));
  return dir;
}

describe('npm run migrate-state -- --from-files', function () {
  this.timeout(120_000);
  let pgt: TestPostgres;
  let dir: string;
  before(async () => {
    pgt = await testPostgres();
    dir = await fileState();
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('copies every kind of file state once; a second run adds nothing', async () => {
    const { name } = await pgt.schema();
    const store = await pgt.open(name);
    const sql = pgt.sql(name);
    try {
      const first = await copyFileState(dir, sql, NOW);
      assert.equal(first.copied, true);
      assert.equal(first.counts.audit, 2, 'the torn last line is left out');
      const second = await copyFileState(dir, sql, new Date(NOW.getTime() + 1000));
      assert.deepEqual({ copied: second.copied, importedAt: second.importedAt }, { copied: false, importedAt: NOW.toISOString() });

      assert.equal((await store.operators.grantsOf(OP)).length, 1);
      assert.equal((await store.operators.ownerTenant('owner-1'))?.tenantId, 'tenant-a');
      assert.equal(await store.conversations.chosenCustomer('conv-1'), 'c1');
      assert.deepEqual(await store.conversations.personalChat(OP), { conversation: { id: 'personal-1' }, serviceUrl: 'https://smba.example' });
      assert.equal((await store.conversations.approvalChannels())[0]?.conversationId, 'team-1');
      assert.equal((await store.confirmations.consume('conf-1', OP, 'user.delete', NOW)).ok, true);
      assert.equal((await store.approvals.get('ap-1'))?.state, 'pending');
      const [hide] = await store.schedule.claimDue(new Date('2030-01-01T10:10:00.000Z'), new Date('2030-01-01T10:11:00.000Z'), 10, [PASSWORD_HIDE_KIND]);
      assert.equal(hide?.key, 'act-9');
      assert.deepEqual((await store.audit.export({})).map((e) => e.details?.n), [1, 2], 'once, in order');
      assert.equal((await store.imports.get(JOB_ID))?.progress.passwordsLost, 1);
      assert.equal((await store.imports.rows(JOB_ID))?.[0]?.input.upn, 'new@contoso.example');
      assert.deepEqual(await store.imports.unshown(JOB_ID), ['lost@contoso.example']);
      assert.equal((await store.deletionRecords.get('tenant-c', 'user-1'))?.upn, 'gone@contoso.example');
    } finally {
      await sql.close();
    }
  });

  it('the command: copies into DATABASE_URL, then says nothing was added', async function () {
    if (pgt.kind !== 'server') {
      console.log(`  [postgres] skipped: the migrate-state command needs a PostgreSQL server (${pgt.why}).`);
      this.skip();
    }
    const { url } = await pgt.schema();
    const run = () => promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/migrate-state.ts', '--from-files', dir], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' }, timeout: 60_000 });
    assert.match((await run()).stdout, /^Copied .* grants 1, .*audit 2, .*imports 1, deletionRecords 1\.$/m);
    assert.match((await run()).stdout, /^Nothing added: a file state was already copied into this database on /m);
  });
});

import assert from 'node:assert/strict';
import type { StateStore } from '../../src/ports/state/index.js';
import type { Approval, Confirmation } from '../../src/ports/state/records.js';
import { testPostgres, type TestPostgres } from '../helpers/postgres.js';

/**
 * The guarantees several instances rely on, on PostgreSQL: two stores on one schema are two instances (two pools on a
 * server; on PGlite, one connection that runs statements one at a time, which proves the SQL but not the locking).
 */
const T0 = new Date('2030-01-01T10:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const OP = { tenantId: 'T1', aadObjectId: 'A1' };

const confirmation = (id: string): Confirmation => ({
  id, kind: 'user.delete', operator: OP, customerId: 'c1', target: 'u1', payload: { userId: 'u1' },
  createdAt: T0.toISOString(), expiresAt: at(15 * 60_000).toISOString(),
});

const approval = (id: string): Approval => ({
  id, kind: 'user.delete', permission: 'users.delete', customerId: 'c1', customerName: 'Contoso', payload: { userId: 'u1' },
  why: 'role', privileged: false, summary: { title: 'Delete', message: 'Delete u1', facts: [] }, target: 'u1',
  requester: { ...OP, name: 'Ann' }, createdAt: T0.toISOString(), expiresAt: at(3_600_000).toISOString(), state: 'pending', sentTo: 'channel', posted: [],
});

describe('PostgreSQL state: concurrency across instances', function () {
  this.timeout(120_000);
  let pgt: TestPostgres;
  let a: StateStore;
  let b: StateStore;

  before(async () => {
    pgt = await testPostgres();
    const { name } = await pgt.schema();
    a = await pgt.open(name);
    b = await pgt.open(name);
  });

  it('20 concurrent presses of one confirmation, alternating instances: exactly one consumes it', async () => {
    await a.confirmations.add(confirmation('c-20'));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).confirmations.consume('c-20', OP, 'user.delete', at(1000))));
    assert.equal(results.filter((r) => r.ok).length, 1);
    assert.deepEqual(new Set(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.why))), new Set(['used']));
    assert.equal((await b.confirmations.get('c-20'))?.usedAt, at(1000).toISOString());
  });

  it('consume says why it refused: missing, kind, foreign, expired', async () => {
    await a.confirmations.add(confirmation('c-why'));
    assert.deepEqual(await b.confirmations.consume('nope', OP, 'user.delete', at(0)), { ok: false, why: 'missing' });
    assert.equal(((await b.confirmations.consume('c-why', OP, 'user.reset', at(0))) as { why: string }).why, 'kind');
    assert.equal(((await b.confirmations.consume('c-why', { tenantId: 'T1', aadObjectId: 'B2' }, 'user.delete', at(0))) as { why: string }).why, 'foreign');
    assert.equal(((await b.confirmations.consume('c-why', OP, 'user.delete', at(16 * 60_000))) as { why: string }).why, 'expired');
    assert.equal((await a.confirmations.consume('c-why', { tenantId: 't1', aadObjectId: 'a1' }, 'user.delete', at(0))).ok, true, 'operator ids compare in any case');
  });

  it('20 concurrent decisions of one approval: exactly one wins, and its change is what is stored', async () => {
    await a.approvals.add(approval('ap-20'));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).approvals.transition('ap-20', 'pending', { state: i % 3 ? 'approved' : 'rejected', decidedBy: { ...OP, name: `n${i}` }, decidedAt: at(i).toISOString() })),
    );
    const winners = results.filter((r) => r !== undefined);
    assert.equal(winners.length, 1);
    const stored = await b.approvals.get('ap-20');
    assert.deepEqual(stored, winners[0]);
    assert.equal((await a.approvals.list({ state: 'pending', limit: 10 })).some((x) => x.id === 'ap-20'), false);
  });

  it('addPosted is idempotent by activity id, also when both instances add it at once', async () => {
    await a.approvals.add(approval('ap-post'));
    const card = { address: { conversation: { id: 'x' } }, activityId: 'act-1', audience: 'channel' as const };
    await Promise.all([a.approvals.addPosted('ap-post', card), b.approvals.addPosted('ap-post', card), a.approvals.addPosted('ap-post', { ...card, activityId: 'act-2' })]);
    assert.deepEqual((await b.approvals.get('ap-post'))?.posted.map((p) => p.activityId).sort(), ['act-1', 'act-2']);
  });

  it('expireDue expires each pending request once, on whichever instance runs it', async () => {
    await a.approvals.add({ ...approval('ap-exp'), expiresAt: at(10).toISOString() });
    const [x, y] = await Promise.all([a.approvals.expireDue(at(20)), b.approvals.expireDue(at(20))]);
    const hits = [...x, ...y].filter((r) => r.id === 'ap-exp');
    assert.equal(hits.length, 1);
    assert.equal(hits[0]?.state, 'expired');
    assert.equal(hits[0]?.decidedAt, at(10).toISOString());
  });

  it('claimDue on two instances at once never returns the same item, and takes all that are due', async () => {
    for (let i = 0; i < 30; i++) await a.schedule.schedule({ kind: 'password.hide', key: `k${i}`, dueAt: at(i).toISOString(), payload: { i } });
    await a.schedule.schedule({ kind: 'password.hide', key: 'later', dueAt: at(3_600_000).toISOString(), payload: {} });
    const rounds = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).schedule.claimDue(at(60_000), at(120_000), 5, ['password.hide'])));
    const ids = rounds.flat().map((r) => r.key);
    assert.equal(new Set(ids).size, ids.length, 'no item claimed twice');
    assert.equal(ids.length, 30);
    assert.ok(!ids.includes('later'));
    assert.deepEqual(await b.schedule.claimDue(at(60_000), at(120_000), 50, ['password.hide']), [], 'all leased');
  });

  it('an item whose lease ran out (its instance died) is claimed again; retryAt and complete', async () => {
    await a.schedule.schedule({ kind: 'sweep.test', key: 'only', dueAt: at(0).toISOString(), payload: { n: 1 } });
    const [first] = await a.schedule.claimDue(at(1000), at(16_000), 10, ['sweep.test']);
    assert.ok(first);
    assert.deepEqual(await b.schedule.claimDue(at(15_000), at(30_000), 10, ['sweep.test']), [], 'leased until 16 s');
    const [again] = await b.schedule.claimDue(at(16_000), at(31_000), 10, ['sweep.test']);
    assert.equal(again?.id, first.id);
    await b.schedule.retryAt(first.id, at(40_000));
    assert.deepEqual(await a.schedule.claimDue(at(39_999), at(50_000), 10, ['sweep.test']), []);
    const [retried] = await a.schedule.claimDue(at(40_000), at(50_000), 10, ['sweep.test']);
    assert.equal(retried?.attempts, 1);
    await a.schedule.complete(first.id);
    assert.deepEqual(await b.schedule.claimDue(at(99_999_999), at(99_999_999), 10, ['sweep.test']), []);
  });

  it('a sweep that schedules its next run before completing its claim keeps the next run', async () => {
    await a.schedule.schedule({ kind: 'sweep.purge', key: 'sweep', dueAt: at(0).toISOString(), payload: {} });
    const [claimed] = await a.schedule.claimDue(at(0), at(15_000), 10, ['sweep.purge']);
    assert.ok(claimed);
    await a.schedule.schedule({ kind: 'sweep.purge', key: 'sweep', dueAt: at(3_600_000).toISOString(), payload: {} });
    await a.schedule.complete(claimed.id);
    const [next] = await b.schedule.claimDue(at(3_600_000), at(3_615_000), 10, ['sweep.purge']);
    assert.equal(next?.dueAt, at(3_600_000).toISOString());
  });

  it('an import job is leased by one instance at a time and taken over once the lease expires', async () => {
    const job = {
      version: 1 as const, id: 'job-lease-000000001', customerId: 'c1', customerName: 'Contoso', fileName: 'a.csv', operator: { ...OP, name: 'Ann' },
      createdAt: T0.toISOString(), expiresAt: at(86_400_000).toISOString(), status: 'running' as const,
      review: { totalRows: 1, readyRows: 1, existingRows: 0, invalidRows: 0, errors: [] },
      progress: { total: 1, processed: 0, created: 0, existing: 0, failures: [], existingRows: [], passwordsLost: 0 },
    };
    await a.imports.create(job, []);
    const both = await Promise.all([a.imports.lease(job.id, 'A', at(0), at(30_000)), b.imports.lease(job.id, 'B', at(0), at(30_000))]);
    assert.equal(both.filter(Boolean).length, 1);
    const holder = both[0] ? 'A' : 'B';
    const other = holder === 'A' ? 'B' : 'A';
    assert.equal(await a.imports.lease(job.id, holder, at(10_000), at(40_000)), true, 'renewed by its holder');
    assert.equal(await b.imports.lease(job.id, other, at(39_999), at(60_000)), false);
    assert.equal(await b.imports.lease(job.id, other, at(40_000), at(70_000)), true, 'taken over after expiry');
    await a.imports.release(job.id, holder);
    assert.equal(await a.imports.lease(job.id, holder, at(41_000), at(70_000)), false, 'a release by the old holder frees nothing');
  });

  it('rate limits: an exact sliding window shared by both instances', async () => {
    const takes = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).rateLimits.take('op/resets', 5, 60_000, at(0))));
    assert.equal(takes.filter((t) => t === null).length, 5, 'exactly the limit, whichever instance');
    const refusal = await a.rateLimits.take('op/resets', 5, 60_000, at(59_999));
    assert.equal(refusal?.retryAt.toISOString(), at(60_000).toISOString(), 'oldest counted attempt + window');
    const later = await Promise.all(Array.from({ length: 7 }, (_, i) => (i % 2 ? a : b).rateLimits.take('op/resets', 5, 60_000, at(60_000))));
    assert.equal(later.filter((t) => t === null).length, 5, 'the whole window has passed; refusals were never counted');
    assert.equal(await b.rateLimits.take('op/other', 0, 60_000, at(0)), null, 'a limit of 0 is off');
  });

  it('an activity id is handled once across instances, and again after its ttl', async () => {
    const first = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).activities.firstSeen('act-x', at(0), 600_000)));
    assert.equal(first.filter(Boolean).length, 1);
    assert.equal(await a.activities.firstSeen('act-x', at(599_999), 600_000), false);
    assert.equal(await b.activities.firstSeen('act-x', at(600_000), 600_000), true);
  });

  it('bindOwner: first write wins, atomically', async () => {
    const bound = await Promise.all(['t-a', 't-b', 't-c', 't-d'].map((t, i) => (i % 2 ? a : b).operators.bindOwner('obj-1', t, at(0))));
    assert.equal(new Set(bound.map((b) => b.tenantId)).size, 1);
    assert.deepEqual(await a.operators.ownerTenant('obj-1'), bound[0]);
  });
});

import assert from 'node:assert/strict';
import type { ServiceError } from '../../src/domain/errors.js';
import { settleWithConcurrency } from '../../src/adapters/directory/graph/concurrency.js';
import type { NewUserInput } from '../../src/domain/types.js';
import { ACTOR, TENANT, startHarness, type Harness } from './harness.js';

/** Issue 13, "Microsoft Graph fails closed": what Graph will not say or do is never read as "nothing" or "done". */

const DENIED = { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } };

const input = (n: number): NewUserInput => ({ givenName: `U${n}`, surname: 'Test', displayName: `U${n} Test`, upn: `u${n}.test@contoso.com`, licenses: [] });

/** Whether a $batch item's body names this user. */
const names = (requests: { body?: unknown }[], upn: string): boolean => requests.some((r) => (r.body as { userPrincipalName?: string } | undefined)?.userPrincipalName === upn);

describe('Graph fails closed: admin roles Graph will not show', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.teardown());

  it('a 403 on memberOf makes the user\'s roles unknown, not none', async () => {
    h.fake.inject({ method: 'GET', path: /memberOf/, status: 403, times: 100, body: DENIED });
    const admin = await h.directory.getUser(TENANT, h.ids.admin);
    assert.deepEqual(admin.adminRoles, { unknown: true, missingPermission: 'Directory.Read.All' });
    const reset = await h.directory.resetPassword(TENANT, h.ids.bob, ACTOR);
    assert.deepEqual(reset.user.adminRoles, { unknown: true, missingPermission: 'Directory.Read.All' });
  });

  it('a 403 on memberOf makes the roles of everyone on a listed page unknown', async () => {
    h.fake.inject({ method: 'GET', path: /memberOf/, status: 403, times: 100, body: DENIED });
    const page = await h.directory.listUsers(TENANT, { kind: 'all' }, { top: 50 });
    assert.ok(page.items.length > 0);
    for (const user of page.items) assert.deepEqual(user.adminRoles, { unknown: true, missingPermission: 'Directory.Read.All' }, user.upn);
  });

  it('a user deleted while its roles were unknown stays unknown in the recycle bin (a restore cannot take it for a non-admin)', async () => {
    h.fake.inject({ method: 'GET', path: /memberOf/, status: 403, times: 100, body: DENIED });
    await h.directory.deleteUsers(TENANT, [h.ids.admin], ACTOR);
    const deleted = await h.directory.getDeletedUser(TENANT, h.ids.admin);
    assert.deepEqual(deleted.adminRoles, { unknown: true, missingPermission: 'Directory.Read.All' });
  });
});

describe('Graph fails closed: a failed $batch stops the ones after it', () => {
  let h: Harness;
  afterEach(() => h.teardown());

  it('an import whose 2nd $batch fails: nothing after it is sent, and each row says created / failed / not sent', async () => {
    h = await startHarness({ batchConcurrency: 1 });
    h.fake.batchFault = (requests) => (names(requests, 'u20.test@contoso.com') ? 500 : undefined);
    const before = h.fake.tenant(TENANT).users.size;
    const outcomes = await h.directory.createUsers(TENANT, Array.from({ length: 60 }, (_, n) => input(n)), ACTOR, { atomic: false });

    const posted = h.fake.requests({ method: 'POST', path: /^\/users$/, inBatch: true });
    assert.equal(posted.length, 20, 'only the first $batch ran');
    for (let n = 40; n < 60; n++) assert.ok(!names(posted, `u${n}.test@contoso.com`));
    const batches = h.fake.requests({ method: 'POST', path: /^\/\$batch$/ }).filter((r) => names((r.body as { requests: { body?: unknown }[] }).requests, 'u40.test@contoso.com'));
    assert.equal(batches.length, 0, 'the $batch after the failed one was never sent');
    assert.equal(h.fake.tenant(TENANT).users.size, before + 20);

    assert.deepEqual(
      outcomes.slice(0, 20).map((o) => o.status),
      new Array(20).fill('created'),
    );
    for (const o of outcomes.slice(20, 40)) assert.ok(o.status === 'failed' && o.code === 'UPSTREAM' && /could not complete/.test(o.message), JSON.stringify(o));
    for (const o of outcomes.slice(40)) assert.ok(o.status === 'failed' && /Not sent to Microsoft Graph/.test(o.message), JSON.stringify(o));
  });

  it('a bulk delete whose 2nd $batch fails: the 3rd is never sent, the 1st is undone, and the cause is reported', async () => {
    h = await startHarness({ batchConcurrency: 1, seed: true });
    const ids = Array.from({ length: 60 }, (_, n) => h.fake.addUser(TENANT, { userPrincipalName: `d${n}@contoso.com`, displayName: `D${n}`, givenName: 'D', surname: `${n}` }, []).id);
    const second = ids[20] as string;
    h.fake.batchFault = (requests) => (requests.some((r) => r.method === 'DELETE' && r.url.includes(second)) ? 500 : undefined);
    await assert.rejects(h.directory.deleteUsers(TENANT, ids, ACTOR), (e: ServiceError) => e.code === 'UPSTREAM' && !/Not sent/.test(e.message));
    const deletes = h.fake.requests({ method: 'DELETE', path: /^\/users\//, inBatch: true });
    assert.equal(deletes.length, 20, 'only the first chunk of deletes ran');
    assert.ok(ids.slice(40).every((id) => !deletes.some((d) => d.url.includes(id))));
    assert.ok(ids.every((id) => h.fake.tenant(TENANT).users.has(id)), 'the 20 deleted are restored: nothing changed');
  });

  it('settleWithConcurrency starts nothing after a failure and waits for those in flight', async () => {
    const started: number[] = [];
    const release: (() => void)[] = [];
    const run = settleWithConcurrency([0, 1, 2, 3, 4, 5], 3, (n) => {
      started.push(n);
      if (n === 1) return Promise.reject(new Error('boom'));
      return new Promise<number>((resolve) => release.push(() => resolve(n)));
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started, [0, 1, 2], 'the failure is known before any other item finishes');
    for (const r of release) r();
    const settled = await run;
    assert.deepEqual(started, [0, 1, 2]);
    assert.deepEqual(
      settled.map((s) => s.status),
      ['done', 'failed', 'done', 'not-started', 'not-started', 'not-started'],
    );
  });
});

describe('Graph user listings are not kept', () => {
  let h: Harness;
  afterEach(() => h.teardown());

  it('every search asks Graph for just its page: nothing per search text grows in memory', async () => {
    h = await startHarness();
    const search = (text: string) => h.directory.listUsers(TENANT, { kind: 'text', text }, { top: 5 });
    const reads = () => h.fake.requests({ method: 'GET', path: /^\/users\?/ }).filter((r) => decodeURIComponent(r.url).includes('"displayName:first"')).length;
    await search('first');
    await search('first');
    assert.equal(reads(), 2);
    for (const r of h.fake.requests({ method: 'GET', path: /^\/users\?/ })) assert.equal(new URLSearchParams(r.url.split('?')[1]).get('$top'), '5');
  });
});

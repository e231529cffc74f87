import assert from 'node:assert/strict';
import type { ServiceError } from '../../src/domain/errors.js';
import type { NewUserInput } from '../../src/domain/types.js';
import { ACTOR, SKU_BASIC, SKU_E3, SKU_POWERBI, TENANT, startHarness, type Harness } from './harness.js';

const input = (given: string, licenses: string[] = [SKU_BASIC], extra: Partial<NewUserInput> = {}): NewUserInput => ({
  givenName: given,
  surname: 'Test',
  displayName: `${given} Test`,
  upn: `${given.toLowerCase()}.test@contoso.com`,
  licenses,
  ...extra,
});

describe('Graph directory: createUsers', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.teardown());

  it('creates a licensed user with a temporary password it must change, via POST /users then assignLicense', async () => {
    const [outcome] = await h.directory.createUsers(TENANT, [input('Erik', [SKU_BASIC, SKU_POWERBI], { jobTitle: 'Chef' })], ACTOR, { atomic: true });
    assert.equal(outcome?.status, 'created');
    if (outcome?.status !== 'created') return;
    const stored = h.fake.tenant(TENANT).users.get(outcome.user.id);
    assert.ok(stored);
    assert.equal(stored.password, outcome.temporaryPassword);
    assert.equal(stored.forceChangePasswordNextSignIn, true);
    assert.equal(stored.usageLocation, 'SE', "customer's usage location by default");
    assert.deepEqual(stored.assignedLicenses.map((l) => l.skuId), [SKU_BASIC, SKU_POWERBI]);
    assert.deepEqual(outcome.user.licenses, [SKU_BASIC, SKU_POWERBI]);
    assert.equal(outcome.user.mustChangePassword, true);
    const post = h.fake.requests({ method: 'POST', path: /^\/users$/ })[0];
    assert.deepEqual(Object.keys(post?.body as object).sort(), ['accountEnabled', 'displayName', 'givenName', 'jobTitle', 'mailNickname', 'passwordProfile', 'surname', 'usageLocation', 'userPrincipalName']);
    assert.ok(h.logLines.every((line) => !line.includes(outcome.temporaryPassword)), 'password never logged');
  });

  it('never over-assigns: no free E3 seat -> atomic throws NO_SEATS and creates nobody', async () => {
    const before = h.fake.tenant(TENANT).users.size;
    await assert.rejects(h.directory.createUsers(TENANT, [input('Fia'), input('Gus', [SKU_E3])], ACTOR, { atomic: true }), (e: ServiceError) => {
      assert.equal(e.code, 'NO_SEATS');
      assert.equal(e.details.skuId, SKU_E3);
      return true;
    });
    assert.equal(h.fake.tenant(TENANT).users.size, before);
    assert.equal(h.fake.requests({ method: 'POST', path: /^\/users$/ }).length, 0);
  });

  it('imports row by row: exists, invalid, no seat and created side by side', async () => {
    const outcomes = await h.directory.createUsers(
      TENANT,
      [input('Hugo'), { ...input('Alice'), upn: 'alice.andersson@contoso.com' }, input('Ivar', [SKU_E3]), { ...input('Jon'), upn: 'jon@elsewhere.com' }, input('Hugo')],
      ACTOR,
      { atomic: false },
    );
    assert.deepEqual(
      outcomes.map((o) => (o.status === 'failed' ? `failed:${o.code}` : o.status)),
      ['created', 'exists', 'failed:NO_SEATS', 'failed:INVALID_INPUT', 'exists'],
    );
    assert.equal(h.fake.consumed(TENANT, SKU_E3), 2);
  });

  it('atomic: a taken name is CONFLICT before anything is created (recycle bin included)', async () => {
    await h.directory.deleteUsers(TENANT, [h.ids.bob], ACTOR);
    await assert.rejects(
      h.directory.createUsers(TENANT, [input('Kim'), { ...input('Bob'), upn: 'bob.berg@contoso.com' }], ACTOR, { atomic: true }),
      (e: ServiceError) => e.code === 'CONFLICT',
    );
    assert.equal(h.fake.requests({ method: 'POST', path: /^\/users$/ }).length, 0);
  });

  it('atomic: a license refused after creation (seat taken meanwhile) deletes and purges the new users, NO_SEATS', async () => {
    h.fake.inject({ method: 'POST', path: /assignLicense/, status: 400, times: 1, body: { error: { code: 'Request_BadRequest', message: 'Subscription with SKU x does not have any available licenses.' } } });
    await assert.rejects(h.directory.createUsers(TENANT, [input('Lea'), input('Max')], ACTOR, { atomic: true }), (e: ServiceError) => e.code === 'NO_SEATS');
    const t = h.fake.tenant(TENANT);
    assert.ok(![...t.users.values()].some((u) => /^(lea|max)\.test@/.test(u.userPrincipalName)));
    assert.equal(t.deleted.size, 0, 'purged, so the names are free again');
  });

  it('import: a license refused after creation removes just that user and reports NO_SEATS for its row', async () => {
    h.fake.inject({ method: 'POST', path: /assignLicense/, status: 400, times: 1, body: { error: { code: 'Request_BadRequest', message: 'CountViolation: does not have any available licenses' } } });
    const outcomes = await h.directory.createUsers(TENANT, [input('Ned'), input('Ola')], ACTOR, { atomic: false });
    assert.deepEqual(outcomes.map((o) => (o.status === 'failed' ? o.code : o.status)), ['NO_SEATS', 'created']);
    assert.ok(![...h.fake.tenant(TENANT).users.values()].some((u) => u.userPrincipalName.startsWith('ned.')));
  });

  it('retries the eventual-consistency 404 of a just-created user when assigning its license', async () => {
    h.fake.newUserNotFoundCount = 2;
    const [outcome] = await h.directory.createUsers(TENANT, [input('Per')], ACTOR, { atomic: true });
    assert.equal(outcome?.status, 'created');
    assert.equal(h.fake.consumed(TENANT, SKU_BASIC), 5);
    assert.equal(h.fake.requests({ path: /assignLicense/ }).filter((r) => r.status === 404).length, 2);
  });

  it('sets the usage location and retries once when Graph refuses a license for an invalid usage location', async () => {
    h.fake.inject({ method: 'POST', path: /assignLicense/, status: 400, times: 1, body: { error: { code: 'Request_BadRequest', message: 'License assignment cannot be done for user with invalid usage location.' } } });
    const [outcome] = await h.directory.createUsers(TENANT, [input('Rut')], ACTOR, { atomic: true });
    assert.equal(outcome?.status, 'created');
    assert.equal(h.fake.requests({ method: 'PATCH' }).length, 1);
  });

  it('creates 45 users in $batch requests of at most 20, retrying throttled items', async () => {
    h.fake.tenant(TENANT).skus[0]!.enabled = 100;
    h.fake.throttleEveryNthItem = 7;
    const inputs = Array.from({ length: 45 }, (_, i) => input(`Bulk${i}`));
    const outcomes = await h.directory.createUsers(TENANT, inputs, ACTOR, { atomic: false });
    assert.ok(outcomes.every((o) => o.status === 'created'));
    assert.equal(h.fake.consumed(TENANT, SKU_BASIC), 49);
    const batches = h.fake.requests({ path: /^\/\$batch$/ });
    assert.ok(batches.every((b) => ((b.body as { requests: unknown[] }).requests.length ?? 0) <= 20));
    assert.ok(h.fake.requests({ inBatch: true }).some((r) => r.status === 429));
  });
});

import assert from 'node:assert/strict';
import type { ServiceError } from '../../src/domain/errors.js';
import { ACTOR, SKU_BASIC, SKU_E3, SKU_POWERBI, TENANT, startHarness, type Harness } from './harness.js';

describe('Graph directory: changeLicenses', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.teardown());

  it('reports per user per SKU: assigned, already-had, removed, did-not-have', async () => {
    const result = await h.directory.changeLicenses(TENANT, { userIds: [h.ids.alice, h.ids.bob], add: [SKU_POWERBI], remove: [SKU_E3] }, ACTOR, { onShortage: 'fail' });
    assert.deepEqual(result.users.map((u) => u.outcomes), [
      { [SKU_E3]: 'removed', [SKU_POWERBI]: 'assigned' },
      { [SKU_E3]: 'did-not-have', [SKU_POWERBI]: 'assigned' },
    ]);
    const again = await h.directory.changeLicenses(TENANT, { userIds: [h.ids.alice], add: [SKU_POWERBI], remove: [] }, ACTOR, { onShortage: 'fail' });
    assert.equal(again.users[0]?.outcomes[SKU_POWERBI], 'already-had');
    const sub = again.subscriptions.find((s) => s.skuId === SKU_POWERBI);
    assert.equal(sub?.seatsAssigned, 2);
    const body = h.fake.requests({ path: /assignLicense/ })[0]?.body;
    assert.deepEqual(body, { addLicenses: [{ skuId: SKU_POWERBI, disabledPlans: [] }], removeLicenses: [SKU_E3] });
  });

  it("'fail': short of seats changes nothing and throws NO_SEATS with skuId, needed, available", async () => {
    await assert.rejects(
      h.directory.changeLicenses(TENANT, { userIds: [h.ids.bob, h.ids.dave], add: [SKU_E3], remove: [] }, ACTOR, { onShortage: 'fail' }),
      (e: ServiceError) => {
        assert.equal(e.code, 'NO_SEATS');
        assert.deepEqual({ skuId: e.details.skuId, needed: e.details.needed, available: e.details.available }, { skuId: SKU_E3, needed: 2, available: 0 });
        return true;
      },
    );
    assert.equal(h.fake.requests({ path: /assignLicense/ }).length, 0);
  });

  it("'partial': users beyond the free seats get no-seat; a user without usage location gets the customer's first", async () => {
    h.fake.tenant(TENANT).skus[2]!.enabled = 1;
    const result = await h.directory.changeLicenses(TENANT, { userIds: [h.ids.dave, h.ids.bob], add: [SKU_POWERBI], remove: [] }, ACTOR, { onShortage: 'partial' });
    assert.deepEqual(result.users.map((u) => [u.userId, u.outcomes[SKU_POWERBI], u.usageLocationSet]), [
      [h.ids.dave, 'assigned', 'SE'],
      [h.ids.bob, 'no-seat', undefined],
    ]);
    assert.equal(h.fake.tenant(TENANT).users.get(h.ids.dave)?.usageLocation, 'SE');
    assert.equal(h.fake.consumed(TENANT, SKU_POWERBI), 1);
  });

  it("'fail': a seat taken by someone else meanwhile undoes the users already changed", async () => {
    h.fake.tenant(TENANT).skus[2]!.enabled = 2;
    // Graph refuses the second user's assignment (as if the last seat went elsewhere).
    h.fake.inject({ method: 'POST', path: new RegExp(`${h.ids.bob}/assignLicense`), status: 400, times: 1, body: { error: { code: 'Request_BadRequest', message: 'Subscription with SKU p does not have any available licenses.' } } });
    await assert.rejects(
      h.directory.changeLicenses(TENANT, { userIds: [h.ids.alice, h.ids.bob], add: [SKU_POWERBI], remove: [] }, ACTOR, { onShortage: 'fail' }),
      (e: ServiceError) => e.code === 'NO_SEATS',
    );
    assert.equal(h.fake.consumed(TENANT, SKU_POWERBI), 0, 'alice was undone');
  });

  it('refuses to remove a group-inherited license (LICENSE_INHERITED) before changing anything', async () => {
    h.fake.tenant(TENANT).users.get(h.ids.carol)!.groupLicenses = [SKU_E3];
    await assert.rejects(
      h.directory.changeLicenses(TENANT, { userIds: [h.ids.alice, h.ids.carol], add: [], remove: [SKU_E3] }, ACTOR, { onShortage: 'partial' }),
      (e: ServiceError) => e.code === 'LICENSE_INHERITED' && /group/.test(e.message) && e.details.userId === h.ids.carol,
    );
    assert.equal(h.fake.requests({ path: /assignLicense/ }).length, 0);
  });

  it('unknown user or SKU is NOT_FOUND; the same SKU added and removed is INVALID_INPUT', async () => {
    await assert.rejects(h.directory.changeLicenses(TENANT, { userIds: ['nobody@contoso.com'], add: [SKU_BASIC], remove: [] }, ACTOR, { onShortage: 'fail' }), (e: ServiceError) => e.code === 'NOT_FOUND');
    await assert.rejects(h.directory.changeLicenses(TENANT, { userIds: [h.ids.bob], add: ['6c9d4c1a-0000-4000-8000-000000000000'], remove: [] }, ACTOR, { onShortage: 'fail' }), (e: ServiceError) => e.code === 'NOT_FOUND');
    await assert.rejects(h.directory.changeLicenses(TENANT, { userIds: [h.ids.bob], add: [SKU_BASIC], remove: [SKU_BASIC] }, ACTOR, { onShortage: 'fail' }), (e: ServiceError) => e.code === 'INVALID_INPUT');
  });

  it('resetPassword PATCHes a new temporary password with forceChangePasswordNextSignIn', async () => {
    const reset = await h.directory.resetPassword(TENANT, h.ids.bob, ACTOR);
    const stored = h.fake.tenant(TENANT).users.get(h.ids.bob);
    assert.equal(stored?.password, reset.temporaryPassword);
    assert.equal(stored?.forceChangePasswordNextSignIn, true);
    assert.equal(reset.user.mustChangePassword, true);
    assert.equal(reset.temporaryPassword.length, 16);
    h.fake.inject({ method: 'PATCH', status: 403, times: 1, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } });
    await assert.rejects(h.directory.resetPassword(TENANT, h.ids.admin, ACTOR), (e: ServiceError) => e.code === 'FORBIDDEN' && !e.message.includes('Insufficient'));
    assert.ok(h.logLines.every((l) => !l.includes(reset.temporaryPassword)));
  });
});

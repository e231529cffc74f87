import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServiceError } from '../../src/domain/errors.js';
import { DELETION_RECORDS_FILE } from '../../src/adapters/state/file/deletion-records-file.js';
import { ACTOR, SKU_BASIC, SKU_E3, TENANT, startHarness, type Harness } from './harness.js';

describe('Graph directory: delete, recycle bin, restore, purge', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.teardown());

  it('deletes users, records what they held and who deleted them, lists them newest first', async () => {
    const [deleted] = await h.directory.deleteUsers(TENANT, [h.ids.alice], ACTOR);
    assert.deepEqual(deleted?.licenses, [SKU_BASIC, SKU_E3]);
    assert.deepEqual(deleted?.deletedBy, ACTOR.actor);
    assert.equal(deleted?.restorableUntil, '2025-03-31T09:00:00.000Z');
    const file = JSON.parse(await readFile(path.join(h.dataDir, DELETION_RECORDS_FILE), 'utf8'));
    assert.deepEqual(file.tenants[TENANT][h.ids.alice].licenses, [SKU_BASIC, SKU_E3]);
    h.clock.advanceDays(1);
    await h.directory.deleteUsers(TENANT, [h.ids.bob], ACTOR);
    const page = await h.directory.listDeletedUsers(TENANT, { top: 10 });
    assert.deepEqual(page.items.map((u) => u.upn), ['bob.berg@contoso.com', 'alice.andersson@contoso.com'], 'original UPNs, not the recycle-bin ones');
    const byUpn = await h.directory.getDeletedUser(TENANT, 'Alice.Andersson@contoso.com');
    assert.equal(byUpn.id, h.ids.alice);
    assert.equal((await h.directory.getDeletedUser(TENANT, h.ids.bob)).deletedBy.name, 'Partner Admin');
    await assert.rejects(h.directory.getDeletedUser(TENANT, h.ids.carol), (e: ServiceError) => e.code === 'NOT_FOUND');
  });

  it('an unknown user in a bulk delete is NOT_FOUND and nobody is deleted', async () => {
    await assert.rejects(h.directory.deleteUsers(TENANT, [h.ids.bob, 'ghost@contoso.com'], ACTOR), (e: ServiceError) => e.code === 'NOT_FOUND');
    assert.equal(h.fake.tenant(TENANT).deleted.size, 0);
  });

  it('a delete failing mid-batch restores the ones already deleted and throws', async () => {
    h.fake.inject({ method: 'DELETE', path: new RegExp(h.ids.carol), status: 403, times: 1, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } } });
    await assert.rejects(h.directory.deleteUsers(TENANT, [h.ids.bob, h.ids.carol], ACTOR), (e: ServiceError) => e.code === 'FORBIDDEN');
    assert.ok(h.fake.tenant(TENANT).users.has(h.ids.bob));
    assert.equal(h.fake.tenant(TENANT).deleted.size, 0);
  });

  it('restores with licenses only within free seats (Entra over-assigns; the adapter trims)', async () => {
    await h.directory.deleteUsers(TENANT, [h.ids.alice], ACTOR);
    // Alice's E3 seat goes to Dave meanwhile.
    await h.directory.changeLicenses(TENANT, { userIds: [h.ids.dave], add: [SKU_E3], remove: [] }, ACTOR, { onShortage: 'fail' });
    const [outcome] = await h.directory.restoreUsers(TENANT, [{ userId: h.ids.alice }], ACTOR);
    assert.equal(outcome?.status, 'restored');
    if (outcome?.status !== 'restored') return;
    assert.deepEqual(outcome.licensesRestored, [SKU_BASIC]);
    assert.deepEqual(outcome.licensesNotRestored, [SKU_E3]);
    assert.deepEqual(outcome.user.licenses, [SKU_BASIC]);
    assert.equal(outcome.user.upn, 'alice.andersson@contoso.com');
    assert.equal(h.fake.consumed(TENANT, SKU_E3), 2, 'never more than bought');
    const removal = h.fake.requests({ path: new RegExp(`${h.ids.alice}/assignLicense`) }).at(-1)?.body;
    assert.deepEqual(removal, { addLicenses: [], removeLicenses: [SKU_E3] });
  });

  it('restore: taken UPN -> upn-taken (who holds it); newUpn restores under the new name; expired and unknown', async () => {
    await h.directory.deleteUsers(TENANT, [h.ids.bob, h.ids.carol], ACTOR);
    // Entra lets a new user take a deleted user's name (this app does not, but others may).
    const second = h.fake.addUser(TENANT, { userPrincipalName: 'bob.berg@contoso.com', displayName: 'Bob Berg II' });
    const taken = await h.directory.restoreUsers(TENANT, [{ userId: h.ids.bob }, { userId: h.ids.bob, newUpn: 'bob.berg2@contoso.com' }], ACTOR);
    // v1.0 restores under the old name first, so a new name does not help while the old one is taken.
    assert.deepEqual(taken.map((o) => o.status === 'upn-taken' && [o.upn, o.takenBy]), [['bob.berg@contoso.com', 'Bob Berg II'], ['bob.berg@contoso.com', 'Bob Berg II']]);
    assert.equal(h.fake.requests({ path: /restore$/ }).length, 0);
    h.fake.tenant(TENANT).users.delete(second.id);
    const outcomes = await h.directory.restoreUsers(TENANT, [{ userId: h.ids.bob, newUpn: 'bob.berg2@contoso.com' }, { userId: '7d3c5a0e-1111-4111-8111-111111111111' }], ACTOR);
    assert.deepEqual(outcomes.map((o) => o.status), ['restored', 'not-found']);
    assert.equal(outcomes[0]?.status === 'restored' && outcomes[0].user.upn, 'bob.berg2@contoso.com');
    assert.equal(h.fake.requests({ path: /restore$/ }).at(-1)?.body, undefined, 'v1.0 restore has no body');
    assert.deepEqual(h.fake.requests({ method: 'PATCH', path: new RegExp(h.ids.bob) }).at(-1)?.body, { userPrincipalName: 'bob.berg2@contoso.com' });
    h.clock.advanceDays(31);
    const [expired] = await h.directory.restoreUsers(TENANT, [{ userId: h.ids.carol }], ACTOR);
    assert.deepEqual(expired, { status: 'expired', userId: h.ids.carol, upn: 'carol.carlsson@contoso.com' });
    await assert.rejects(h.directory.restoreUsers(TENANT, [{ userId: h.ids.carol, newUpn: 'x@fabrikam.com' }], ACTOR), (e: ServiceError) => e.code === 'INVALID_INPUT');
  });

  it('restore as a new name whose rename Graph refuses: restored under the old name, and says so', async () => {
    await h.directory.deleteUsers(TENANT, [h.ids.bob], ACTOR);
    h.fake.inject({ method: 'PATCH', path: new RegExp(h.ids.bob), status: 403, times: 1, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } });
    const [outcome] = await h.directory.restoreUsers(TENANT, [{ userId: h.ids.bob, newUpn: 'bob.new@contoso.com' }], ACTOR);
    assert.equal(outcome?.status, 'restored');
    assert.equal(outcome?.status === 'restored' && outcome.user.upn, 'bob.berg@contoso.com');
    assert.equal(outcome?.status === 'restored' && outcome.renameFailed?.wanted, 'bob.new@contoso.com');
  });

  it('the fake Graph refuses the beta forms: restore with a body, user properties selected on a directoryObject', async () => {
    await h.directory.deleteUsers(TENANT, [h.ids.bob], ACTOR);
    const root = `${h.fake.baseUrl}/v1.0/directory/deletedItems/${h.ids.bob}`;
    const auth = { authorization: `Bearer fake-token:${TENANT}`, 'content-type': 'application/json', 'x-deliberately-invalid': '1' };
    assert.equal((await fetch(`${root}?$select=userPrincipalName`, { headers: auth })).status, 400);
    assert.equal((await fetch(`${root}/microsoft.graph.user?$select=userPrincipalName`, { headers: auth })).status, 200);
    assert.equal((await fetch(`${root}/restore`, { method: 'POST', headers: auth, body: JSON.stringify({ newUserPrincipalName: 'x@contoso.com' }) })).status, 400);
  });

  it('purgeExpired permanently deletes only users past 30 days', async () => {
    await h.directory.deleteUsers(TENANT, [h.ids.bob], ACTOR);
    h.clock.advanceDays(20);
    await h.directory.deleteUsers(TENANT, [h.ids.carol], ACTOR);
    h.clock.advanceDays(11);
    const purged = await h.directory.purgeExpired(TENANT);
    assert.deepEqual(purged.map((u) => u.id), [h.ids.bob]);
    assert.deepEqual([...h.fake.tenant(TENANT).deleted.keys()], [h.ids.carol]);
    assert.deepEqual(await h.directory.purgeExpired(TENANT), []);
  });

  it('a deleted user deleted outside the app still lists, with Graph licenses and an unknown actor', async () => {
    h.fake.softDelete(TENANT, h.ids.carol);
    const user = await h.directory.getDeletedUser(TENANT, h.ids.carol);
    assert.deepEqual(user.licenses, [SKU_BASIC, SKU_E3]);
    assert.equal(user.deletedBy.aadObjectId, '');
    assert.equal(user.upn, 'carol.carlsson@contoso.com');
  });
});

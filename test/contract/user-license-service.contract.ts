/**
 * Behaviour every UserLicenseService must show, whatever is behind it (embedded store, Microsoft Graph).
 *
 * Use: describeUserLicenseServiceContract('embedded', async () => ({ service, customerId, fixture, teardown })).
 * setup() runs before every test and must return a fresh, isolated customer; tests change its data.
 *
 * The customer (fixture) must have:
 * - `domain`: a domain of the customer (in getCustomer().domains) for new user names; no user names starting
 *   with "contract." exist on it.
 * - `freeSkuId`: a subscription with at least 3 free seats.
 * - `fullSkuId`: a subscription with 0 free seats (seatsAssigned === seatsTotal, seatsTotal >= 1), held by
 *   `licensedUserId`.
 * - `licensedUserId`: a live user holding `fullSkuId` but not `freeSkuId`, no group-inherited licenses.
 * - `unlicensedUserId`: a live user with no licenses at all.
 * - `spareUserId`: a live user (any licenses, not `freeSkuId`) the tests may delete and restore.
 * - at least 3 live users in total, with distinct display names.
 * - optionally `advanceDays(n)`: moves the service's clock n days ahead (enables the 30-day window tests).
 */
import assert from 'node:assert/strict';
import type { ServiceError } from '../../src/domain/errors.js';
import type { UserLicenseService } from '../../src/ports/directory.js';
import type { NewUserInput, ActorContext, User } from '../../src/domain/types.js';

export interface ContractFixture {
  domain: string;
  freeSkuId: string;
  fullSkuId: string;
  licensedUserId: string;
  unlicensedUserId: string;
  spareUserId: string;
  advanceDays?: (days: number) => void;
}

export interface ContractSetup {
  service: UserLicenseService;
  customerId: string;
  fixture: ContractFixture;
  teardown(): Promise<void>;
}

const ctx: ActorContext = { actor: { aadObjectId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', name: 'Contract Tester' } };
const code = (expected: string) => (e: ServiceError) => e.code === expected;
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function describeUserLicenseServiceContract(name: string, setup: () => Promise<ContractSetup>): void {
  describe(`UserLicenseService contract: ${name}`, () => {
    let s: UserLicenseService;
    let customerId: string;
    let f: ContractFixture;
    let env: ContractSetup;
    const newUser = (local: string, licenses: string[] = []): NewUserInput => ({
      givenName: 'Contract',
      surname: local,
      displayName: `Contract ${local}`,
      upn: `contract.${local.toLowerCase()}@${f.domain}`,
      licenses,
    });
    const sub = async (skuId: string) => (await s.listSubscriptions(customerId)).find((x) => x.skuId === skuId);

    beforeEach(async () => {
      env = await setup();
      ({ service: s, customerId, fixture: f } = env);
    });
    afterEach(() => env.teardown());

    it('knows the customer and its domains; an unknown customer is NOT_FOUND', async () => {
      assert.ok((await s.listCustomers()).some((c) => c.id === customerId));
      const customer = await s.getCustomer(customerId);
      assert.ok(customer.domains.includes(f.domain));
      assert.ok(customer.domains.includes(customer.defaultDomain));
      assert.match(customer.usageLocation, /^[A-Z]{2}$/);
      await assert.rejects(s.getCustomer('no-such-customer'), code('NOT_FOUND'));
    });

    it('lists users sorted by display name, paged consistently by the cursor of the page before', async () => {
      const all = await s.listUsers(customerId, { kind: 'all' }, { top: 1000 });
      assert.ok(all.total >= 3);
      assert.equal(all.items.length, all.total);
      const names = all.items.map((u) => u.displayName);
      assert.deepEqual(names, [...names].sort((a, b) => collator.compare(a, b)));
      const p1 = await s.listUsers(customerId, { kind: 'all' }, { top: 2 });
      assert.ok(p1.next, 'a next page');
      const p2 = await s.listUsers(customerId, { kind: 'all' }, { cursor: p1.next, top: 2 });
      assert.deepEqual([...p1.items, ...p2.items].map((u) => u.id), all.items.slice(0, 4).map((u) => u.id));
      assert.deepEqual({ offset: p2.offset, top: p2.top, total: p2.total }, { offset: 2, top: 2, total: all.total });
      const forged = await s.listUsers(customerId, { kind: 'all' }, { cursor: 'not a cursor', top: 2 });
      assert.deepEqual(forged.items.map((u) => u.id), p1.items.map((u) => u.id), 'a cursor the directory did not issue reads as the first page');
    });

    it('filters licensed, unlicensed, by SKU and by text; text never acts as a query', async () => {
      const ids = async (filter: Parameters<UserLicenseService['listUsers']>[1]) => (await s.listUsers(customerId, filter, { top: 1000 })).items.map((u) => u.id);
      assert.ok((await ids({ kind: 'unlicensed' })).includes(f.unlicensedUserId));
      assert.ok(!(await ids({ kind: 'unlicensed' })).includes(f.licensedUserId));
      assert.ok((await ids({ kind: 'licensed' })).includes(f.licensedUserId));
      assert.ok(!(await ids({ kind: 'licensed' })).includes(f.unlicensedUserId));
      assert.ok((await ids({ kind: 'sku', skuId: f.fullSkuId })).includes(f.licensedUserId));
      const licensed = await s.getUser(customerId, f.licensedUserId);
      assert.ok((await ids({ kind: 'text', text: licensed.displayName.slice(0, 4) })).includes(f.licensedUserId));
      assert.deepEqual(await ids({ kind: 'text', text: "' or 1 eq 1" }), []);
      assert.deepEqual(await ids({ kind: 'text', text: "zz') or startswith(displayName,'" }), []);
    });

    it('gets a user by id or by user name in any case; unknown is NOT_FOUND', async () => {
      const byId = await s.getUser(customerId, f.licensedUserId);
      assert.ok(byId.licenses.includes(f.fullSkuId));
      const byUpn = await s.getUser(customerId, byId.upn.toUpperCase());
      assert.equal(byUpn.id, byId.id);
      await assert.rejects(s.getUser(customerId, `contract.nobody@${f.domain}`), code('NOT_FOUND'));
    });

    it('reports subscriptions with seats; the full one has none free', async () => {
      const full = await sub(f.fullSkuId);
      const free = await sub(f.freeSkuId);
      assert.ok(full && free);
      assert.equal(full.seatsTotal - full.seatsAssigned, 0);
      assert.ok(free.seatsTotal - free.seatsAssigned >= 3);
      assert.ok(full.name.length > 0 && full.skuPartNumber.length > 0);
    });

    it('creates a licensed user with a temporary password; the name is then in use and a seat taken', async () => {
      const before = (await sub(f.freeSkuId))?.seatsAssigned ?? 0;
      const [outcome] = await s.createUsers(customerId, [newUser('Ann', [f.freeSkuId])], ctx, { atomic: true });
      assert.equal(outcome?.status, 'created');
      if (outcome?.status !== 'created') return;
      assert.ok(outcome.temporaryPassword.length >= 12);
      assert.deepEqual(outcome.user.licenses, [f.freeSkuId]);
      assert.deepEqual((await s.getUser(customerId, outcome.user.id)).licenses, [f.freeSkuId]);
      assert.equal((await sub(f.freeSkuId))?.seatsAssigned, before + 1);
      const upn = `contract.ann@${f.domain}`;
      assert.deepEqual([...(await s.upnsInUse(customerId, [upn.toUpperCase(), `contract.free@${f.domain}`]))], [upn]);
    });

    it('never assigns beyond the seats bought when creating', async () => {
      await assert.rejects(s.createUsers(customerId, [newUser('Ben', [f.freeSkuId]), newUser('Cy', [f.fullSkuId])], ctx, { atomic: true }), code('NO_SEATS'));
      assert.equal((await s.upnsInUse(customerId, [`contract.ben@${f.domain}`, `contract.cy@${f.domain}`])).size, 0, 'atomic: nobody created');
      const existing = await s.getUser(customerId, f.spareUserId);
      const outcomes = await s.createUsers(customerId, [{ ...newUser('Dup'), upn: existing.upn }, newUser('Eve', [f.fullSkuId]), newUser('Fay')], ctx, { atomic: false });
      assert.deepEqual(outcomes.map((o) => (o.status === 'failed' ? `failed:${o.code}` : o.status)), ['exists', 'failed:NO_SEATS', 'created']);
      const full = await sub(f.fullSkuId);
      assert.equal(full?.seatsAssigned, full?.seatsTotal);
    });

    it("changeLicenses 'fail' changes nothing when short and says what is short", async () => {
      await assert.rejects(s.changeLicenses(customerId, { userIds: [f.unlicensedUserId], add: [f.fullSkuId, f.freeSkuId], remove: [] }, ctx, { onShortage: 'fail' }), (e: ServiceError) => {
        assert.equal(e.code, 'NO_SEATS');
        assert.deepEqual([e.details.skuId, e.details.needed, e.details.available], [f.fullSkuId, 1, 0]);
        return true;
      });
      assert.deepEqual((await s.getUser(customerId, f.unlicensedUserId)).licenses, []);
    });

    it('changeLicenses reports assigned / already-had / removed / did-not-have / no-seat per user', async () => {
      const first = await s.changeLicenses(customerId, { userIds: [f.licensedUserId, f.unlicensedUserId], add: [f.freeSkuId], remove: [] }, ctx, { onShortage: 'fail' });
      assert.deepEqual(first.users.map((u) => u.outcomes[f.freeSkuId]), ['assigned', 'assigned']);
      const unlicensed = first.users.find((u) => u.userId === f.unlicensedUserId);
      const customer = await s.getCustomer(customerId);
      if (unlicensed?.usageLocationSet !== undefined) assert.equal(unlicensed.usageLocationSet, customer.usageLocation);
      const second = await s.changeLicenses(customerId, { userIds: [f.licensedUserId], add: [f.freeSkuId], remove: [f.fullSkuId] }, ctx, { onShortage: 'fail' });
      assert.deepEqual(second.users[0]?.outcomes, { [f.freeSkuId]: 'already-had', [f.fullSkuId]: 'removed' });
      const third = await s.changeLicenses(customerId, { userIds: [f.unlicensedUserId, f.licensedUserId], add: [f.fullSkuId], remove: [f.freeSkuId] }, ctx, { onShortage: 'partial' });
      assert.deepEqual(third.users.map((u) => [u.outcomes[f.fullSkuId], u.outcomes[f.freeSkuId]]), [
        ['assigned', 'removed'],
        ['no-seat', 'removed'],
      ]);
      const full = third.subscriptions.find((x) => x.skuId === f.fullSkuId);
      assert.equal(full?.seatsAssigned, full?.seatsTotal);
      const again = await s.changeLicenses(customerId, { userIds: [f.licensedUserId], add: [], remove: [f.freeSkuId] }, ctx, { onShortage: 'fail' });
      assert.equal(again.users[0]?.outcomes[f.freeSkuId], 'did-not-have');
      await assert.rejects(s.changeLicenses(customerId, { userIds: [f.licensedUserId], add: [f.freeSkuId], remove: [f.freeSkuId] }, ctx, { onShortage: 'fail' }), code('INVALID_INPUT'));
      await assert.rejects(s.changeLicenses(customerId, { userIds: [`contract.ghost@${f.domain}`], add: [f.freeSkuId], remove: [] }, ctx, { onShortage: 'fail' }), code('NOT_FOUND'));
    });

    it('resets a password to a new temporary one that must be changed', async () => {
      const reset = await s.resetPassword(customerId, f.spareUserId, ctx);
      assert.ok(reset.temporaryPassword.length >= 12);
      assert.equal(reset.user.id, f.spareUserId);
      assert.equal(reset.user.mustChangePassword, true);
      await assert.rejects(s.resetPassword(customerId, `contract.ghost@${f.domain}`, ctx), code('NOT_FOUND'));
    });

    it('deletes to the recycle bin (name still in use) and restores with the licenses held', async () => {
      const spare = await s.getUser(customerId, f.spareUserId);
      const [deleted] = await s.deleteUsers(customerId, [f.spareUserId], ctx);
      assert.equal(deleted?.id, f.spareUserId);
      assert.deepEqual(deleted?.deletedBy, ctx.actor);
      assert.equal(Date.parse(deleted?.restorableUntil ?? '') - Date.parse(deleted?.deletedAt ?? ''), 30 * 24 * 60 * 60 * 1000);
      await assert.rejects(s.getUser(customerId, f.spareUserId), code('NOT_FOUND'));
      assert.ok((await s.upnsInUse(customerId, [spare.upn])).has(spare.upn.toLowerCase()));
      assert.ok((await s.listDeletedUsers(customerId, { top: 50 })).items.some((u) => u.id === f.spareUserId));
      assert.equal((await s.getDeletedUser(customerId, spare.upn.toUpperCase())).id, f.spareUserId);
      const [restored] = await s.restoreUsers(customerId, [{ userId: f.spareUserId }], ctx);
      assert.equal(restored?.status, 'restored');
      if (restored?.status !== 'restored') return;
      assert.deepEqual([...restored.licensesRestored].sort(), [...spare.licenses].sort());
      assert.deepEqual(restored.licensesNotRestored, []);
      assert.equal((await s.getUser(customerId, f.spareUserId)).upn.toLowerCase(), spare.upn.toLowerCase());
      await assert.rejects(s.getDeletedUser(customerId, f.spareUserId), code('NOT_FOUND'));
      await assert.rejects(s.deleteUsers(customerId, [`contract.ghost@${f.domain}`], ctx), code('NOT_FOUND'));
    });

    it('restores a license only if a seat is free; unknown ids are not-found', async () => {
      await s.deleteUsers(customerId, [f.licensedUserId], ctx);
      await s.changeLicenses(customerId, { userIds: [f.unlicensedUserId], add: [f.fullSkuId], remove: [] }, ctx, { onShortage: 'fail' });
      const outcomes = await s.restoreUsers(customerId, [{ userId: f.licensedUserId }, { userId: '0d5c1e7a-9b8c-4d3e-8f2a-1b0c9d8e7f6a' }], ctx);
      assert.equal(outcomes[0]?.status, 'restored');
      if (outcomes[0]?.status === 'restored') {
        assert.ok(outcomes[0].licensesNotRestored.includes(f.fullSkuId));
        assert.ok(!outcomes[0].user.licenses.includes(f.fullSkuId));
      }
      assert.deepEqual(outcomes[1], { status: 'not-found', userId: '0d5c1e7a-9b8c-4d3e-8f2a-1b0c9d8e7f6a' });
      const full = await sub(f.fullSkuId);
      assert.equal(full?.seatsAssigned, full?.seatsTotal);
    });

    it('restores under a new name when asked; a taken name is upn-taken', async () => {
      const spare = await s.getUser(customerId, f.spareUserId);
      await s.deleteUsers(customerId, [f.spareUserId], ctx);
      const licensed = await s.getUser(customerId, f.licensedUserId);
      const [taken] = await s.restoreUsers(customerId, [{ userId: f.spareUserId, newUpn: licensed.upn }], ctx);
      assert.equal(taken?.status, 'upn-taken');
      const newUpn = `contract.renamed@${f.domain}`;
      const [renamed] = await s.restoreUsers(customerId, [{ userId: f.spareUserId, newUpn }], ctx);
      assert.equal(renamed?.status === 'restored' && renamed.user.upn, newUpn);
      assert.notEqual(spare.upn, newUpn);
    });

    it('keeps deleted users 30 days: then restore says expired and purgeExpired removes them', async function () {
      if (!f.advanceDays) this.skip();
      assert.deepEqual(await s.purgeExpired(customerId), []);
      await s.deleteUsers(customerId, [f.spareUserId], ctx);
      f.advanceDays?.(31);
      const [expired] = await s.restoreUsers(customerId, [{ userId: f.spareUserId }], ctx);
      assert.equal(expired?.status, 'expired');
      const purged = await s.purgeExpired(customerId);
      assert.deepEqual(purged.map((u: User) => u.id), [f.spareUserId]);
      assert.equal((await s.listDeletedUsers(customerId, { top: 50 })).items.some((u) => u.id === f.spareUserId), false);
    });
  });
}

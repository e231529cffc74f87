import assert from 'node:assert/strict';
import type { ServiceError } from '../../src/domain/errors.js';
import { ACTOR, SKU_BASIC, SKU_E3, TENANT, startHarness, type Harness } from './harness.js';

describe('Graph directory: customers, users and subscriptions', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.teardown());

  it('lists customers from CUSTOMERS_FILE without calling Graph, then reads verified domains lazily', async () => {
    const customers = await h.directory.listCustomers();
    assert.deepEqual(customers.map((c) => c.name), ['Adatum', 'Contoso']);
    assert.equal(h.fake.httpRequests, 0);
    const contoso = await h.directory.getCustomer(TENANT);
    assert.deepEqual(contoso.domains, ['contoso.onmicrosoft.com', 'contoso.com']);
    assert.equal(contoso.usageLocation, 'SE');
    await assert.rejects(h.directory.getCustomer('nope'), (e: ServiceError) => e.code === 'NOT_FOUND');
  });

  it('lists users sorted by display name, paged by skip/top from one walk of the nextLinks', async () => {
    for (let i = 0; i < 1200; i++) h.fake.addUser(TENANT, { userPrincipalName: `u${i}@contoso.com`, displayName: `Zed ${String(i).padStart(4, '0')}` });
    const first = await h.directory.listUsers(TENANT, { kind: 'all' }, { skip: 0, top: 3 });
    assert.equal(first.total, 1205);
    assert.deepEqual(first.items.map((u) => u.displayName), ['Admin Istrator', 'Alice Andersson', 'Bob Berg']);
    const userPages = h.fake.requests({ method: 'GET', path: /^\/users\?/ });
    assert.equal(userPages.length, 2, 'two Graph pages of up to 999');
    assert.match(userPages[1]?.url ?? '', /skiptoken=999/);
    const later = await h.directory.listUsers(TENANT, { kind: 'all' }, { skip: 1203, top: 10 });
    assert.deepEqual(later.items.map((u) => u.displayName), ['Zed 1198', 'Zed 1199']);
    assert.equal(h.fake.requests({ method: 'GET', path: /^\/users\?/ }).length, 2, 'second page came from the cache');
  });

  it('shows admin roles and licenses', async () => {
    const page = await h.directory.listUsers(TENANT, { kind: 'all' }, { skip: 0, top: 10 });
    const admin = page.items.find((u) => u.upn === 'admin@contoso.onmicrosoft.com');
    assert.deepEqual(admin?.adminRoles, ['Global Administrator']);
    assert.deepEqual(page.items.find((u) => u.id === h.ids.alice)?.licenses, [SKU_BASIC, SKU_E3]);
    const one = await h.directory.getUser(TENANT, 'ADMIN@contoso.onmicrosoft.com');
    assert.deepEqual(one.adminRoles, ['Global Administrator']);
  });

  it('filters unlicensed and licensed with $count advanced queries', async () => {
    const unlicensed = await h.directory.listUsers(TENANT, { kind: 'unlicensed' }, { skip: 0, top: 10 });
    assert.deepEqual(unlicensed.items.map((u) => u.id), [h.ids.dave]);
    const request = h.fake.requests({ path: /assignedLicenses/ })[0];
    assert.ok(request);
    const query = new URLSearchParams(request.url.split('?')[1]);
    assert.equal(query.get('$filter'), 'assignedLicenses/$count eq 0');
    assert.equal(query.get('$count'), 'true');
    assert.equal(request.headers.consistencylevel, 'eventual');
    const licensed = await h.directory.listUsers(TENANT, { kind: 'licensed' }, { skip: 0, top: 10 });
    assert.equal(licensed.total, 4);
  });

  it('filters by SKU with any() and refuses non-GUID SKU ids without calling Graph', async () => {
    const e3 = await h.directory.listUsers(TENANT, { kind: 'sku', skuId: SKU_E3 }, { skip: 0, top: 10 });
    assert.deepEqual(e3.items.map((u) => u.displayName), ['Alice Andersson', 'Carol Carlsson']);
    const before = h.fake.log.length;
    const bad = await h.directory.listUsers(TENANT, { kind: 'sku', skuId: "x) or true or (1 eq 1" }, { skip: 0, top: 10 });
    assert.equal(bad.total, 0);
    assert.equal(h.fake.log.length, before);
  });

  it('searches text by prefix and doubles quotes: O\'Brien', async () => {
    h.fake.addUser(TENANT, { userPrincipalName: "sean.o'brien@contoso.com", displayName: "Seán O'Brien", givenName: 'Seán', surname: "O'Brien" });
    const found = await h.directory.listUsers(TENANT, { kind: 'text', text: "O'Brien" }, { skip: 0, top: 10 });
    assert.deepEqual(found.items.map((u) => u.surname), ["O'Brien"]);
    const sent = new URLSearchParams(h.fake.requests({ path: /startswith/ })[0]?.url.split('?')[1]).get('$filter');
    assert.equal(sent?.split(' or ')[0], "startswith(displayName,'O''Brien')");
    const byUpn = await h.directory.getUser(TENANT, "sean.o'brien@contoso.com");
    assert.equal(byUpn.surname, "O'Brien");
  });

  it("keeps an injection attempt (' or 1 eq 1) a literal: correctly escaped, matches nobody", async () => {
    const result = await h.directory.listUsers(TENANT, { kind: 'text', text: "' or 1 eq 1" }, { skip: 0, top: 10 });
    assert.equal(result.total, 0);
    const request = h.fake.requests({ path: /startswith/ })[0];
    assert.equal(request?.status, 200, 'Graph accepted the filter as valid syntax');
    const sent = new URLSearchParams(request?.url.split('?')[1]).get('$filter');
    assert.equal(sent?.split(' or startswith')[0], "startswith(displayName,''' or 1 eq 1')");
    const other = await h.directory.listUsers(TENANT, { kind: 'text', text: "x') or startswith(displayName,'" }, { skip: 0, top: 10 });
    assert.equal(other.total, 0);
  });

  it('getUser validates the key before it reaches the URL path', async () => {
    await assert.rejects(h.directory.getUser(TENANT, '../../directory/deletedItems'), (e: ServiceError) => e.code === 'NOT_FOUND');
    await assert.rejects(h.directory.getUser(TENANT, 'a@b.com/../../x'), (e: ServiceError) => e.code === 'NOT_FOUND');
    await assert.rejects(h.directory.getUser(TENANT, 'nobody@contoso.com'), (e: ServiceError) => e.code === 'NOT_FOUND');
    assert.ok(h.fake.log.every((r) => !r.url.includes('..')));
    const bob = await h.directory.getUser(TENANT, ` ${h.ids.bob.toUpperCase()} `);
    assert.equal(bob.displayName, 'Bob Berg');
  });

  it('maps subscribedSkus: total = prepaid enabled, assigned = consumed, friendly names', async () => {
    const subs = await h.directory.listSubscriptions(TENANT);
    assert.deepEqual(
      subs.map((s) => [s.name, s.skuPartNumber, s.seatsTotal, s.seatsAssigned]),
      [
        ['Microsoft 365 Business Basic', 'O365_BUSINESS_ESSENTIALS', 10, 4],
        ['Office 365 E3', 'ENTERPRISEPACK', 2, 2],
        ['Power BI Pro', 'POWER_BI_PRO', 5, 0],
      ],
    );
  });

  it('upnsInUse checks live names 15 per filter in $batch, and recycle-bin names', async () => {
    await h.directory.deleteUsers(TENANT, [h.ids.bob], ACTOR);
    const names = ['ALICE.andersson@contoso.com', 'bob.berg@contoso.com', 'free@contoso.com', 'not a upn', ...Array.from({ length: 20 }, (_, i) => `x${i}@contoso.com`)];
    const inUse = await h.directory.upnsInUse(TENANT, names);
    assert.deepEqual([...inUse].sort(), ['alice.andersson@contoso.com', 'bob.berg@contoso.com']);
    const filters = h.fake.requests({ path: /userPrincipalName%20in|userPrincipalName\+in/, inBatch: true });
    assert.equal(filters.length, 2, '23 valid names -> 2 filters');
  });
});

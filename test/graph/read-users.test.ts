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

  it('lists users a page at a time from Graph, sorted by display name, the next page from the nextLink cursor', async () => {
    for (let i = 0; i < 1200; i++) h.fake.addUser(TENANT, { userPrincipalName: `u${i}@contoso.com`, displayName: `Zed ${String(i).padStart(4, '0')}` });
    const first = await h.directory.listUsers(TENANT, { kind: 'all' }, { top: 3 });
    assert.equal(first.total, 1205);
    assert.deepEqual(first.items.map((u) => u.displayName), ['Admin Istrator', 'Alice Andersson', 'Bob Berg']);
    const [request] = h.fake.requests({ method: 'GET', path: /^\/users\?/ });
    const query = new URLSearchParams(request?.url.split('?')[1]);
    assert.deepEqual([query.get('$top'), query.get('$count'), query.get('$orderby')], ['3', 'true', 'displayName']);
    assert.equal(request?.headers.consistencylevel, 'eventual');
    assert.ok(first.next);
    const second = await h.directory.listUsers(TENANT, { kind: 'all' }, { cursor: first.next, top: 3 });
    assert.deepEqual(second.items.map((u) => u.displayName), ['Carol Carlsson', 'Dave Dahl', 'Zed 0000']);
    assert.deepEqual([second.offset, second.total], [3, 1205], 'the total travels in the cursor (Graph counts on the first page only)');
    assert.equal(h.fake.requests({ method: 'GET', path: /^\/users\?/ }).length, 2, 'one Graph request per page');
    assert.match(h.fake.requests({ method: 'GET', path: /^\/users\?/ })[1]?.url ?? '', /skiptoken=/);
  });

  it('shows admin roles and licenses', async () => {
    const page = await h.directory.listUsers(TENANT, { kind: 'all' }, { top: 10 });
    const admin = page.items.find((u) => u.upn === 'admin@contoso.onmicrosoft.com');
    assert.deepEqual(admin?.adminRoles, ['Global Administrator']);
    assert.deepEqual(page.items.find((u) => u.id === h.ids.alice)?.licenses, [SKU_BASIC, SKU_E3]);
    const one = await h.directory.getUser(TENANT, 'ADMIN@contoso.onmicrosoft.com');
    assert.deepEqual(one.adminRoles, ['Global Administrator']);
  });

  it('filters unlicensed and licensed with $count advanced queries', async () => {
    const unlicensed = await h.directory.listUsers(TENANT, { kind: 'unlicensed' }, { top: 10 });
    assert.deepEqual(unlicensed.items.map((u) => u.id), [h.ids.dave]);
    const request = h.fake.requests({ path: /assignedLicenses/ })[0];
    assert.ok(request);
    const query = new URLSearchParams(request.url.split('?')[1]);
    assert.equal(query.get('$filter'), 'assignedLicenses/$count eq 0');
    assert.equal(query.get('$count'), 'true');
    assert.equal(request.headers.consistencylevel, 'eventual');
    const licensed = await h.directory.listUsers(TENANT, { kind: 'licensed' }, { top: 10 });
    assert.equal(licensed.total, 4);
  });

  it('filters by SKU with any() and refuses non-GUID SKU ids without calling Graph', async () => {
    const e3 = await h.directory.listUsers(TENANT, { kind: 'sku', skuId: SKU_E3 }, { top: 10 });
    assert.deepEqual(e3.items.map((u) => u.displayName), ['Alice Andersson', 'Carol Carlsson']);
    const before = h.fake.log.length;
    const bad = await h.directory.listUsers(TENANT, { kind: 'sku', skuId: "x) or true or (1 eq 1" }, { top: 10 });
    assert.equal(bad.total, 0);
    assert.equal(h.fake.log.length, before);
  });

  it('searches text with $search on display name words and user name, backslash-escaped: O\'Brien, "quotes"', async () => {
    h.fake.addUser(TENANT, { userPrincipalName: "sean.o'brien@contoso.com", displayName: "Seán O'Brien", givenName: 'Seán', surname: "O'Brien" });
    const found = await h.directory.listUsers(TENANT, { kind: 'text', text: "O'Brien" }, { top: 10 });
    assert.deepEqual(found.items.map((u) => u.surname), ["O'Brien"]);
    const sent = h.fake.requests({ path: /search=/ })[0];
    assert.equal(new URLSearchParams(sent?.url.split('?')[1]).get('$search'), `"displayName:O'Brien" OR "userPrincipalName:O'Brien"`);
    assert.equal(sent?.headers.consistencylevel, 'eventual');
    assert.equal((await h.directory.listUsers(TENANT, { kind: 'text', text: 'sean.o' }, { top: 10 })).total, 1, 'user name by its start');
    await h.directory.listUsers(TENANT, { kind: 'text', text: 'a"b\\c' }, { top: 10 });
    assert.equal(new URLSearchParams(h.fake.requests({ path: /search=/ }).at(-1)?.url.split('?')[1]).get('$search'), '"displayName:a\\"b\\\\c" OR "userPrincipalName:a\\"b\\\\c"');
    const byUpn = await h.directory.getUser(TENANT, "sean.o'brien@contoso.com");
    assert.equal(byUpn.surname, "O'Brien");
  });

  it('keeps an injection attempt a literal inside its $search clause: matches nobody', async () => {
    for (const text of ['" OR "displayName:a', "' or 1 eq 1", 'x") OR ("userPrincipalName:']) {
      const result = await h.directory.listUsers(TENANT, { kind: 'text', text }, { top: 10 });
      assert.equal(result.total, 0, text);
      assert.equal(h.fake.requests({ path: /search=/ }).at(-1)?.status, 200, 'Graph accepted it as one clause each');
    }
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

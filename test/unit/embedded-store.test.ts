import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedDirectory } from '../../src/adapters/directory/embedded/embedded-directory.js';
import { writeMetrics } from '../../src/adapters/files/durable-file.js';
import { Journal } from '../../src/adapters/directory/embedded/journal.js';
import { isServiceError } from '../../src/domain/errors.js';
import { CUSTOMER_ID, SKU_BIG, SKU_FREE, SKU_FULL, actor, customerFile, newUser, storedUser, tempStore, userId, type TempStore } from '../helpers/customer-fixture.js';

const writesDuring = async (work: () => Promise<unknown>): Promise<number> => {
  const before = writeMetrics.durableWrites;
  await work();
  return writeMetrics.durableWrites - before;
};

describe('embedded store', () => {
  let store: TempStore;
  const users = Array.from({ length: 300 }, (_, i) => storedUser(i, i % 3 === 0 ? [] : i % 3 === 1 ? [SKU_BIG] : [SKU_BIG, SKU_FULL]));
  beforeEach(async () => {
    store = await tempStore([customerFile(users)]);
  });
  afterEach(() => store.cleanup());
  const dir = () => store.directory;
  const customerPath = () => path.join(EmbeddedDirectory.customersDir(store.dataDir), `${CUSTOMER_ID}.json`);

  it('keeps one compact JSON file per customer', async () => {
    const other = customerFile([storedUser(1)], 'c0ffee00-0000-4000-8000-000000000002');
    await dir().addCustomer(other);
    const files = (await readdir(EmbeddedDirectory.customersDir(store.dataDir))).filter((f) => f.endsWith('.json'));
    assert.deepEqual(files.sort(), [`${CUSTOMER_ID}.json`, `${other.customer.id}.json`].sort());
    const text = await readFile(customerPath(), 'utf8');
    assert.ok(!text.includes('\n'), 'compact, not pretty-printed');
  });

  it('stops on a corrupt customer file, naming it, and never overwrites it', async () => {
    const broken = path.join(EmbeddedDirectory.customersDir(store.dataDir), 'broken.json');
    await writeFile(broken, '{"version":1,"customer":');
    await assert.rejects(store.reopen(), (e: unknown) => isServiceError(e) && e.code === 'STORE_CORRUPT' && e.message.includes(broken));
    await writeFile(broken, JSON.stringify({ ...customerFile([]), users: [{ id: 'x' }] }));
    await assert.rejects(store.reopen(), (e: unknown) => isServiceError(e) && e.code === 'STORE_CORRUPT' && /users\.0\./.test(e.message));
    assert.equal(await readFile(broken, 'utf8'), JSON.stringify({ ...customerFile([]), users: [{ id: 'x' }] }));
  });

  it('finds users by id or UPN in any case', async () => {
    assert.equal((await dir().getUser(CUSTOMER_ID, userId(42))).upn, 'user000042@tailspin.example.com');
    assert.equal((await dir().getUser(CUSTOMER_ID, ' USER000042@Tailspin.Example.COM ')).id, userId(42));
    await assert.rejects(dir().getUser(CUSTOMER_ID, 'nobody@tailspin.example.com'), (e: unknown) => isServiceError(e) && e.code === 'NOT_FOUND');
    assert.deepEqual([...(await dir().upnsInUse(CUSTOMER_ID, ['USER000001@tailspin.example.com', 'free@tailspin.example.com']))], ['user000001@tailspin.example.com']);
  });

  it('filters and pages users, and never returns password hashes', async () => {
    const count = async (filter: Parameters<EmbeddedDirectory['listUsers']>[1]) => (await dir().listUsers(CUSTOMER_ID, filter, { top: 20 })).total;
    assert.equal(await count({ kind: 'all' }), 300);
    assert.equal(await count({ kind: 'unlicensed' }), 100);
    assert.equal(await count({ kind: 'licensed' }), 200);
    assert.equal(await count({ kind: 'sku', skuId: SKU_FULL }), 100);
    assert.equal(await count({ kind: 'text', text: 'USER 00012' }), 10);
    const page = await dir().listUsers(CUSTOMER_ID, { kind: 'all' }, { cursor: '280', top: 20 });
    assert.deepEqual(page.items.map((u) => u.displayName).slice(0, 2), ['User 000280', 'User 000281']);
    const [created] = await dir().createUsers(CUSTOMER_ID, [newUser('hash')], actor, { atomic: true });
    assert.equal(created?.status, 'created');
    const listed = (await dir().listUsers(CUSTOMER_ID, { kind: 'text', text: 'new.hash' }, { top: 5 })).items[0];
    assert.ok(listed && !('credential' in listed));
  });

  it('makes exactly one durable write per operation, however many users it touches', async () => {
    const ids = users.slice(0, 250).map((u) => u.id);
    assert.equal(await writesDuring(() => dir().changeLicenses(CUSTOMER_ID, { userIds: ids, add: [SKU_BIG], remove: [] }, actor, { onShortage: 'fail' })), 1);
    assert.equal(await writesDuring(() => dir().createUsers(CUSTOMER_ID, Array.from({ length: 30 }, (_, i) => newUser(`bulk${i}`, [SKU_BIG])), actor, { atomic: false })), 1);
    assert.equal(await writesDuring(() => dir().deleteUsers(CUSTOMER_ID, ids.slice(0, 120), actor)), 1);
    assert.equal(await writesDuring(() => dir().restoreUsers(CUSTOMER_ID, ids.slice(0, 120).map((id) => ({ userId: id })), actor)), 1);
    assert.equal(await writesDuring(() => dir().resetPassword(CUSTOMER_ID, userId(5), actor)), 1);
    const reopened = await store.reopen();
    assert.equal((await reopened.listUsers(CUSTOMER_ID, { kind: 'all' }, { top: 1 })).total, 330);
  });

  it('writes nothing when an operation changes nothing or is refused', async () => {
    assert.equal(await writesDuring(() => dir().changeLicenses(CUSTOMER_ID, { userIds: [userId(1)], add: [SKU_BIG], remove: [] }, actor, { onShortage: 'fail' })), 0);
    const holders = users.filter((u) => u.licenses.length === 0).slice(0, 2).map((u) => u.id);
    const refused = dir().changeLicenses(CUSTOMER_ID, { userIds: holders, add: [SKU_FULL], remove: [] }, actor, { onShortage: 'fail' });
    assert.equal(await writesDuring(() => assert.rejects(refused, (e: unknown) => isServiceError(e) && e.code === 'NO_SEATS')), 0);
  });

  it('coalesces concurrent operations into fewer writes, and all of them reach the disk', async () => {
    const targets = users.filter((u) => u.licenses.length === 0).slice(0, 10);
    const writes = await writesDuring(() =>
      Promise.all(targets.map((u) => dir().changeLicenses(CUSTOMER_ID, { userIds: [u.id], add: [SKU_FREE], remove: [] }, actor, { onShortage: 'fail' }))),
    );
    assert.ok(writes < targets.length, `${writes} writes for ${targets.length} operations`);
    const reopened = await store.reopen();
    assert.equal((await reopened.listUsers(CUSTOMER_ID, { kind: 'sku', skuId: SKU_FREE }, { top: 1 })).total, 10);
    assert.equal((await reopened.listSubscriptions(CUSTOMER_ID)).find((s) => s.skuId === SKU_FREE)?.seatsAssigned, 10);
  });

  it('rolls memory back to the file when a write fails', async () => {
    // Every durable write fails (as on a full disk) while the two operations run.
    const append = Journal.prototype.append;
    Journal.prototype.append = () => Promise.reject(new Error('ENOSPC: no space left on device'));
    try {
      await assert.rejects(dir().changeLicenses(CUSTOMER_ID, { userIds: [userId(0)], add: [SKU_FREE], remove: [] }, actor, { onShortage: 'fail' }));
      await assert.rejects(dir().deleteUsers(CUSTOMER_ID, [userId(3)], actor));
    } finally {
      Journal.prototype.append = append;
    }
    assert.deepEqual((await dir().getUser(CUSTOMER_ID, userId(0))).licenses, []);
    assert.equal((await dir().getUser(CUSTOMER_ID, userId(3))).id, userId(3));
    assert.equal((await dir().listSubscriptions(CUSTOMER_ID)).find((s) => s.skuId === SKU_FREE)?.seatsAssigned, 0);
    assert.equal((await dir().listDeletedUsers(CUSTOMER_ID, { top: 5 })).total, 0);
  });
});

describe('embedded store with a 50,000-user customer', () => {
  let store: TempStore;
  const N = 50_000;
  // Licences by position so the expected counts are known without asking the store.
  const licensesOf = (i: number) => (i % 5 === 0 ? [] : i % 5 === 1 ? [SKU_FULL] : [SKU_BIG]);
  before(async () => {
    store = await tempStore([customerFile(Array.from({ length: N }, (_, i) => storedUser(i, licensesOf(i), i % 1000 === 7 ? { displayName: `Zoë Needle ${i}` } : {})))]);
  });
  after(() => store.cleanup());

  it('filters, pages and looks up correctly', async () => {
    const d = store.directory;
    const total = async (filter: Parameters<EmbeddedDirectory['listUsers']>[1]) => (await d.listUsers(CUSTOMER_ID, filter, { top: 20 })).total;
    assert.equal(await total({ kind: 'all' }), N);
    assert.equal(await total({ kind: 'unlicensed' }), N / 5);
    assert.equal(await total({ kind: 'licensed' }), (N * 4) / 5);
    assert.equal(await total({ kind: 'sku', skuId: SKU_FULL }), N / 5);
    assert.equal(await total({ kind: 'text', text: 'zoë needle' }), N / 1000);
    const last = await d.listUsers(CUSTOMER_ID, { kind: 'unlicensed' }, { cursor: String(N / 5 - 5), top: 20 });
    assert.equal(last.items.length, 5);
    assert.ok(last.items.every((u) => u.licenses.length === 0));
    assert.equal((await d.getUser(CUSTOMER_ID, 'USER049999@TAILSPIN.EXAMPLE.COM')).id, userId(49_999));
    const subs = await d.listSubscriptions(CUSTOMER_ID);
    assert.equal(subs.find((s) => s.skuId === SKU_BIG)?.seatsAssigned, (N * 3) / 5);
  });
});

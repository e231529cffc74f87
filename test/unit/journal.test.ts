import assert from 'node:assert/strict';
import { appendFile, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedDirectory } from '../../src/adapters/directory/embedded/embedded-directory.js';
import { CustomerState } from '../../src/adapters/directory/embedded/customer-state.js';
import { writeMetrics } from '../../src/adapters/files/durable-file.js';
import { isServiceError } from '../../src/domain/errors.js';
import { CUSTOMER_ID, SKU_BIG, SKU_FREE, actor, customerFile, newUser, storedUser, tempStore, userId, type TempStore } from '../helpers/customer-fixture.js';

describe('embedded store: change journal beside the snapshot', () => {
  let store: TempStore;
  const users = Array.from({ length: 40 }, (_, i) => storedUser(i, i % 2 ? [SKU_BIG] : []));
  const folder = () => EmbeddedDirectory.customersDir(store.dataDir);
  const snapshot = () => path.join(folder(), `${CUSTOMER_ID}.json`);
  const journal = () => path.join(folder(), `${CUSTOMER_ID}.journal`);
  beforeEach(async () => {
    store = await tempStore([customerFile(users)]);
  });
  afterEach(async () => {
    CustomerState.journalLimitBytes = 4 * 1024 * 1024;
    await store.cleanup();
  });

  it('appends one small record per operation and leaves the snapshot alone', async () => {
    const before = await readFile(snapshot(), 'utf8');
    const writes = writeMetrics.durableWrites;
    await store.directory.changeLicenses(CUSTOMER_ID, { userIds: [userId(0)], add: [SKU_FREE], remove: [] }, actor, { onShortage: 'fail' });
    assert.equal(writeMetrics.durableWrites - writes, 1);
    assert.equal(await readFile(snapshot(), 'utf8'), before, 'snapshot untouched');
    const lines = (await readFile(journal(), 'utf8')).trim().split('\n');
    assert.equal(lines.length, 1);
    assert.ok(lines[0]!.length < 2000, 'the record holds the changed user, not the customer');
  });

  it('a restart replays every kind of change: licenses, creates, password hashes, deletes, restores', async () => {
    const dir = store.directory;
    await dir.changeLicenses(CUSTOMER_ID, { userIds: [userId(0), userId(2)], add: [SKU_FREE], remove: [] }, actor, { onShortage: 'fail' });
    const [created] = await dir.createUsers(CUSTOMER_ID, [newUser('new.person', [SKU_FREE])], actor, { atomic: true });
    await dir.resetPassword(CUSTOMER_ID, userId(4), actor);
    await dir.deleteUsers(CUSTOMER_ID, [userId(1), userId(3)], actor);
    await dir.restoreUsers(CUSTOMER_ID, [{ userId: userId(3) }], actor);
    const expected = {
      users: (await dir.listUsers(CUSTOMER_ID, { kind: 'all' }, { top: 100 })).items,
      deleted: (await dir.listDeletedUsers(CUSTOMER_ID, { top: 10 })).items,
      subscriptions: await dir.listSubscriptions(CUSTOMER_ID),
      hash: dir.state(CUSTOMER_ID).findUser(userId(4))?.credential,
    };
    assert.equal(created?.status, 'created');
    const reopened = await store.reopen();
    assert.deepEqual((await reopened.listUsers(CUSTOMER_ID, { kind: 'all' }, { top: 100 })).items, expected.users);
    assert.deepEqual((await reopened.listDeletedUsers(CUSTOMER_ID, { top: 10 })).items, expected.deleted);
    assert.deepEqual(await reopened.listSubscriptions(CUSTOMER_ID), expected.subscriptions);
    assert.deepEqual(reopened.state(CUSTOMER_ID).findUser(userId(4))?.credential, expected.hash);
  });

  it('rewrites the snapshot and empties the journal once the journal is large, losing nothing', async () => {
    CustomerState.journalLimitBytes = 1;
    const dir = store.directory;
    await dir.changeLicenses(CUSTOMER_ID, { userIds: [userId(0)], add: [SKU_FREE], remove: [] }, actor, { onShortage: 'fail' });
    await assert.rejects(stat(journal()), 'journal gone after the snapshot took it in');
    const onDisk = await CustomerState.readStored(snapshot());
    assert.deepEqual(onDisk.users.find((u) => u.id === userId(0))?.licenses, [SKU_FREE]);
    assert.deepEqual((await store.reopen()).state(CUSTOMER_ID).findUser(userId(0))?.licenses, [SKU_FREE]);
  });

  it('ignores a last record cut off mid-write (never acknowledged) but refuses a corrupt complete one', async () => {
    await store.directory.changeLicenses(CUSTOMER_ID, { userIds: [userId(0)], add: [SKU_FREE], remove: [] }, actor, { onShortage: 'fail' });
    await appendFile(journal(), '{"users":[{"id":"half-writ');
    const reopened = await store.reopen();
    assert.deepEqual(reopened.state(CUSTOMER_ID).findUser(userId(0))?.licenses, [SKU_FREE]);
    await reopened.changeLicenses(CUSTOMER_ID, { userIds: [userId(2)], add: [SKU_FREE], remove: [] }, actor, { onShortage: 'fail' });
    const again = await store.reopen();
    assert.deepEqual(again.state(CUSTOMER_ID).findUser(userId(2))?.licenses, [SKU_FREE], 'records after the cut-off one still load');
    await appendFile(journal(), '{"users":[{"id":"broken"}\n');
    await assert.rejects(store.reopen(), (e: unknown) => isServiceError(e) && e.code === 'STORE_CORRUPT' && e.message.includes(journal()));
    assert.ok((await readdir(folder())).includes(`${CUSTOMER_ID}.journal`), 'the corrupt journal is left for a person to look at');
  });
});

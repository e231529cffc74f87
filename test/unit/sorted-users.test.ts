import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { CustomerState, searchKeyOf } from '../../src/adapters/directory/embedded/customer-state.js';
import type { CustomerFile, StoredUser } from '../../src/adapters/directory/embedded/schema.js';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const NAMES = ['Åsa Öberg', 'asa oberg', 'Adele Vance', 'user 2', 'User 10', 'Zoë Brontë', 'Alex Wilber', 'alex wilber'];

function user(n: number, name: string): StoredUser {
  return { id: `id-${n}`, upn: `u${n}@contoso.com`, displayName: name, givenName: name.split(' ')[0] ?? name, surname: 'S', usageLocation: 'US', adminRoles: [], licenses: [], createdAt: '2024-01-01T00:00:00.000Z' };
}

const file = (users: StoredUser[]): CustomerFile => ({
  version: 1,
  customer: { id: 'c', name: 'Contoso', domains: ['contoso.com'], defaultDomain: 'contoso.com', usageLocation: 'US' },
  subscriptions: [],
  users,
  deletedUsers: [],
});

/** What a fresh stable sort gives: the list kept up to date in place must always equal it. */
function freshOrder(state: CustomerState): string[] {
  return [...state.data.users].sort((a, b) => collator.compare(a.displayName, b.displayName) || collator.compare(a.upn, b.upn)).map((u) => u.id);
}

describe('the sorted user list of a customer, kept up to date in place', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-sorted-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('after any adds, removals and renames equals a fresh sort, with each search key at its user', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.constantFrom('add', 'remove', 'removeMany', 'rename'), fc.nat(), fc.constantFrom(...NAMES)), { maxLength: 25 }),
        async (initial, steps) => {
          const state = await CustomerState.create(path.join(dir, `c${++run}.json`), file(initial.map((name, i) => user(i, name))));
          state.sortedUsers();
          let next = initial.length;
          for (const [op, at, name] of steps) {
            const users = state.data.users;
            const target = users[at % Math.max(1, users.length)];
            if (op === 'add') state.addUser(user(next++, name));
            else if (target && op === 'remove') state.removeUser(target);
            else if (target && op === 'removeMany') state.removeUsers(new Set(users.filter((_, i) => i % 2 === at % 2)));
            else if (target && op === 'rename') {
              target.displayName = name;
              state.touched(target);
            }
            assert.deepEqual(state.sortedUsers().map((u) => u.id), freshOrder(state));
            const keys = state.sortedSearchKeys();
            state.sortedUsers().forEach((u, i) => assert.equal(keys[i], searchKeyOf(u), `key of ${u.id}`));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('placed without a full sort: batches of adds merged on the next read, bulk and single removals, renames of users not yet placed', async () => {
    let run = 0;
    const check = (state: CustomerState) => {
      assert.deepEqual(state.sortedUsers().map((u) => u.id), freshOrder(state));
      const keys = state.sortedSearchKeys();
      state.sortedUsers().forEach((u, i) => assert.equal(keys[i], searchKeyOf(u), `key of ${u.id}`));
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...NAMES), { maxLength: 60 }),
        fc.array(fc.tuple(fc.constantFrom('addBatch', 'remove', 'removeSome', 'rename', 'read'), fc.nat(), fc.constantFrom(...NAMES)), { maxLength: 20 }),
        async (initial, steps) => {
          const state = await CustomerState.create(path.join(dir, `b${++run}.json`), file(initial.map((name, i) => user(i, name))));
          let next = initial.length;
          for (const [op, at, name] of steps) {
            const users = state.data.users;
            const target = users[at % Math.max(1, users.length)];
            if (op === 'addBatch') for (let i = 0; i < at % 40; i++) state.addUser(user(next++, NAMES[(at + i) % NAMES.length] as string));
            else if (op === 'read') check(state);
            else if (target && op === 'remove') state.removeUser(target);
            else if (target && op === 'removeSome') state.removeUsers(new Set(users.filter((_, i) => (i * 7 + at) % 3 === 0).slice(0, at % 30)));
            else if (target && op === 'rename') {
              target.displayName = name;
              state.touched(target);
            }
          }
          check(state);
        },
      ),
      { numRuns: 100 },
    );
  });
});

import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ServiceError } from '../../../src/domain/errors.js';
import { checkLicenseRequest, planLicenseChange, requireSeatsForAll, type PlanUser } from '../../../src/domain/rules/license-plan.js';
import { freeSeats } from '../../../src/domain/rules/seats.js';
import { sub } from './fixtures.js';

const user = (id: string, licenses: string[], usageLocation: string | null = 'SE'): PlanUser => ({ id, upn: `${id}@contoso.com`, displayName: id.toUpperCase(), licenses, usageLocation });
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as ServiceError).code;
  }
};

describe('rules: license plan', () => {
  const subs = [sub('a', 3, 1), sub('b', 1, 1)];

  const requests: { name: string; add: string[]; remove: string[]; code?: string; plan?: { add: string[]; remove: string[] } }[] = [
    { name: 'each SKU once', add: ['a', 'a'], remove: ['b', 'b'], plan: { add: ['a'], remove: ['b'] } },
    { name: 'unknown SKU to add', add: ['x'], remove: [], code: 'NOT_FOUND' },
    { name: 'unknown SKU to remove', add: [], remove: ['x'], code: 'NOT_FOUND' },
    { name: 'both added and removed', add: ['a'], remove: ['a'], code: 'INVALID_INPUT' },
  ];
  for (const r of requests) {
    it(`checks the request: ${r.name}`, () => {
      if (r.code) assert.equal(code(() => checkLicenseRequest(r, subs)), r.code);
      else assert.deepEqual(checkLicenseRequest(r, subs), r.plan);
    });
  }

  it("'fail' refuses when an added SKU has fewer free seats than users lacking it, counting only those", () => {
    const users = [user('u1', ['b']), user('u2', [])];
    assert.equal(code(() => requireSeatsForAll(users, ['b'], freeSeats(subs), subs)), 'NO_SEATS');
    assert.equal(code(() => requireSeatsForAll(users, ['a'], freeSeats(subs), subs)), undefined);
    try {
      requireSeatsForAll(users, ['b'], freeSeats(subs), subs);
    } catch (error) {
      assert.equal((error as ServiceError).message, 'Plan b has 0 free seat(s); 1 needed.');
      assert.deepEqual((error as ServiceError).details, { skuId: 'b', skuPartNumber: 'B', needed: 1, available: 0 });
    }
  });

  it('gives the free seats to the users in the order given; the rest get no-seat but keep their removals', () => {
    const users = [user('u1', ['b']), user('u2', ['b']), user('u3', ['a'])];
    const { results, changes } = planLicenseChange(users, ['a'], ['b'], new Map([['a', 1], ['b', 0]]), 'SE');
    assert.deepEqual(results.map((r) => r.outcomes), [
      { a: 'assigned', b: 'removed' },
      { a: 'no-seat', b: 'removed' },
      { a: 'already-had', b: 'did-not-have' },
    ]);
    assert.deepEqual(changes, [
      { userId: 'u1', add: ['a'], remove: ['b'], licenses: ['a'] },
      { userId: 'u2', add: [], remove: ['b'], licenses: [] },
    ]);
  });

  it("sets the customer's usage location only for a user who gains a license and has none", () => {
    const users = [user('u1', [], null), user('u2', [], 'NO'), user('u3', ['x'], null)];
    const { results, changes } = planLicenseChange(users, ['a'], ['x'], new Map([['a', 2]]), 'SE');
    assert.deepEqual(results.map((r) => r.usageLocationSet), ['SE', undefined, undefined]);
    assert.deepEqual(changes.map((c) => c.usageLocation), ['SE', undefined, undefined]);
    assert.deepEqual(changes[2], { userId: 'u3', add: [], remove: ['x'], licenses: [] });
  });

  it('leaves the seat counts it was given untouched', () => {
    const free = new Map([['a', 1]]);
    planLicenseChange([user('u1', [])], ['a'], [], free, 'SE');
    assert.equal(free.get('a'), 1);
  });

  const skus = ['a', 'b', 'c'];
  const arbitraryUsers = fc.array(fc.subarray(skus), { maxLength: 12 }).map((held) => held.map((licenses, i) => user(`u${i}`, licenses)));
  const arbitraryFree = fc.tuple(fc.nat(6), fc.nat(6), fc.nat(6)).map((n) => new Map(skus.map((s, i) => [s, n[i] as number])));

  it('property: never assigns more than the free seats, and a short SKU gives every seat to the first users lacking it', () => {
    fc.assert(
      fc.property(arbitraryUsers, fc.subarray(skus), arbitraryFree, (users, add, free) => {
        const { results } = planLicenseChange(users, add, [], free, 'SE');
        for (const sku of add) {
          const outcomes = results.map((r) => r.outcomes[sku]);
          const assigned = outcomes.filter((o) => o === 'assigned').length;
          const lacking = users.filter((u) => !u.licenses.includes(sku)).length;
          assert.equal(assigned, Math.min(lacking, free.get(sku) ?? 0));
          // No user gets a seat after one was refused for lack of it.
          const firstRefused = outcomes.indexOf('no-seat');
          if (firstRefused >= 0) assert.ok(outcomes.slice(firstRefused).every((o) => o !== 'assigned'));
        }
      }),
    );
  });

  it("property: a change's licenses are the user's, minus the removed, plus the assigned, each once", () => {
    fc.assert(
      fc.property(arbitraryUsers, fc.subarray(skus), arbitraryFree, (users, add, free) => {
        const remove = skus.filter((s) => !add.includes(s)).slice(0, 1);
        const { changes } = planLicenseChange(users, add, remove, free, 'SE');
        for (const change of changes) {
          const before = users.find((u) => u.id === change.userId) as PlanUser;
          assert.deepEqual(new Set(change.licenses), new Set([...before.licenses.filter((s) => !remove.includes(s)), ...change.add]));
          assert.equal(new Set(change.licenses).size, change.licenses.length);
          assert.ok(change.add.length + change.remove.length > 0);
        }
      }),
    );
  });
});

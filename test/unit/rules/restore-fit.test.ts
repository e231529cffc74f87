import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fitRestoredLicenses, withoutAdds } from '../../../src/domain/rules/restore-fit.js';

describe('rules: fitting a restored user to the seats', () => {
  const cases: { name: string; wanted: string[]; held: string[]; balance: [string, number][]; restored: string[]; notRestored: string[]; add: string[]; remove: string[]; after: [string, number][] }[] = [
    { name: 'nothing given back yet, seats free', wanted: ['a', 'b'], held: [], balance: [['a', 1], ['b', 2]], restored: ['a', 'b'], notRestored: [], add: ['a', 'b'], remove: [], after: [['a', 0], ['b', 1]] },
    { name: 'nothing given back yet, one full', wanted: ['a', 'b'], held: [], balance: [['a', 0], ['b', 2]], restored: ['b'], notRestored: ['a'], add: ['b'], remove: [], after: [['a', 0], ['b', 1]] },
    { name: 'given back within the seats: kept', wanted: ['a'], held: ['a'], balance: [['a', 0]], restored: ['a'], notRestored: [], add: [], remove: [], after: [['a', 0]] },
    { name: 'given back beyond the seats: removed', wanted: ['a'], held: ['a'], balance: [['a', -1]], restored: [], notRestored: ['a'], add: [], remove: ['a'], after: [['a', 0]] },
    { name: 'subscription gone, given back: removed', wanted: ['x'], held: ['x'], balance: [], restored: [], notRestored: ['x'], add: [], remove: ['x'], after: [] },
    { name: 'subscription gone, not given back', wanted: ['x'], held: [], balance: [], restored: [], notRestored: ['x'], add: [], remove: [], after: [] },
    { name: 'held but not wanted: left alone', wanted: [], held: ['a'], balance: [['a', -3]], restored: [], notRestored: [], add: [], remove: [], after: [['a', -3]] },
    { name: 'a license listed twice takes one seat', wanted: ['a', 'a'], held: [], balance: [['a', 2]], restored: ['a'], notRestored: [], add: ['a'], remove: [], after: [['a', 1]] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const balance = new Map(c.balance);
      const fit = fitRestoredLicenses(c.wanted, c.held, balance);
      assert.deepEqual(fit, { licensesRestored: c.restored, licensesNotRestored: c.notRestored, add: c.add, remove: c.remove });
      assert.deepEqual([...balance], c.after);
    });
  }

  it('the next user of a batch sees the seats the first took', () => {
    const balance = new Map([['a', 1]]);
    assert.deepEqual(fitRestoredLicenses(['a'], [], balance).licensesRestored, ['a']);
    assert.deepEqual(fitRestoredLicenses(['a'], [], balance).licensesNotRestored, ['a']);
  });

  it('when the assignments fail, what was to be added is reported as not restored', () => {
    const fit = fitRestoredLicenses(['a', 'b', 'c'], ['b'], new Map([['a', 1], ['b', 0], ['c', 0]]));
    assert.deepEqual(withoutAdds(fit), { licensesRestored: ['b'], licensesNotRestored: ['c', 'a'] });
  });

  it('property: a restore never leaves a subscription more over-assigned than it found it, and every wanted license is accounted for once', () => {
    const skus = ['a', 'b', 'c', 'd'];
    fc.assert(
      fc.property(fc.subarray(skus), fc.subarray(skus), fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3, maxLength: 3 }), (wanted, held, seats) => {
        const before = new Map(skus.slice(0, 3).map((s, i) => [s, seats[i] as number]));
        const balance = new Map(before);
        const fit = fitRestoredLicenses(wanted, held, balance);
        for (const [sku, left] of balance) assert.ok(left >= Math.min(0, before.get(sku) as number), `${sku}: ${before.get(sku)} -> ${left}`);
        assert.deepEqual([...fit.licensesRestored, ...fit.licensesNotRestored].sort(), [...wanted].sort());
        for (const sku of fit.add) assert.ok(!held.includes(sku) && fit.licensesRestored.includes(sku));
        for (const sku of fit.remove) assert.ok(held.includes(sku) && fit.licensesNotRestored.includes(sku));
      }),
    );
  });
});

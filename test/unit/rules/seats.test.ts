import assert from 'node:assert/strict';
import fc from 'fast-check';
import { firstShortSku, freeSeats, noFreeSeat, seatBalance, takeSeats } from '../../../src/domain/rules/seats.js';
import { sub } from './fixtures.js';

describe('rules: seats', () => {
  const cases: { name: string; total: number; assigned: number; free: number; balance: number }[] = [
    { name: 'some free', total: 10, assigned: 3, free: 7, balance: 7 },
    { name: 'full', total: 5, assigned: 5, free: 0, balance: 0 },
    { name: 'over-assigned', total: 5, assigned: 7, free: 0, balance: -2 },
    { name: 'none bought', total: 0, assigned: 0, free: 0, balance: 0 },
  ];
  for (const c of cases) {
    it(`free seats and balance: ${c.name}`, () => {
      assert.equal(freeSeats([sub('a', c.total, c.assigned)]).get('a'), c.free);
      assert.equal(seatBalance([sub('a', c.total, c.assigned)]).get('a'), c.balance);
    });
  }

  it('finds the first SKU without a free seat, unknown SKUs included', () => {
    const free = new Map([['a', 1], ['b', 0]]);
    assert.equal(firstShortSku(['a'], free), undefined);
    assert.equal(firstShortSku(['a', 'b'], free), 'b');
    assert.equal(firstShortSku(['x', 'b'], free), 'x');
    assert.equal(firstShortSku([], free), undefined);
  });

  it('takes one seat of each SKU', () => {
    const free = new Map([['a', 2], ['b', 1]]);
    takeSeats(free, ['a', 'b']);
    assert.deepEqual([...free], [['a', 1], ['b', 0]]);
  });

  it('says which subscription has no seat, with what is left', () => {
    const error = noFreeSeat('b', [sub('b', 3, 3)], new Map([['b', 0]]));
    assert.equal(error.code, 'NO_SEATS');
    assert.equal(error.message, 'Plan b has no free seat.');
    assert.deepEqual(error.details, { skuId: 'b', skuPartNumber: 'B', available: 0 });
    assert.equal(noFreeSeat('zz', [], new Map()).message, 'zz has no free seat.');
  });

  it('property: free seats are never negative and never more than bought', () => {
    fc.assert(
      fc.property(fc.nat(100), fc.nat(150), (total, assigned) => {
        const free = freeSeats([sub('a', total, assigned)]).get('a') as number;
        return free >= 0 && free <= total && free === Math.max(0, seatBalance([sub('a', total, assigned)]).get('a') as number);
      }),
    );
  });
});

import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { NewUserInput } from '../../../src/domain/types.js';
import { admitNewUser, newUserProblem, type NewUserLedger } from '../../../src/domain/rules/new-user.js';
import { freeSeats } from '../../../src/domain/rules/seats.js';
import { contoso, sub } from './fixtures.js';

const row = (upn: string, licenses: string[] = [], extra: Partial<NewUserInput> = {}): NewUserInput => ({ givenName: 'A', surname: 'B', displayName: 'A B', upn, licenses, ...extra });
const known = new Set(['a', 'b']);

describe('rules: new users', () => {
  const problems: { name: string; input: NewUserInput; message?: string }[] = [
    { name: 'fine', input: row('ab@contoso.com', ['a']) },
    { name: 'no display name', input: row('ab@contoso.com', [], { displayName: '  ' }), message: 'A display name is required.' },
    { name: 'invalid name', input: row('a b@contoso.com'), message: 'a b@contoso.com is not a valid user name.' },
    { name: 'foreign domain', input: row('ab@Fabrikam.com'), message: 'fabrikam.com is not a domain of Contoso.' },
    { name: 'bad country', input: row('ab@contoso.com', [], { usageLocation: 'swe' }), message: 'swe is not a two-letter country code.' },
    { name: 'unknown subscription', input: row('ab@contoso.com', ['x']), message: 'Subscription x does not exist for Contoso.' },
  ];
  for (const p of problems) {
    it(`row checks: ${p.name}`, () => {
      const problem = newUserProblem(p.input, contoso, known);
      assert.equal(problem?.message, p.message);
      if (problem) assert.deepEqual([problem.code, problem.details], ['INVALID_INPUT', { upn: p.input.upn }]);
    });
  }

  const ledger = (taken: string[], seats: [number, number]): NewUserLedger => {
    const subscriptions = [sub('a', seats[0], 0), sub('b', seats[1], 0)];
    return { subscriptions, free: freeSeats(subscriptions), claimed: new Set(), isTaken: (lower) => taken.includes(lower) };
  };

  it('admits rows in order: a name once, seats while they last, each license once', () => {
    const l = ledger(['old@contoso.com'], [2, 1]);
    const verdicts = [row('x@contoso.com', ['a', 'a', 'b']), row('X@contoso.com', ['a']), row('Old@contoso.com'), row('y@contoso.com', ['a', 'b']), row('z@contoso.com', ['a'])].map((r) =>
      admitNewUser(r, null, l),
    );
    assert.deepEqual(
      verdicts.map((v) => (v.status === 'problem' ? v.error.message : v)),
      [{ status: 'ok', licenses: ['a', 'b'] }, { status: 'taken' }, { status: 'taken' }, 'Plan b has no free seat.', { status: 'ok', licenses: ['a'] }],
    );
    assert.deepEqual([...l.free], [['a', 0], ['b', 0]]);
    assert.deepEqual([...l.claimed], ['x@contoso.com', 'z@contoso.com']);
  });

  it("a row's own problem comes first and takes nothing", () => {
    const l = ledger([], [1, 1]);
    const error = newUserProblem(row('bad', ['a']), contoso, known);
    assert.equal(admitNewUser(row('bad', ['a']), error, l).status, 'problem');
    assert.deepEqual([[...l.free], l.claimed.size], [[['a', 1], ['b', 1]], 0]);
  });

  it('property: admitted rows never use more seats than were free, nor a name twice', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('p', 'q', 'r', 's'), fc.subarray(['a', 'b'])), { maxLength: 15 }), fc.nat(5), fc.nat(5), (rows, seatsA, seatsB) => {
        const l = ledger(['s@contoso.com'], [seatsA, seatsB]);
        const admitted = rows.map(([name, licenses]) => ({ name, v: admitNewUser(row(`${name}@contoso.com`, licenses), null, l) })).filter((x) => x.v.status === 'ok');
        const used = (sku: string) => admitted.filter((x) => x.v.status === 'ok' && x.v.licenses.includes(sku)).length;
        assert.ok(used('a') <= seatsA && used('b') <= seatsB);
        assert.equal(new Set(admitted.map((x) => x.name)).size, admitted.length);
        assert.ok(admitted.every((x) => x.name !== 's'));
      }),
    );
  });
});

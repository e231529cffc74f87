import assert from 'node:assert/strict';
import fc from 'fast-check';
import { restoreUpnProblem, restoreUpnTakenBy, upnProblem, upnTaken } from '../../../src/domain/rules/new-upn.js';
import { contoso } from './fixtures.js';

describe('rules: new user names', () => {
  const names: { upn: string; problem: ReturnType<typeof upnProblem> }[] = [
    { upn: 'ada@contoso.com', problem: null },
    { upn: 'Ada.Lovelace@CONTOSO.COM', problem: null },
    { upn: "o'brien@contoso.onmicrosoft.com", problem: null },
    { upn: 'ada@fabrikam.com', problem: 'foreign-domain' },
    { upn: 'ada@sub.contoso.com', problem: 'foreign-domain' },
    { upn: 'ada', problem: 'invalid' },
    { upn: '@contoso.com', problem: 'invalid' },
    { upn: '.ada@contoso.com', problem: 'invalid' },
    { upn: 'a..da@contoso.com', problem: 'invalid' },
    { upn: 'a da@contoso.com', problem: 'invalid' },
    { upn: `${'a'.repeat(65)}@contoso.com`, problem: 'invalid' },
  ];
  for (const n of names) {
    it(`${n.upn}: ${n.problem ?? 'fine'}`, () => {
      assert.equal(upnProblem(n.upn, contoso), n.problem);
      const error = restoreUpnProblem(n.upn, contoso);
      assert.equal(error?.message, n.problem ? `${n.upn} is not a valid user name for Contoso.` : undefined);
      assert.equal(error?.code, n.problem ? 'INVALID_INPUT' : undefined);
    });
  }

  it('a taken name is a CONFLICT naming it', () => {
    const error = upnTaken('ada@contoso.com');
    assert.deepEqual([error.code, error.message, error.details], ['CONFLICT', 'ada@contoso.com is already taken.', { upn: 'ada@contoso.com' }]);
  });

  const clashes: { name: string; claimed: string[]; holders: ({ id: string; name: string } | undefined)[]; takenBy: string | undefined }[] = [
    { name: 'free', claimed: [], holders: [undefined, undefined], takenBy: undefined },
    { name: 'a live user holds it', claimed: [], holders: [{ id: 'u2', name: 'Bob Berg' }, undefined], takenBy: 'Bob Berg' },
    { name: 'another deleted user holds it', claimed: [], holders: [undefined, { id: 'u3', name: 'Cleo' }], takenBy: 'Cleo' },
    { name: 'the user itself holds it', claimed: [], holders: [undefined, { id: 'self', name: 'Me' }], takenBy: undefined },
    { name: 'an earlier restore of the batch claimed it', claimed: ['ada@contoso.com'], holders: [undefined, { id: 'u3', name: 'Cleo' }], takenBy: 'Ada@contoso.com' },
  ];
  for (const c of clashes) {
    it(`restoring to a name: ${c.name}`, () => {
      assert.equal(restoreUpnTakenBy('Ada@contoso.com', 'self', new Set(c.claimed), c.holders), c.takenBy);
    });
  }

  it('property: a name is fine only if valid and of one of the customer\'s domains (any case)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{1,10}$/), fc.constantFrom('contoso.com', 'CONTOSO.onmicrosoft.COM', 'fabrikam.com'), (local, domain) => {
        const ok = upnProblem(`${local}@${domain}`, contoso) === null;
        return ok === contoso.domains.some((d) => d.toLowerCase() === domain.toLowerCase());
      }),
    );
  });
});

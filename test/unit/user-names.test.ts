import assert from 'node:assert/strict';
import fc from 'fast-check';
import { defaultLocalPart, foldToAscii, isValidLocalPart, suggestFreeUpn } from '../../src/domain/user-names.js';
import { candidateUpns, defaultUserName, proposeUpn } from '../../src/features/create/support/new-user-name.js';
import { generateTemporaryPassword } from '../../src/domain/passwords.js';
import type { UserLicenseService } from '../../src/ports/directory.js';

/** Only upnsInUse is needed; it counts its calls to show that clashes are looked up in batches. */
function directoryWith(taken: string[]): UserLicenseService & { lookups: number } {
  const inUse = new Set(taken.map((u) => u.toLowerCase()));
  const fake = {
    lookups: 0,
    async upnsInUse(_customerId: string, upns: string[]) {
      fake.lookups++;
      return new Set(upns.map((u) => u.toLowerCase()).filter((u) => inUse.has(u)));
    },
  };
  return fake as unknown as UserLicenseService & { lookups: number };
}

describe('user names', () => {
  it('folds diacritics and special letters to ASCII, lower-case', () => {
    assert.equal(defaultLocalPart('Åsa', 'Öberg'), 'asa.oberg');
    assert.equal(defaultLocalPart('Zoë', 'Müller'), 'zoe.muller');
    assert.equal(defaultLocalPart('Émile', 'Durand'), 'emile.durand');
    assert.equal(defaultLocalPart('Søren', 'Kierkegaard'), 'soren.kierkegaard');
    assert.equal(defaultLocalPart('Łukasz', 'Straße'), 'lukasz.strasse');
    assert.equal(foldToAscii('Ærø'), 'aero');
  });

  it('drops spaces and characters Entra does not allow, never leaving stray dots', () => {
    assert.equal(defaultLocalPart('Mary Ann', 'van Dyke'), 'maryann.vandyke');
    assert.equal(defaultLocalPart('Sean', "O'Brien"), 'sean.obrien');
    assert.equal(defaultLocalPart('José', '.'), 'jose');
    assert.equal(defaultLocalPart('李', '王'), '');
  });

  it('any default user name is a valid local part (or there is none), even for long names', () => {
    const name = fc.string({ unit: 'grapheme', maxLength: 64 });
    fc.assert(
      fc.property(name, name, (first, last) => {
        const local = defaultUserName(first, last);
        return local === undefined || isValidLocalPart(local);
      }),
    );
    assert.equal(defaultUserName('A'.repeat(60), 'Berg'), `${'a'.repeat(60)}.ber`);
    assert.equal(defaultUserName('A'.repeat(63), 'Berg'), 'a'.repeat(63), 'no dot left at the end');
    assert.equal(defaultUserName('!!', '??'), undefined);
  });

  it('suggests the first free numbered name', () => {
    const taken = new Set(['asa.oberg@fabrikam.se', 'asa.oberg2@fabrikam.se']);
    assert.equal(suggestFreeUpn('asa.oberg', 'fabrikam.se', (u) => taken.has(u)), 'asa.oberg3@fabrikam.se');
    assert.equal(suggestFreeUpn('new.person', 'fabrikam.se', (u) => taken.has(u)), 'new.person@fabrikam.se');
    assert.deepEqual(candidateUpns('a.b', 'x.com', 1, 3), ['a.b@x.com', 'a.b2@x.com', 'a.b3@x.com']);
  });

  it('proposes a free name against live and deleted users, case-insensitively, in batched look-ups', async () => {
    const free = await proposeUpn(directoryWith([]), 'c', 'anna.berg', 'contoso.com');
    assert.deepEqual(free, { requested: 'anna.berg@contoso.com', upn: 'anna.berg@contoso.com', taken: false });
    const clash = await proposeUpn(directoryWith(['Pat.Leaver@contoso.com']), 'c', 'pat.leaver', 'contoso.com');
    assert.deepEqual(clash, { requested: 'pat.leaver@contoso.com', upn: 'pat.leaver2@contoso.com', taken: true });
    const crowded = directoryWith(['x@c.com', ...Array.from({ length: 30 }, (_, i) => `x${i + 2}@c.com`)]);
    assert.equal((await proposeUpn(crowded, 'c', 'x', 'c.com')).upn, 'x32@c.com');
    assert.equal(crowded.lookups, 2);
  });

  it('temporary passwords: 16 characters, every class, no ambiguous or markdown characters', () => {
    for (let i = 0; i < 200; i++) {
      const password = generateTemporaryPassword();
      assert.equal(password.length, 16);
      assert.match(password, /[A-Z]/);
      assert.match(password, /[a-z]/);
      assert.match(password, /[2-9]/);
      assert.match(password, /[!#$%&+\-=?@]/);
      assert.doesNotMatch(password, /[0O1lI*_`'"\\]/);
    }
  });
});

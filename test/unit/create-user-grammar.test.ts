import assert from 'node:assert/strict';
import { createUserArgs } from '../../src/features/create/support/create-user-grammar.js';

const parse = (text: string) => createUserArgs.safeParse(text);

describe('create user one-line grammar', () => {
  it('nothing means the form', () => {
    assert.deepEqual(parse('').data, { kind: 'form' });
  });

  it('first word is the first name, the rest up to as/with the last name', () => {
    assert.deepEqual(parse('Anna van der Berg').data, { kind: 'line', givenName: 'Anna', surname: 'van der Berg', skus: [] });
    assert.deepEqual(parse('"Mary Ann" Lee AS mary@contoso.com WITH SPE_E3, teams_essentials_aad').data, {
      kind: 'line',
      givenName: 'Mary Ann',
      surname: 'Lee',
      upn: 'mary@contoso.com',
      skus: ['SPE_E3', 'teams_essentials_aad'],
    });
    assert.deepEqual(parse('Bo Ek with Microsoft 365 E3 as bo').data, { kind: 'line', givenName: 'Bo', surname: 'Ek', upn: 'bo', skus: ['Microsoft 365 E3'] });
  });

  it('refuses one name, an empty as/with, or two user names', () => {
    assert.equal(parse('Cher').success, false);
    assert.equal(parse('Anna Berg as').success, false);
    assert.equal(parse('Anna Berg with').success, false);
    assert.equal(parse('Anna Berg as a b').success, false);
    assert.equal(parse('Anna Berg as a as b').success, false);
  });
});

import assert from 'node:assert/strict';
import { matchCommand, normalizeText, suggestCommand } from '../../src/core/command-grammar.js';

const commands = ['help', 'user', 'users', 'use', 'delete user', 'deleted', 'restore', 'reset password', 'licenses'].map((name) => ({ name }));
const match = (text: string) => {
  const m = matchCommand(commands, text);
  return m ? [m.command.name, m.argText] : null;
};

describe('command parsing', () => {
  it('matches whole tokens only, never a substring', () => {
    assert.deepEqual(match('users'), ['users', '']);
    assert.deepEqual(match('user alex@contoso.com'), ['user', 'alex@contoso.com']);
    assert.deepEqual(match('use contoso'), ['use', 'contoso']);
    assert.equal(match('helpme'), null);
    assert.equal(match('userss'), null);
    assert.equal(match('please help'), null);
    assert.equal(match('deleteuser x'), null);
  });

  it('is case-insensitive and keeps the argument text as typed', () => {
    assert.deepEqual(match('USERS Åsa'), ['users', 'Åsa']);
    assert.deepEqual(match('Reset Password Alex@Contoso.com'), ['reset password', 'Alex@Contoso.com']);
  });

  it('strips the Teams @mention, &nbsp; and extra spaces', () => {
    assert.deepEqual(match('<at>License Desk</at>&nbsp;users   sku:SPE_E3 '), ['users', 'sku:SPE_E3']);
    assert.deepEqual(match('<at>License Desk</at> reset\u00a0\u00a0password   alex@contoso.com'), ['reset password', 'alex@contoso.com']);
    assert.equal(normalizeText('<p><at>Bot</at>&nbsp;help</p>'), 'help');
  });

  it('prefers the longest command whose words all match', () => {
    assert.deepEqual(match('delete user alex@contoso.com'), ['delete user', 'alex@contoso.com']);
    assert.deepEqual(match('deleted'), ['deleted', '']);
    assert.equal(match('delete alex@contoso.com'), null);
  });

  it('never reads "restore deleted user" as delete', () => {
    assert.deepEqual(match('restore deleted user pat@contoso.com'), ['restore', 'deleted user pat@contoso.com']);
    assert.deepEqual(match('<at>Bot</at> RESTORE delete user x'), ['restore', 'delete user x']);
  });

  it('suggests the closest command for a typo, and nothing for gibberish', () => {
    assert.equal(suggestCommand(commands, 'lisences')?.name, 'licenses');
    assert.equal(suggestCommand(commands, 'hlep')?.name, 'help');
    assert.equal(suggestCommand(commands, 'reset pasword bob')?.name, 'reset password');
    assert.equal(suggestCommand(commands, 'xyzzyq quux'), undefined);
    assert.equal(suggestCommand(commands, '   '), undefined);
  });
});

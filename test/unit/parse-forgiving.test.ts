import assert from 'node:assert/strict';
import { matchCommand } from '../../src/core/command-grammar.js';

const commands = ['help', 'whoami', 'user', 'users', 'licenses', 'restore', 'import users'].map((name) => ({ name }));
const match = (text: string) => {
  const m = matchCommand(commands, text);
  return m ? [m.command.name, m.argText] : null;
};

describe('command parsing: what people actually type', () => {
  it('drops trailing punctuation, from the command and from the last argument', () => {
    assert.deepEqual(match('users?'), ['users', '']);
    assert.deepEqual(match('licenses.'), ['licenses', '']);
    assert.deepEqual(match('whoami ?!'), ['whoami', '']);
    assert.deepEqual(match('user adele@contoso.com.'), ['user', 'adele@contoso.com']);
  });

  it('reads greetings and a lone question mark as help', () => {
    for (const text of ['hi', 'Hello!', 'hey there', '?', '??', '<p>hi</p>']) assert.deepEqual(match(text), ['help', ''], text);
  });

  it('reads "show X" and "list X" as X, but only when X is a command', () => {
    assert.deepEqual(match('show users'), ['users', '']);
    assert.deepEqual(match('List users unlicensed'), ['users', 'unlicensed']);
    assert.equal(match('show me everything'), null);
    assert.equal(match('showusers'), null);
  });

  it('still never matches by substring', () => {
    assert.equal(match('hiya'), null);
    assert.equal(match('usersx'), null);
  });
});

import assert from 'node:assert/strict';
import { BotHarness, OWNER, persona } from '../helpers/bot-harness.js';
import { CONTOSO } from '../helpers/setup.js';
import { choiceTitles, inputsById } from '../helpers/cards.js';

describe('create user: the form', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('the create form offers the customer domains, defaults the usage location, and shows seats per license', async () => {
    await bot.say(OWNER, 'use contoso');
    const form = inputsById((await bot.say(OWNER, 'create user')).cards[0]);
    assert.deepEqual(choiceTitles(form.get('domain')).sort(), ['contoso.com', 'contoso.onmicrosoft.com']);
    assert.equal(form.get('usageLocation')?.value, 'US');
    assert.equal(form.get('licenses')?.isMultiSelect, true);
    assert.ok(choiceTitles(form.get('licenses')).every((t) => /free|no seat/.test(t)));
    assert.match(String(form.get('displayName')?.placeholder ?? ''), /First Last|blank/i);
    assert.ok(form.has('addAnother'));
    assert.ok(choiceTitles(form.get('adminRole')).length > 1, 'a global admin may give a role');

    const userAdmin = persona('Uma Useradmin');
    await bot.grant(userAdmin, 'user-admin', [CONTOSO]);
    await bot.say(userAdmin, 'use contoso');
    const theirs = inputsById((await bot.say(userAdmin, 'create user')).cards[0]);
    assert.ok(!theirs.has('adminRole'), 'a user admin gets no admin-role choice');
  });
});

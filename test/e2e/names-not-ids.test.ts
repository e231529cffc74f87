import assert from 'node:assert/strict';
import { BotHarness, OWNER, persona } from '../helpers/bot-harness.js';
import { cardText } from '../helpers/fake-connector.js';
import { DEMO_CUSTOMER_IDS } from '../../src/adapters/directory/embedded/demo-data.js';

describe('messages show names, never internal identifiers', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('a refusal says what the person tried, not the verb or permission id', async () => {
    const stranger = persona('Sam Stranger');
    const pressed = await bot.click(stranger, 'user.create.confirm', { confirmationId: 'abcdefghijklmnop' });
    const text = cardText(pressed.card);
    assert.match(text, /You have no role, which does not allow you to create a user\./);
    assert.doesNotMatch(text, /user\.create/);
    const helper = persona('Hank Helpdesk');
    await bot.grant(helper, 'helpdesk', [DEMO_CUSTOMER_IDS.contoso]);
    const audit = cardText((await bot.say(helper, 'audit')).cards[0]);
    assert.match(audit, /does not allow you to read the audit trail/);
    assert.doesNotMatch(audit, /`audit`|audit\.read/);
    await bot.say(OWNER, 'use contoso');
  });
});

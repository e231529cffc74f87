import assert from 'node:assert/strict';
import { BotHarness, OWNER, persona } from '../helpers/bot-harness.js';
import { CONTOSO } from '../helpers/setup.js';
import { cardText } from '../helpers/cards.js';

describe('customers: choosing the one a conversation works on', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('use <customer> by domain or id; the choice belongs to its conversation and survives a restart', async () => {
    assert.match(cardText((await bot.say(OWNER, 'use fabrikam.onmicrosoft.com')).cards[0]), /Working on Fabrikam/);
    assert.match(cardText((await bot.say(OWNER, `use ${CONTOSO}`, { channel: true })).cards[0]), /Working on Contoso/);
    await bot.restart();
    assert.match(cardText((await bot.say(OWNER, 'users')).cards[0]), /Fabrikam|fabrikam/);
    assert.match(cardText((await bot.say(OWNER, 'users', { channel: true })).cards[0]), /contoso/);
    const stranger = persona('Nina New');
    await bot.grant(stranger, 'helpdesk', null);
    assert.match(cardText((await bot.say(stranger, 'users')).cards[0]), /Choose a customer first/);
  });
});

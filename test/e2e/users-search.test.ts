import assert from 'node:assert/strict';
import { BotHarness, OWNER } from '../helpers/bot-harness.js';
import { cardText } from '../helpers/cards.js';

describe('users search ignores accents', () => {
  let bot: BotHarness;
  before(async () => {
    bot = await BotHarness.start();
    await bot.say(OWNER, 'use fabrikam');
  });
  after(async () => {
    await bot.stop();
  });

  it('finds Åsa Öberg by "asa", "öberg" and "OBERG", and Jörgen Håkansson by "hakan"', async () => {
    for (const text of ['asa', 'öberg', 'OBERG']) assert.match(cardText((await bot.say(OWNER, `users ${text}`)).cards[0]), /Åsa Öberg/, text);
    const hakan = cardText((await bot.say(OWNER, 'users hakan')).cards[0]);
    assert.match(hakan, /Jörgen Håkansson/);
    assert.doesNotMatch(hakan, /Åsa Öberg/);
  });
});

import assert from 'node:assert/strict';
import { BotHarness, OWNER } from '../helpers/bot-harness.js';
import { cardOf } from '../helpers/cards.js';

describe('cards: how the bot answers', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('every reply, in a personal chat and in a channel, is one Adaptive Card 1.5 and never plain text', async () => {
    const commands = ['help', 'whoami', 'customers', 'use contoso', 'users', 'users unlicensed', 'user adele.vance@contoso.onmicrosoft.com', 'licenses', 'deleted', 'create user', 'create user Ann Example', 'reset password adele.vance@contoso.onmicrosoft.com', 'delete user adele.vance@contoso.onmicrosoft.com', 'manage licenses adele.vance@contoso.onmicrosoft.com', 'roles', 'use nosuchcustomer', 'frobnicate', 'user nobody@contoso.onmicrosoft.com'];
    for (const channel of [false, true]) {
      for (const command of commands) {
        const { calls } = await bot.say(OWNER, command, { channel });
        const messages = calls.filter((c) => c.activity.type === 'message');
        assert.ok(messages.length > 0, `${command}: answered`);
        for (const call of messages) {
          const card = cardOf(call.activity);
          assert.ok(card, `${command}: a card`);
          assert.equal(card.version, '1.5', command);
          assert.ok(!call.activity.text, `${command}: no plain text beside the card`);
        }
      }
    }
  });
});

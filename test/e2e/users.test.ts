import assert from 'node:assert/strict';
import { BotHarness, OWNER, type Card } from '../helpers/bot-harness.js';
import { CONTOSO } from '../helpers/setup.js';
import { cardActions, cardText } from '../helpers/cards.js';

describe('users: the list and the user card', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('a users row shows name, UPN and licenses; Next then Previous comes back to the first page', async () => {
    await bot.say(OWNER, 'use contoso');
    const first = (await bot.say(OWNER, 'users')).cards[0] as Card;
    const adele = await bot.directory.getUser(CONTOSO, 'adele.vance@contoso.onmicrosoft.com');
    const text = cardText(first);
    assert.match(text, /Adele Vance\nadele\.vance@contoso\.onmicrosoft\.com\n(?:Open\n)?[^\n]*Microsoft 365 E3/);
    assert.ok(adele.licenses.length > 0);
    assert.match(text, /No license/, 'unlicensed rows say so');
    assert.ok(!cardActions(first).some((a) => a.title === 'Previous'), 'no Previous on the first page');
    const next = cardActions(first).find((a) => a.title === 'Next');
    assert.ok(next);
    const page2 = (await bot.click(OWNER, next.verb, next.data)).card;
    assert.ok(!cardActions(page2).some((a) => a.title === 'Next'), 'no Next on the last page');
    const previous = cardActions(page2).find((a) => a.title === 'Previous');
    assert.ok(previous);
    const back = (await bot.click(OWNER, previous.verb, previous.data)).card;
    assert.match(cardText(back), /Showing 1-20 of 28/);
    assert.equal(cardText(back), text);
  });

  it('the user card shows usage location, admin roles, licenses and when the user was created', async () => {
    await bot.say(OWNER, 'use contoso');
    const megan = (await bot.directory.listUsers(CONTOSO, { kind: 'text', text: 'Megan Bowen' }, { top: 1 })).items[0];
    assert.ok(megan);
    const text = cardText((await bot.say(OWNER, `user ${megan.upn}`)).cards[0]);
    assert.match(text, new RegExp(`Usage location\\n${megan.usageLocation ?? 'Not set'}`));
    assert.match(text, /Admin roles\nGlobal Administrator/);
    assert.match(text, new RegExp(`Created\\n${megan.createdAt.slice(0, 10)}`));
    assert.match(text, /Licenses/);
  });
});

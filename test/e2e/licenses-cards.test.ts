import assert from 'node:assert/strict';
import type { BotHarness} from '../helpers/bot-harness.js';
import { OWNER } from '../helpers/bot-harness.js';
import { startOnContoso } from '../helpers/setup.js';
import { button, cardText } from '../helpers/cards.js';
import { licensesOf, outcomes, subscription, upn, userId } from '../helpers/licenses.js';

const sku = async (bot: BotHarness, part: string): Promise<string> => `sku_${(await subscription(bot, part)).skuId}`;

describe('licenses: the Manage licenses card', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startOnContoso();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('opens from the user card, shows a switch per subscription with seats, and Save assigns what was switched on', async () => {
    const userCard = (await bot.say(OWNER, `user ${upn('allan.deyoung')}`)).cards[0];
    const open = button(userCard, 'Manage licenses');
    const manage = await bot.click(OWNER, open.verb, open.data);
    const text = cardText(manage.card);
    assert.match(text, /Manage licenses of Allan Deyoung/);
    assert.match(text, /O365_BUSINESS_PREMIUM · 18 of 25 seats available/);
    assert.match(text, /SPE_E3 · 0 of 10 seats available/);
    const save = button(manage.card, 'Save');
    const done = await bot.click(OWNER, save.verb, { ...save.data, [await sku(bot, 'O365_BUSINESS_PREMIUM')]: 'add', [await sku(bot, 'SPE_E3')]: 'remove' });
    assert.deepEqual(outcomes(done.card), { [upn('allan.deyoung')]: ['assigned'] });
    assert.deepEqual(await licensesOf(bot, 'allan.deyoung'), ['O365_BUSINESS_PREMIUM']);
  });

  it('swaps licenses for one user in one save (adds and removes), without a confirmation', async () => {
    const id = await userId(bot, 'adele.vance');
    const save = { userIds: [id], [await sku(bot, 'SPE_E3')]: 'remove', [await sku(bot, 'O365_BUSINESS_PREMIUM')]: 'add' };
    const done = await bot.click(OWNER, 'licenses.manage.save', save);
    assert.match(cardText(done.card), /Microsoft 365 E3: \*\*removed\*\*\nMicrosoft 365 Business Premium: \*\*assigned\*\*/);
    assert.deepEqual(await licensesOf(bot, 'adele.vance'), ['O365_BUSINESS_PREMIUM']);
    assert.equal((await subscription(bot, 'SPE_E3')).seatsAssigned, 9);
  });

  it('opens from the ticked rows of the users list and applies the change to every chosen user', async () => {
    const list = (await bot.say(OWNER, 'users unlicensed')).cards[0];
    const manageButton = button(list, 'Manage licenses');
    const ticks = { [`select_${await userId(bot, 'ben.walters')}`]: 'true', [`select_${await userId(bot, 'raul.razo')}`]: 'true', [`select_${await userId(bot, 'nora.park')}`]: 'false' };
    const manage = await bot.click(OWNER, manageButton.verb, { ...manageButton.data, ...ticks });
    const text = cardText(manage.card);
    assert.match(text, /Manage licenses of 2 users/);
    assert.match(text, /Ben Walters/);
    assert.doesNotMatch(text, /Nora Park/);
    const save = button(manage.card, 'Save');
    const done = await bot.click(OWNER, save.verb, { ...save.data, [await sku(bot, 'TEAMS_ESSENTIALS_AAD')]: 'add', [await sku(bot, 'SPE_E3')]: 'remove' });
    assert.deepEqual(outcomes(done.card), { [upn('ben.walters')]: ['assigned'], [upn('raul.razo')]: ['assigned'] });
    assert.match(cardText(done.card), /Usage location set to US first for Raul Razo/);
    assert.equal((await subscription(bot, 'TEAMS_ESSENTIALS_AAD')).seatsAssigned, 4);
  });

  it('asks to tick users first when none is ticked, with the way back to the same page', async () => {
    const list = (await bot.say(OWNER, 'users unlicensed')).cards[0];
    const manageButton = button(list, 'Manage licenses');
    const none = await bot.click(OWNER, manageButton.verb, manageButton.data);
    assert.match(cardText(none.card), /Choose users first/);
    assert.deepEqual(button(none.card, 'Back to users').data, { filter: 'unlicensed', cursor: '', back: '' });
  });

  it('offers keep/assign/remove where only some chosen users hold a license; removing from several asks first', async () => {
    const ids = [await userId(bot, 'christie.cline'), await userId(bot, 'sean.obrien'), await userId(bot, 'lidia.holloway')];
    const manage = await bot.click(OWNER, 'licenses.manage', { userIds: ids });
    assert.match(cardText(manage.card), /Keep as is \(2 of 3 have it\)/);
    const teams = await sku(bot, 'TEAMS_ESSENTIALS_AAD');
    const bp = await sku(bot, 'O365_BUSINESS_PREMIUM');
    const ask = await bot.click(OWNER, 'licenses.manage.save', { userIds: ids, [teams]: 'remove', [bp]: 'keep' });
    assert.match(cardText(ask.card), /Remove Microsoft Teams Essentials from 3 users\?/);
    assert.equal((await subscription(bot, 'TEAMS_ESSENTIALS_AAD')).seatsAssigned, 2);
    const confirm = button(ask.card, 'Remove licenses');
    const done = await bot.click(OWNER, confirm.verb, confirm.data);
    assert.deepEqual(outcomes(done.card), { [upn('christie.cline')]: ['removed'], [upn('sean.obrien')]: ['removed'], [upn('lidia.holloway')]: ['did not have'] });
    assert.deepEqual(await licensesOf(bot, 'christie.cline'), ['O365_BUSINESS_PREMIUM']);
    assert.equal((await subscription(bot, 'TEAMS_ESSENTIALS_AAD')).seatsAssigned, 0);
  });

  it('Save with nothing switched differently changes nothing', async () => {
    const id = await userId(bot, 'lidia.holloway');
    const done = await bot.click(OWNER, 'licenses.manage.save', { userIds: [id], [await sku(bot, 'O365_BUSINESS_PREMIUM')]: 'add', [await sku(bot, 'SPE_E3')]: 'remove' });
    assert.match(cardText(done.card), /Nothing to change/);
    assert.equal((await bot.runtime.app.audit.all()).filter((e) => e.action === 'licenses.change').length, 0);
  });

  it('`manage licenses` opens the card; a save beyond the seats gets the first-N offer, in the order listed', async () => {
    const order = ['emily.braun', 'allan.deyoung', 'ben.walters'];
    const manage = (await bot.say(OWNER, `manage licenses ${order.map(upn).join(' ')}`)).cards[0];
    assert.match(cardText(manage), /Manage licenses of 3 users/);
    const save = button(manage, 'Save');
    const offer = await bot.click(OWNER, save.verb, { ...save.data, [await sku(bot, 'EXCHANGESTANDARD')]: 'add' });
    assert.match(cardText(offer.card), /has 2 free seats; 3 of the chosen users need one/);
    const first2 = button(offer.card, 'Assign to the first 2');
    const done = await bot.click(OWNER, first2.verb, first2.data);
    assert.deepEqual(outcomes(done.card), { [upn('emily.braun')]: ['assigned'], [upn('allan.deyoung')]: ['assigned'], [upn('ben.walters')]: ['no seat'] });
  });

  it('rejects malformed switch values and never trusts a card for users of another customer', async () => {
    const id = await userId(bot, 'allan.deyoung');
    const bad = await bot.click(OWNER, 'licenses.manage.save', { userIds: [id], sku_x: 'maybe' });
    assert.equal(bad.body?.statusCode, 400);
    await bot.say(OWNER, 'use fabrikam');
    const foreign = await bot.click(OWNER, 'licenses.manage', { userIds: [id] });
    assert.match(cardText(foreign.card), /No user/);
  });
});

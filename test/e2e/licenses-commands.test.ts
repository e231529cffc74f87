import assert from 'node:assert/strict';
import type { BotHarness} from '../helpers/bot-harness.js';
import { OWNER } from '../helpers/bot-harness.js';
import { startOnContoso } from '../helpers/setup.js';
import { button, cardText } from '../helpers/cards.js';
import { CONTOSO, licensesOf, outcomes, subscription, upn } from '../helpers/licenses.js';

describe('licenses: assign and remove from chat', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startOnContoso();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('licenses shows seats per subscription and warns about full and over-assigned ones', async () => {
    const contoso = cardText((await bot.say(OWNER, 'licenses')).cards[0]);
    assert.match(contoso, /Microsoft 365 E3\nSPE_E3\n10\n10\n0\n⚠ No seats available/);
    assert.match(contoso, /Microsoft 365 Business Premium\nO365_BUSINESS_PREMIUM\n25\n7\n18\n/);
    await bot.say(OWNER, 'use fabrikam');
    const fabrikam = cardText((await bot.say(OWNER, 'licenses')).cards[0]);
    assert.match(fabrikam, /EXCHANGESTANDARD\n5\n6\n0\n⚠ 1 more assigned than bought/);
  });

  it('assigns to one user, sets the missing usage location first and says so, and audits the outcome', async () => {
    const before = await subscription(bot, 'O365_BUSINESS_PREMIUM');
    const card = (await bot.say(OWNER, `assign O365_BUSINESS_PREMIUM to ${upn('cameron.white')}`)).cards[0];
    assert.deepEqual(outcomes(card), { [upn('cameron.white')]: ['assigned'] });
    assert.match(cardText(card), /Usage location set to US first/);
    assert.deepEqual(await licensesOf(bot, 'cameron.white'), ['O365_BUSINESS_PREMIUM']);
    assert.equal((await bot.directory.getUser(CONTOSO, upn('cameron.white'))).usageLocation, 'US');
    assert.equal((await subscription(bot, 'O365_BUSINESS_PREMIUM')).seatsAssigned, before.seatsAssigned + 1);
    const entry = (await bot.runtime.app.audit.all()).at(-1);
    assert.equal(entry?.action, 'licenses.change');
    assert.equal(entry?.outcome, 'success');
    assert.deepEqual(entry?.details?.users, [{ upn: upn('cameron.white'), outcomes: { O365_BUSINESS_PREMIUM: 'assigned' }, usageLocationSet: 'US' }]);
  });

  it('is idempotent: a license the user already has is "already had", costs no seat and is no error', async () => {
    const before = (await subscription(bot, 'O365_BUSINESS_PREMIUM')).seatsAssigned;
    // By name words, listing one user who has it and one who does not.
    const first = (await bot.say(OWNER, `assign business premium to ${upn('lidia.holloway')}, ${upn('allan.deyoung')}`)).cards[0];
    assert.deepEqual(outcomes(first), { [upn('lidia.holloway')]: ['already had'], [upn('allan.deyoung')]: ['assigned'] });
    assert.equal((await subscription(bot, 'O365_BUSINESS_PREMIUM')).seatsAssigned, before + 1);
    const again = (await bot.say(OWNER, `assign o365_bus to ${upn('lidia.holloway')}, ${upn('allan.deyoung')}`)).cards[0];
    assert.deepEqual(outcomes(again), { [upn('lidia.holloway')]: ['already had'], [upn('allan.deyoung')]: ['already had'] });
    assert.equal((await subscription(bot, 'O365_BUSINESS_PREMIUM')).seatsAssigned, before + 1);
    assert.doesNotMatch(cardText(again), /Not enough seats/);
  });

  it('assigns to every unlicensed user when the seats suffice', async () => {
    const card = (await bot.say(OWNER, 'assign O365_BUSINESS_PREMIUM to unlicensed')).cards[0];
    const got = outcomes(card);
    assert.equal(Object.keys(got).length, 7);
    assert.ok(Object.values(got).every((o) => o.join() === 'assigned'));
    assert.match(cardText((await bot.say(OWNER, 'users unlicensed')).cards[0]), /without a license \(0\)/);
    assert.equal((await subscription(bot, 'O365_BUSINESS_PREMIUM')).seatsAssigned, 14);
    assert.match(cardText((await bot.say(OWNER, 'assign O365_BUSINESS_PREMIUM to unlicensed')).cards[0]), /Nobody to license/);
  });

  it('with too few seats says so before changing anything and offers the first N in the order listed', async () => {
    const order = ['zrinka.makovac', 'nora.park', 'allan.deyoung', 'ben.walters'];
    const offer = (await bot.say(OWNER, `assign EXCHANGESTANDARD to ${order.map(upn).join(', ')}`)).cards[0];
    assert.match(cardText(offer), /Exchange Online \(Plan 1\) has 2 free seats; 4 of the chosen users need one\. Nothing has been changed/);
    assert.equal((await subscription(bot, 'EXCHANGESTANDARD')).seatsAssigned, 3);
    assert.deepEqual(await licensesOf(bot, 'zrinka.makovac'), []);
    const first2 = button(offer, 'Assign to the first 2');
    // The card carries only the confirmation id; the stored payload is what runs.
    assert.deepEqual(Object.keys(first2.data), ['confirmationId']);
    const done = await bot.click(OWNER, first2.verb, first2.data);
    assert.deepEqual(outcomes(done.card), {
      [upn('zrinka.makovac')]: ['assigned'],
      [upn('nora.park')]: ['assigned'],
      [upn('allan.deyoung')]: ['no seat'],
      [upn('ben.walters')]: ['no seat'],
    });
    assert.equal((await subscription(bot, 'EXCHANGESTANDARD')).seatsAssigned, 5);
    assert.deepEqual(await licensesOf(bot, 'allan.deyoung'), []);
    assert.equal((await bot.runtime.app.audit.all()).at(-1)?.outcome, 'partial');
    const twice = await bot.click(OWNER, first2.verb, first2.data);
    assert.match(cardText(twice.card), /Already done/);
  });

  it('cancelling the offer changes nothing; with no seat free at all every user gets "no seat"', async () => {
    const offer = (await bot.say(OWNER, 'assign exch to unlicensed')).cards[0];
    const cancel = button(offer, 'Cancel');
    assert.match(cardText((await bot.click(OWNER, cancel.verb, cancel.data)).card), /Cancelled/);
    assert.equal((await subscription(bot, 'EXCHANGESTANDARD')).seatsAssigned, 3);
    const none = (await bot.say(OWNER, `assign SPE_E3 to ${upn('allan.deyoung')}`)).cards[0];
    assert.match(cardText(none), /Not enough seats: nothing was changed/);
    assert.deepEqual(outcomes(none), { [upn('allan.deyoung')]: ['no seat'] });
    assert.throws(() => button(none, /Assign to the first/));
    assert.equal((await subscription(bot, 'SPE_E3')).seatsAssigned, 10);
  });

  it('when seats go between the offer and the click, nothing changes and a smaller offer follows', async () => {
    const offer = (await bot.say(OWNER, `assign exch to ${upn('allan.deyoung')}, ${upn('ben.walters')}, ${upn('emily.braun')}`)).cards[0];
    const first2 = button(offer, 'Assign to the first 2');
    await bot.say(OWNER, `assign exch to ${upn('nora.park')}`);
    const retry = await bot.click(OWNER, first2.verb, first2.data);
    assert.match(cardText(retry.card), /has 1 free seat; 2 of the chosen users need one/);
    assert.deepEqual(await licensesOf(bot, 'allan.deyoung'), []);
    const first1 = button(retry.card, 'Assign to the first 1');
    const done = await bot.click(OWNER, first1.verb, first1.data);
    assert.deepEqual(outcomes(done.card), { [upn('allan.deyoung')]: ['assigned'], [upn('ben.walters')]: ['no seat'], [upn('emily.braun')]: ['no seat'] });
    assert.equal((await subscription(bot, 'EXCHANGESTANDARD')).seatsAssigned, 5);
  });

  it('removes from one user at once and frees the seat; a user without it "did not have"', async () => {
    const card = (await bot.say(OWNER, `remove EXCHANGESTANDARD from ${upn('debra.berger')}`)).cards[0];
    assert.deepEqual(outcomes(card), { [upn('debra.berger')]: ['removed'] });
    assert.equal((await subscription(bot, 'EXCHANGESTANDARD')).seatsAssigned, 2);
    assert.match(cardText(card), /3 of 5 seats available/);
    const again = (await bot.say(OWNER, `remove EXCHANGESTANDARD from ${upn('debra.berger')}`)).cards[0];
    assert.deepEqual(outcomes(again), { [upn('debra.berger')]: ['did not have'] });
  });

  it('removing from more than one user needs a confirmation, which works once', async () => {
    const ask = (await bot.say(OWNER, `remove SPE_E3 from ${upn('adele.vance')}, ${upn('lidia.holloway')}`)).cards[0];
    assert.match(cardText(ask), /Remove Microsoft 365 E3 from 2 users\?/);
    assert.equal((await subscription(bot, 'SPE_E3')).seatsAssigned, 10);
    const confirm = button(ask, 'Remove licenses');
    const done = await bot.click(OWNER, confirm.verb, confirm.data);
    assert.deepEqual(outcomes(done.card), { [upn('adele.vance')]: ['removed'], [upn('lidia.holloway')]: ['did not have'] });
    assert.equal((await subscription(bot, 'SPE_E3')).seatsAssigned, 9);
    assert.match(cardText((await bot.click(OWNER, confirm.verb, confirm.data)).card), /Already done/);
    assert.deepEqual(await licensesOf(bot, 'lidia.holloway'), ['O365_BUSINESS_PREMIUM']);
  });

  it('names every unknown user and changes nothing; explains an unknown or ambiguous SKU and bad usage', async () => {
    const unknown = cardText((await bot.say(OWNER, `assign O365_BUSINESS_PREMIUM to ${upn('allan.deyoung')}, nobody@contoso.com, ghost@contoso.com`)).cards[0]);
    assert.match(unknown, /No user nobody@contoso\.com, ghost@contoso\.com\. Nothing was changed/);
    assert.deepEqual(await licensesOf(bot, 'allan.deyoung'), []);
    assert.match(cardText((await bot.say(OWNER, `assign NOPE to ${upn('allan.deyoung')}`)).cards[0]), /There is no subscription "NOPE"/);
    assert.match(cardText((await bot.say(OWNER, `assign microsoft to ${upn('allan.deyoung')}`)).cards[0]), /matches more than one subscription/);
    assert.match(cardText((await bot.say(OWNER, 'assign SPE_E3')).cards[0]), /Usage: `assign <SKU> to/);
  });
});

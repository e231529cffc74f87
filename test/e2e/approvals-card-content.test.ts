import assert from 'node:assert/strict';
import { BotHarness, OWNER, persona, type Persona } from '../helpers/bot-harness.js';
import { CONTOSO } from '../helpers/setup.js';
import { cardActions, cardOf, cardText } from '../helpers/cards.js';
import type { ConnectorCall } from '../helpers/fake-connector.js';
import { DEMO_CUSTOMER_IDS } from '../../src/adapters/directory/embedded/demo-data.js';
import { seatsAvailable, type Subscription, holdsAdminRole } from '../../src/domain/types.js';

const CUSTOMER_CHANNEL = '19:contoso-approvals@thread.tacv2';
const ALL_CHANNEL = '19:all-approvals@thread.tacv2';
const upn = (local: string) => `${local}@contoso.onmicrosoft.com`;
const posted = (calls: ConnectorCall[], conversationId: string) => calls.filter((c) => c.method === 'POST' && c.conversationId === conversationId);

/** The issue: the approval card shows users, licenses, seats before and after, restore deadlines, who asked and why. */
describe('approval cards show exactly what will happen', () => {
  let bot: BotHarness;
  const henry = persona('Henry Helpdesk');
  const gina = persona('Gina GlobalAdmin');

  beforeEach(async () => {
    bot = await BotHarness.start();
    await bot.grant(henry, 'helpdesk', null);
    await bot.grant(gina, 'global-admin', null);
    await bot.say(OWNER, 'approvals here for contoso', { channel: true, conversationId: CUSTOMER_CHANNEL });
    await bot.say(OWNER, 'approvals here', { channel: true, conversationId: ALL_CHANNEL });
    await bot.say(henry, 'use contoso');
  });
  afterEach(async () => {
    await bot.stop();
  });

  const subscription = async (part: string): Promise<Subscription> => {
    const found = (await bot.directory.listSubscriptions(CONTOSO)).find((s) => s.skuPartNumber === part);
    assert.ok(found, part);
    return found;
  };
  const seatLine = (s: Subscription, after: number) => `${s.name}: ${seatsAvailable(s)} of ${s.seatsTotal} free now, ${after} after`;
  /** Asks as the helpdesk agent; returns the card posted to the customer's approvals channel. */
  const ask = async (who: Persona, text: string): Promise<string> => {
    const { calls } = await bot.say(who, text);
    const cards = posted(calls, CUSTOMER_CHANNEL);
    assert.equal(cards.length, 1, `the request for "${text}" lands in Contoso's channel`);
    assert.equal(posted(calls, ALL_CHANNEL).length, 0, 'not in the channel for all customers');
    return cardText(cardOf(cards[0]?.activity));
  };

  it('assign: the user, the license, seats before and after, who asked and the reason', async () => {
    const bp = await subscription('O365_BUSINESS_PREMIUM');
    const text = await ask(henry, `assign O365_BUSINESS_PREMIUM to ${upn('allan.deyoung')} because new hire`);
    assert.match(text, /Allan Deyoung/);
    assert.match(text, /Microsoft 365 Business Premium/);
    assert.ok(text.includes(seatLine(bp, seatsAvailable(bp) - 1)), text);
    assert.match(text, /Henry Helpdesk/);
    assert.match(text, /new hire/);
  });

  it('remove: seats freed per license, counting only users who hold it', async () => {
    const ex = await subscription('EXCHANGESTANDARD');
    const holders = [];
    for (const who of ['enrico.cattaneo', 'irvin.sayers', 'adele.vance']) {
      if ((await bot.directory.getUser(CONTOSO, upn(who))).licenses.includes(ex.skuId)) holders.push(who);
    }
    const text = await ask(henry, `remove EXCHANGESTANDARD from ${upn('enrico.cattaneo')}, ${upn('irvin.sayers')}, ${upn('adele.vance')} because leavers`);
    assert.ok(text.includes(seatLine(ex, seatsAvailable(ex) + holders.length)), text);
  });

  it('create: a license the new user takes shows its seats; a shortfall is said', async () => {
    const e3 = await subscription('SPE_E3');
    assert.equal(seatsAvailable(e3), 0, 'demo data: every E3 seat is used');
    const text = await ask(henry, 'create user Nina New with SPE_E3 because starts monday');
    assert.ok(text.includes(`${e3.name}: 0 of ${e3.seatsTotal} free now, 0 after (1 short)`), text);
  });

  it('delete: seats freed before and after, and until when the user can be restored', async () => {
    const adele = await bot.directory.getUser(CONTOSO, upn('adele.vance'));
    const subs = await bot.directory.listSubscriptions(CONTOSO);
    const text = await ask(henry, `delete user ${upn('adele.vance')} because left`);
    assert.ok(adele.licenses.length > 0, 'demo data: Adele holds licenses');
    for (const skuId of adele.licenses) {
      const s = subs.find((x) => x.skuId === skuId) as Subscription;
      assert.ok(text.includes(seatLine(s, seatsAvailable(s) + 1)), text);
    }
    assert.match(text, /Restorable until\n\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });

  it('restore: the licenses held, the seats they take back, and the restore deadline', async () => {
    const kim = await bot.directory.getDeletedUser(CONTOSO, upn('kim.abercrombie'));
    const subs = await bot.directory.listSubscriptions(CONTOSO);
    const text = await ask(henry, `restore ${upn('kim.abercrombie')} because came back`);
    assert.match(text, /Licenses held/);
    for (const skuId of kim.licenses) {
      const s = subs.find((x) => x.skuId === skuId) as Subscription;
      assert.ok(text.includes(s.name), text);
      assert.ok(text.includes(`${s.name}: ${seatsAvailable(s)} of ${s.seatsTotal} free now`), text);
    }
    assert.ok(text.includes(`Restorable until\n${kim.restorableUntil.slice(0, 10)} ${kim.restorableUntil.slice(11, 16)} UTC`), text);
  });

  it('import: the seats the rows take; a request for another customer goes to the channel for all', async () => {
    const bp = await subscription('O365_BUSINESS_PREMIUM');
    const review = await bot.say(henry, 'import users\nUser Name,First Name,Last Name,Licenses\nimp.one@contoso.com,Imp,One,O365_BUSINESS_PREMIUM\nimp.two@contoso.com,Imp,Two,O365_BUSINESS_PREMIUM\n');
    const reviewCall = review.calls.find((c) => cardActions(cardOf(c.activity)).some((a) => a.verb === 'import.create'));
    const create = cardActions(cardOf(reviewCall?.activity)).find((a) => a.verb === 'import.create');
    assert.ok(create && reviewCall);
    const pressed = await bot.click(henry, create.verb, create.data, { replyToId: String(reviewCall.activity.id) });
    const card = posted(pressed.calls, CUSTOMER_CHANNEL)[0];
    assert.ok(card, 'the import request lands in Contoso\'s channel');
    assert.ok(cardText(cardOf(card.activity)).includes(seatLine(bp, seatsAvailable(bp) - 2)), cardText(cardOf(card.activity)));

    await bot.say(henry, 'use fabrikam');
    const users = await bot.directory.listUsers(DEMO_CUSTOMER_IDS.fabrikam, { kind: 'all' }, { top: 50 });
    const target = users.items.find((u) => holdsAdminRole(u) === false);
    assert.ok(target);
    const { calls } = await bot.say(henry, `delete user ${target.upn} because left`);
    assert.equal(posted(calls, CUSTOMER_CHANNEL).length, 0, "Contoso's channel does not get Fabrikam's requests");
    assert.equal(posted(calls, ALL_CHANNEL).length, 1, 'the channel bound for all customers does');
  });
});

import assert from 'node:assert/strict';
import type { BotHarness} from '../helpers/bot-harness.js';
import { OWNER, persona, type Persona } from '../helpers/bot-harness.js';
import { operator, startOnContoso } from '../helpers/setup.js';
import { button, cardActions, cardText } from '../helpers/cards.js';
import { licensesOf, subscription, upn, userId } from '../helpers/licenses.js';

const hasManageButton = (card: unknown): boolean => cardActions(card).some((a) => a.title === 'Manage licenses');

describe('licenses: who may change them', () => {
  let bot: BotHarness;
  const as = (who: Persona, role: 'user-admin' | 'helpdesk'): Promise<Persona> => operator(bot, who, role, null);
  beforeEach(async () => {
    bot = await startOnContoso();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('a user admin changes licenses of ordinary users, and must ask for approval for users holding an admin role', async () => {
    const admin = await as(persona('Uma Useradmin'), 'user-admin');
    const ok = cardText((await bot.say(admin, `assign O365_BUSINESS_PREMIUM to ${upn('allan.deyoung')}`)).cards[0]);
    assert.match(ok, /assigned/);
    const requested = cardText((await bot.say(admin, `remove SPE_E3 from ${upn('megan.bowen')}`)).cards[0]);
    assert.match(requested, /Nothing is changed until someone approves/);
    assert.deepEqual(await licensesOf(bot, 'megan.bowen'), ['SPE_E3']);
    const mixed = cardText((await bot.say(admin, `assign TEAMS_ESSENTIALS_AAD to ${upn('ben.walters')}, ${upn('alex.wilber')}`)).cards[0]);
    assert.match(mixed, /Nothing is changed until someone approves/);
    assert.deepEqual(await licensesOf(bot, 'ben.walters'), [], 'all or nothing: the ordinary user was not changed either');
    const asked = (await bot.runtime.app.audit.all()).filter((e) => e.action === 'licenses.change' && e.outcome === 'requested');
    assert.equal(asked.length, 2);
  });

  it('a user admin sees no Manage licenses button for an admin, cannot open or save the card for one', async () => {
    const admin = await as(persona('Uma Useradmin'), 'user-admin');
    assert.equal(hasManageButton((await bot.say(admin, `user ${upn('megan.bowen')}`)).cards[0]), false);
    assert.equal(hasManageButton((await bot.say(admin, `user ${upn('adele.vance')}`)).cards[0]), true);
    assert.match(cardText((await bot.say(admin, `manage licenses ${upn('megan.bowen')}`)).cards[0]), /holds an admin role/);
    const megan = await userId(bot, 'megan.bowen');
    const e3 = (await subscription(bot, 'SPE_E3')).skuId;
    const saved = await bot.click(admin, 'licenses.manage.save', { userIds: [megan], [`sku_${e3}`]: 'remove' });
    assert.match(cardText(saved.card), /holds an admin role/);
    assert.deepEqual(await licensesOf(bot, 'megan.bowen'), ['SPE_E3']);
  });

  it('helpdesk may only request: nothing changes, and admins are refused outright', async () => {
    const agent = await as(persona('Hal Helpdesk'), 'helpdesk');
    assert.equal(hasManageButton((await bot.say(agent, `user ${upn('allan.deyoung')}`)).cards[0]), true);
    assert.equal(hasManageButton((await bot.say(agent, `user ${upn('megan.bowen')}`)).cards[0]), false);
    assert.match(cardText((await bot.say(agent, `assign O365_BUSINESS_PREMIUM to ${upn('allan.deyoung')}`)).cards[0]), /Nothing is changed until someone approves/);
    assert.match(cardText((await bot.say(agent, `assign O365_BUSINESS_PREMIUM to ${upn('megan.bowen')}`)).cards[0]), /holds an admin role/);
    const manage = (await bot.say(agent, `manage licenses ${upn('allan.deyoung')}`)).cards[0];
    const save = button(manage, 'Save');
    const bp = (await subscription(bot, 'O365_BUSINESS_PREMIUM')).skuId;
    assert.match(cardText((await bot.click(agent, save.verb, { ...save.data, [`sku_${bp}`]: 'add' })).card), /Nothing is changed until someone approves/);
    assert.deepEqual(await licensesOf(bot, 'allan.deyoung'), []);
    assert.equal((await subscription(bot, 'O365_BUSINESS_PREMIUM')).seatsAssigned, 7);
  });

  it('a confirmation works only for the operator who asked', async () => {
    const other = persona('Ada Admin');
    await bot.grant(other, 'admin-agent');
    await bot.say(other, 'use contoso');
    const ask = (await bot.say(OWNER, `remove SPE_E3 from ${upn('adele.vance')}, ${upn('diego.siciliani')}`)).cards[0];
    const confirm = button(ask, 'Remove licenses');
    assert.match(cardText((await bot.click(other, confirm.verb, confirm.data)).card), /Not your confirmation/);
    assert.equal((await subscription(bot, 'SPE_E3')).seatsAssigned, 10);
    assert.match(cardText((await bot.click(OWNER, confirm.verb, confirm.data)).card), /removed/);
  });

  it('an operator for another customer only cannot open the card or change licenses here', async () => {
    const fabrikamAdmin = persona('Fay Fabrikam');
    await bot.grant(fabrikamAdmin, 'global-admin', ['7d1e5f60-3a2b-4c9d-8e7f-6a5b4c3d2e02']);
    // The channel's chosen customer is Contoso, which this operator may not manage.
    await bot.say(OWNER, 'use contoso', { channel: true });
    const said = cardText((await bot.say(fabrikamAdmin, `assign O365_BUSINESS_PREMIUM to ${upn('allan.deyoung')}`, { channel: true })).cards[0]);
    assert.match(said, /Choose a customer first/);
    const id = await userId(bot, 'allan.deyoung');
    const clicked = cardText((await bot.click(fabrikamAdmin, 'licenses.manage', { userIds: [id] }, { channel: true })).card);
    assert.match(clicked, /Choose a customer first/);
    assert.deepEqual(await licensesOf(bot, 'allan.deyoung'), []);
  });
});

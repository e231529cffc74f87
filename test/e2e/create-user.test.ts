import assert from 'node:assert/strict';
import { BotHarness, OWNER, persona, type Card } from '../helpers/bot-harness.js';
import { CONTOSO, FABRIKAM } from '../helpers/setup.js';
import { cardActions, cardText, inputIds } from '../helpers/cards.js';
import { isPersonalChat, passwordMessages, passwordWorks, PASSWORD_SHAPE } from '../helpers/passwords.js';
import { adaptiveCardErrors } from '../helpers/card-validation.js';

const SKU = {
  E3: '05e9a617-0261-4cee-bb44-138d3ef5d965',
  BP: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3',
};

const form = (customerId: string, fields: Record<string, string>) => ({
  customerId,
  firstName: '',
  lastName: '',
  displayName: '',
  localPart: '',
  domain: '',
  usageLocation: '',
  licenses: '',
  adminRole: 'none',
  addAnother: 'false',
  ...fields,
});

const seatsUsed = async (bot: BotHarness, customerId: string, skuId: string): Promise<number> =>
  (await bot.directory.listSubscriptions(customerId)).find((s) => s.skuId === skuId)?.seatsAssigned ?? -1;

describe('create user', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('by form: defaults, licenses with seats shown, created with its license and a working temporary password in the personal chat', async () => {
    await bot.say(OWNER, 'use contoso');
    const formCard = (await bot.say(OWNER, 'create user')).cards[0];
    assert.deepEqual(inputIds(formCard).sort(), ['addAnother', 'adminRole', 'displayName', 'domain', 'firstName', 'lastName', 'licenses', 'localPart', 'usageLocation'].sort());
    assert.deepEqual(adaptiveCardErrors(formCard), []);
    const text = cardText(formCard);
    assert.match(text, /Microsoft 365 E3 \(SPE_E3\): no seat free/);
    assert.match(text, /Microsoft 365 Business Premium \(O365_BUSINESS_PREMIUM\): 18 of 25 free/);
    const submit = cardActions(formCard).find((a) => a.verb === 'user.create.submit');
    assert.ok(submit);
    const before = await seatsUsed(bot, CONTOSO, SKU.BP);

    const result = await bot.click(OWNER, submit.verb, form(String(submit.data.customerId), { firstName: 'Anna', lastName: 'Berg', licenses: SKU.BP, domain: 'contoso.com' }));
    assert.equal(result.body?.statusCode, 200);
    assert.match(cardText(result.card), /Anna Berg created/);
    assert.match(cardText(result.card), /anna\.berg@contoso\.com/);
    assert.match(cardText(result.card), /in its own message in this chat/);

    const user = await bot.directory.getUser(CONTOSO, 'anna.berg@contoso.com');
    assert.equal(user.displayName, 'Anna Berg');
    assert.equal(user.usageLocation, 'US');
    assert.deepEqual(user.licenses, [SKU.BP]);
    assert.equal(user.mustChangePassword, true);
    assert.equal(await seatsUsed(bot, CONTOSO, SKU.BP), before + 1);

    const [message, ...others] = passwordMessages(result.calls);
    assert.ok(message);
    assert.equal(others.length, 0);
    assert.ok(isPersonalChat(message.call));
    assert.match(message.password, PASSWORD_SHAPE);
    assert.ok(await passwordWorks(bot, CONTOSO, user.upn, message.password));
    assert.deepEqual(adaptiveCardErrors(message.card), []);
    const passwordText = cardText(message.card);
    assert.match(passwordText, /must change it at first sign-in/);
    assert.deepEqual(cardActions(message.card).map((a) => a.title), ['Hide password', 'Create another']);
    const audit = (await bot.runtime.app.audit.all()).filter((e) => e.action === 'user.create');
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.outcome, 'success');
    assert.equal(audit[0]?.target, 'anna.berg@contoso.com');
  });

  it('by form with "add another": the form comes back with the result and the shared choices kept', async () => {
    await bot.say(OWNER, 'use contoso');
    const result = await bot.click(OWNER, 'user.create.submit', form(CONTOSO, { firstName: 'Anna', lastName: 'Berg', displayName: 'Anna B.', licenses: SKU.BP, domain: 'contoso.com', addAnother: 'true' }));
    const text = cardText(result.card);
    assert.match(text, /New user for Contoso/);
    assert.match(text, /Created Anna B\. \(anna\.berg@contoso\.com\)/);
    assert.equal((await bot.directory.getUser(CONTOSO, 'anna.berg@contoso.com')).displayName, 'Anna B.');
    const again = await bot.click(OWNER, 'user.create.submit', form(CONTOSO, { firstName: 'Bo', lastName: 'Ek', licenses: SKU.BP, domain: 'contoso.com', addAnother: 'true' }));
    assert.match(cardText(again.card), /Created Bo Ek \(bo\.ek@contoso\.com\)/);
    assert.equal(passwordMessages([...result.calls, ...again.calls]).length, 2);
  });

  it('"Create another" opens a fresh form for the same customer, and refuses when the chat now works on another one', async () => {
    await bot.say(OWNER, 'use contoso');
    const result = await bot.click(OWNER, 'user.create.submit', form(CONTOSO, { firstName: 'Anna', lastName: 'Berg' }));
    const another = cardActions(result.card).find((a) => a.title === 'Create another');
    assert.ok(another);
    assert.match(cardText((await bot.click(OWNER, another.verb, another.data)).card), /New user for Contoso/);
    await bot.say(OWNER, 'use fabrikam');
    const refused = cardText((await bot.click(OWNER, another.verb, another.data)).card);
    assert.match(refused, /not working on Contoso/);
  });

  it('diacritics fold to ASCII, and a clash with a live user is said with a free suggestion filled in (form)', async () => {
    await bot.say(OWNER, 'use fabrikam');
    const clash = await bot.click(OWNER, 'user.create.submit', form(FABRIKAM, { firstName: 'Åsa', lastName: 'Öberg', domain: 'fabrikam.onmicrosoft.com' }));
    const text = cardText(clash.card);
    assert.match(text, /asa\.oberg@fabrikam\.onmicrosoft\.com is taken/);
    assert.match(text, /asa\.oberg2@fabrikam\.onmicrosoft\.com is free/);
    assert.equal(passwordMessages(clash.calls).length, 0);
    const users = (await bot.directory.listUsers(FABRIKAM, { kind: 'all' }, { top: 0 })).total;
    const prefilled = JSON.stringify(clash.card);
    assert.match(prefilled, /"id":"localPart"[^}]*"value":"asa\.oberg2"|"value":"asa\.oberg2"[^}]*"id":"localPart"/);
    const created = await bot.click(OWNER, 'user.create.submit', form(FABRIKAM, { firstName: 'Åsa', lastName: 'Öberg', localPart: 'asa.oberg2', domain: 'fabrikam.onmicrosoft.com' }));
    assert.match(cardText(created.card), /Åsa Öberg created/);
    assert.equal((await bot.directory.getUser(FABRIKAM, 'asa.oberg2@fabrikam.onmicrosoft.com')).usageLocation, 'SE');
    assert.equal((await bot.directory.listUsers(FABRIKAM, { kind: 'all' }, { top: 0 })).total, users + 1);
  });

  it('by one line: a preview that creates nothing until Create, with the user name of a deleted user refused', async () => {
    await bot.say(OWNER, 'use contoso');
    const preview = (await bot.say(OWNER, 'create user Pat Leaver with o365_business_premium')).cards[0];
    const text = cardText(preview);
    assert.match(text, /Create Pat Leaver\?/);
    assert.match(text, /pat\.leaver@contoso\.onmicrosoft\.com is taken \(by a user, or a deleted user/);
    assert.match(text, /pat\.leaver2@contoso\.onmicrosoft\.com/);
    assert.match(text, /Microsoft 365 Business Premium/);
    await assert.rejects(bot.directory.getUser(CONTOSO, 'pat.leaver2@contoso.onmicrosoft.com'));
    const create = cardActions(preview).find((a) => a.title === 'Create');
    assert.ok(create);
    assert.deepEqual(Object.keys(create.data), ['confirmationId']);
    const result = await bot.click(OWNER, create.verb, create.data);
    assert.match(cardText(result.card), /Pat Leaver created/);
    const user = await bot.directory.getUser(CONTOSO, 'pat.leaver2@contoso.onmicrosoft.com');
    assert.deepEqual(user.licenses, [SKU.BP]);
    const [message] = passwordMessages(result.calls);
    assert.ok(message && (await passwordWorks(bot, CONTOSO, user.upn, message.password)));
  });

  it('by one line with "as" and several licenses; Cancel creates nothing', async () => {
    await bot.say(OWNER, 'use contoso');
    const preview = (await bot.say(OWNER, 'create user "Mary Ann" van Dyke as mary@contoso.com with O365_BUSINESS_PREMIUM, teams_essentials_aad')).cards[0];
    const text = cardText(preview);
    assert.match(text, /Create Mary Ann van Dyke\?/);
    assert.match(text, /mary@contoso\.com/);
    assert.match(text, /Microsoft Teams Essentials/);
    const cancel = cardActions(preview).find((a) => a.title === 'Cancel');
    assert.ok(cancel);
    assert.match(cardText((await bot.click(OWNER, cancel.verb, cancel.data)).card), /Cancelled/);
    await assert.rejects(bot.directory.getUser(CONTOSO, 'mary@contoso.com'));
    const usage = cardText((await bot.say(OWNER, 'create user Cher')).cards[0]);
    assert.match(usage, /first and a last name/);
  });

  it('a subscription without a free seat: nothing is created and the card names it (one line and form)', async () => {
    await bot.say(OWNER, 'use contoso');
    const before = await seatsUsed(bot, CONTOSO, SKU.BP);
    const preview = (await bot.say(OWNER, 'create user Anna Berg with O365_BUSINESS_PREMIUM, SPE_E3')).cards[0];
    assert.match(cardText(preview), /Microsoft 365 E3 \(SPE_E3\) has no free seat right now/);
    const create = cardActions(preview).find((a) => a.title === 'Create');
    assert.ok(create);
    const result = await bot.click(OWNER, create.verb, create.data);
    const text = cardText(result.card);
    assert.match(text, /Not enough seats/);
    assert.match(text, /Nothing was created: Microsoft 365 E3 \(SPE_E3\) has no free seat/);
    assert.equal(passwordMessages(result.calls).length, 0);
    await assert.rejects(bot.directory.getUser(CONTOSO, 'anna.berg@contoso.onmicrosoft.com'));
    assert.equal(await seatsUsed(bot, CONTOSO, SKU.BP), before);

    const viaForm = await bot.click(OWNER, 'user.create.submit', form(CONTOSO, { firstName: 'Anna', lastName: 'Berg', licenses: `${SKU.BP},${SKU.E3}` }));
    assert.match(cardText(viaForm.card), /New user for Contoso[\s\S]*Nothing was created: Microsoft 365 E3 \(SPE_E3\) has no free seat/);
    await assert.rejects(bot.directory.getUser(CONTOSO, 'anna.berg@contoso.onmicrosoft.com'));
    assert.equal(await seatsUsed(bot, CONTOSO, SKU.BP), before);
    assert.equal((await bot.runtime.app.audit.all()).filter((e) => e.action === 'user.create' && e.outcome === 'failure').length, 2);
  });

  it('asked in a channel: created, the channel is told the password was sent privately, and the password is only in the personal chat', async () => {
    await bot.say(OWNER, 'use contoso', { channel: true });
    const preview = (await bot.say(OWNER, 'create user Anna Berg', { channel: true })).cards[0];
    const create = cardActions(preview).find((a) => a.title === 'Create');
    assert.ok(create);
    const result = await bot.click(OWNER, create.verb, create.data, { channel: true });
    assert.match(cardText(result.card), /sent to Olivia Owner privately/);
    const [message] = passwordMessages(result.calls);
    assert.ok(message);
    assert.ok(isPersonalChat(message.call));
    assert.ok(bot.connector.conversationsCreated.some((c) => c.members.some((m) => m.id === `29:${OWNER.aadObjectId}`)));
    assert.ok(!JSON.stringify(result.body).includes(message.password));
    for (const call of bot.connector.calls.filter((c) => !isPersonalChat(c))) assert.ok(!JSON.stringify(call.activity).includes(message.password));
    assert.ok(await passwordWorks(bot, CONTOSO, 'anna.berg@contoso.onmicrosoft.com', message.password));
  });

  it('asked in a channel by someone the bot cannot reach privately: created, says so, shows no password anywhere', async () => {
    const admin = persona('Ada Admin');
    await bot.grant(admin, 'global-admin');
    bot.connector.unreachable.add(`29:${admin.aadObjectId}`);
    await bot.say(admin, 'use contoso', { channel: true });
    const preview = (await bot.say(admin, 'create user Anna Berg', { channel: true })).cards[0];
    const create = cardActions(preview).find((a) => a.title === 'Create');
    assert.ok(create);
    const result = await bot.click(admin, create.verb, create.data, { channel: true });
    assert.match(cardText(result.card), /could not reach you in a personal chat/);
    assert.equal(passwordMessages(bot.connector.calls).length, 0);
    assert.ok(await bot.directory.getUser(CONTOSO, 'anna.berg@contoso.onmicrosoft.com'));
  });

  it('admin roles: a global admin may give one; a user admin sees no choice and a forged one creates nothing; helpdesk may only request', async () => {
    await bot.say(OWNER, 'use contoso');
    await bot.click(OWNER, 'user.create.submit', form(CONTOSO, { firstName: 'Ivy', lastName: 'Admin', adminRole: 'User Administrator' }));
    assert.deepEqual((await bot.directory.getUser(CONTOSO, 'ivy.admin@contoso.onmicrosoft.com')).adminRoles, ['User Administrator']);

    const userAdmin = persona('Uma Useradmin');
    await bot.grant(userAdmin, 'user-admin', [CONTOSO]);
    await bot.say(userAdmin, 'use contoso');
    const formCard = (await bot.say(userAdmin, 'create user')).cards[0];
    assert.ok(!inputIds(formCard).includes('adminRole'));
    const forged = await bot.click(userAdmin, 'user.create.submit', form(CONTOSO, { firstName: 'Eve', lastName: 'Forger', adminRole: 'Global Administrator' }));
    assert.match(cardText(forged.card), /Only a Global admin or Admin agent may give an admin role/);
    await assert.rejects(bot.directory.getUser(CONTOSO, 'eve.forger@contoso.onmicrosoft.com'));
    const plain = await bot.click(userAdmin, 'user.create.submit', form(CONTOSO, { firstName: 'Eve', lastName: 'Plain' }));
    assert.match(cardText(plain.card), /Eve Plain created/);

    const helpdesk = persona('Hal Helpdesk');
    await bot.grant(helpdesk, 'helpdesk', [CONTOSO]);
    await bot.say(helpdesk, 'use contoso');
    const askedCard = (await bot.say(helpdesk, 'create user Hal Request')).cards[0];
    assert.match(cardText(askedCard), /Waiting for approval/);
    assert.ok(!cardActions(askedCard).some((a) => a.verb === 'user.create.confirm'), 'the requester gets no Create button of their own');
    await bot.click(helpdesk, 'user.create.submit', form(CONTOSO, { firstName: 'Hal', lastName: 'Request' }));
    await assert.rejects(bot.directory.getUser(CONTOSO, 'hal.request@contoso.onmicrosoft.com'));
  });

  it('confirm twice, by another user, expired, and after a restart', async () => {
    const other = persona('Gil Globaladmin');
    await bot.grant(other, 'global-admin');
    await bot.say(OWNER, 'use contoso');
    await bot.say(other, 'use contoso');
    const ask = async (first: string) => cardActions((await bot.say(OWNER, `create user ${first} Tester`)).cards[0]).find((a) => a.title === 'Create');

    const foreign = await ask('Fay');
    assert.ok(foreign);
    assert.match(cardText((await bot.click(other, foreign.verb, foreign.data)).card), /Only the person who asked can confirm this/);
    await assert.rejects(bot.directory.getUser(CONTOSO, 'fay.tester@contoso.onmicrosoft.com'));
    assert.match(cardText((await bot.click(OWNER, foreign.verb, foreign.data)).card), /Fay Tester created/);
    const twice = await bot.click(OWNER, foreign.verb, foreign.data);
    assert.match(cardText(twice.card), /already used/);
    assert.equal(passwordMessages(twice.calls).length, 0);

    const late = await ask('Lou');
    assert.ok(late);
    bot.clock.advance(16 * 60_000);
    assert.match(cardText((await bot.click(OWNER, late.verb, late.data)).card), /expired/);
    await assert.rejects(bot.directory.getUser(CONTOSO, 'lou.tester@contoso.onmicrosoft.com'));

    const kept = await ask('Kim');
    assert.ok(kept);
    await bot.restart();
    assert.match(cardText((await bot.click(OWNER, kept.verb, kept.data)).card), /Kim Tester created/);
    assert.equal((await bot.runtime.app.audit.all()).filter((e) => e.action === 'user.create' && e.outcome === 'success').length, 2);
  });

  it('a Create press that Teams re-sends is handled once', async () => {
    await bot.say(OWNER, 'use contoso');
    const create = cardActions((await bot.say(OWNER, 'create user Rita Resent')).cards[0]).find((a) => a.title === 'Create');
    assert.ok(create);
    const activity = bot.activity(OWNER, {}, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: create.verb, data: create.data }, trigger: 'manual' } });
    const first = await bot.post(activity);
    const second = await bot.post(activity);
    assert.deepEqual(second.body, first.body);
    assert.match(cardText((first.body as { value: Card }).value), /Rita Resent created/);
    assert.equal(passwordMessages(bot.connector.calls).length, 1);
    assert.equal((await bot.runtime.app.audit.all()).filter((e) => e.action === 'user.create').length, 1);
  });
});

import assert from 'node:assert/strict';
import { BotHarness, OWNER, persona, type Card, type Persona } from '../helpers/bot-harness.js';
import { CONTOSO, operator, useContoso } from '../helpers/setup.js';
import { button, cardActions, cardText } from '../helpers/cards.js';
import { isPersonalChat, passwordMessages, passwordWorks, PASSWORD_SHAPE } from '../helpers/passwords.js';

const ADELE = 'adele.vance@contoso.onmicrosoft.com';
const MEGAN = 'megan.bowen@contoso.onmicrosoft.com';
const MINUTE = 60_000;

const credentialOf = (bot: BotHarness, upn: string) => JSON.stringify(bot.directory.state(CONTOSO).findUser(upn)?.credential);

describe('reset password', () => {
  let bot: BotHarness;
  let helpdesk: Persona;
  beforeEach(async () => {
    bot = await BotHarness.start({ env: { PASSWORD_RESETS_PER_10_MIN: '3' } });
    helpdesk = await operator(bot, persona('Hal Helpdesk'), 'helpdesk');
    await useContoso(bot);
  });
  afterEach(async () => {
    await bot.stop();
  });

  const askReset = async (who: Persona, upn: string, where = {}): Promise<Card> => (await bot.say(who, `reset password ${upn}`, where)).cards[0] as Card;
  const confirmOf = (card: Card) => button(card, 'Reset password');

  it('by helpdesk, of a normal user: a confirmation showing who, then a new temporary password only in the personal chat', async () => {
    const before = credentialOf(bot, ADELE);
    const card = await askReset(helpdesk, ADELE);
    const text = cardText(card);
    assert.match(text, /Reset the password of Adele Vance\?/);
    assert.match(text, new RegExp(ADELE.replace(/\./g, '\\.')));
    assert.match(text, /Microsoft 365 E3/);
    assert.equal(credentialOf(bot, ADELE), before, 'nothing changes before Confirm');
    const result = await bot.click(helpdesk, confirmOf(card).verb, confirmOf(card).data);
    assert.match(cardText(result.card), /Password reset for Adele Vance/);
    const [message] = passwordMessages(result.calls);
    assert.ok(message && isPersonalChat(message.call));
    assert.match(message.password, PASSWORD_SHAPE);
    assert.match(cardText(message.card), /must change it at first sign-in/);
    assert.ok(await passwordWorks(bot, CONTOSO, ADELE, message.password));
    assert.notEqual(credentialOf(bot, ADELE), before);
    assert.equal(bot.directory.state(CONTOSO).findUser(ADELE)?.mustChangePassword, true);
    const audit = (await bot.runtime.app.audit.all()).filter((e) => e.action === 'user.resetPassword' && e.outcome === 'success');
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor.aadObjectId, helpdesk.aadObjectId);
  });

  it('by helpdesk or user admin, of an admin: refused with the reason and no button; a global admin may', async () => {
    const refused = cardText(await askReset(helpdesk, MEGAN));
    assert.match(refused, /Not allowed/);
    assert.match(refused, /Megan Bowen holds an admin role/);
    const userAdmin = persona('Uma Useradmin');
    await bot.grant(userAdmin, 'user-admin', [CONTOSO]);
    await bot.say(userAdmin, 'use contoso');
    assert.match(cardText(await askReset(userAdmin, MEGAN)), /holds an admin role/);
    const forged = await bot.click(helpdesk, 'user.resetPassword', { userId: MEGAN });
    assert.match(cardText(forged.card), /holds an admin role/);

    const helpdeskSees = (upn: string) => bot.say(helpdesk, `user ${upn}`).then((r) => cardActions(r.cards[0]).map((a) => a.title));
    assert.ok((await helpdeskSees(ADELE)).includes('Reset password'));
    assert.ok(!(await helpdeskSees(MEGAN)).includes('Reset password'));

    const ownerCard = (await bot.say(OWNER, `user ${MEGAN}`)).cards[0];
    const button = cardActions(ownerCard).find((a) => a.title === 'Reset password');
    assert.ok(button);
    const confirmCard = (await bot.click(OWNER, button.verb, button.data)).card as Card;
    assert.match(cardText(confirmCard), /Reset the password of Megan Bowen\?[\s\S]*Global Administrator/);
    const done = await bot.click(OWNER, confirmOf(confirmCard).verb, confirmOf(confirmCard).data);
    const [message] = passwordMessages(done.calls);
    assert.ok(message && (await passwordWorks(bot, CONTOSO, MEGAN, message.password)));
    assert.ok((await bot.runtime.app.audit.all()).some((e) => e.action === 'user.resetPassword' && e.outcome === 'denied'));
  });

  it('a user who became an admin between request and Confirm: the stored request is checked again', async () => {
    const card = await askReset(helpdesk, ADELE);
    bot.directory.state(CONTOSO).findUser(ADELE)?.adminRoles.push('Helpdesk Administrator');
    const before = credentialOf(bot, ADELE);
    const result = await bot.click(helpdesk, confirmOf(card).verb, confirmOf(card).data);
    assert.match(cardText(result.card), /Adele Vance holds an admin role/);
    assert.equal(credentialOf(bot, ADELE), before);
  });

  it('confirm twice, by another user, expired, and after a restart', async () => {
    const other = persona('Hugo Helpdesk');
    await bot.grant(other, 'helpdesk', [CONTOSO]);
    await bot.say(other, 'use contoso');

    const card = await askReset(helpdesk, ADELE);
    let before = credentialOf(bot, ADELE);
    const foreign = await bot.click(other, confirmOf(card).verb, confirmOf(card).data);
    assert.match(cardText(foreign.card), /Not your confirmation/);
    assert.equal(credentialOf(bot, ADELE), before);
    await bot.click(helpdesk, confirmOf(card).verb, confirmOf(card).data);
    before = credentialOf(bot, ADELE);
    const twice = await bot.click(helpdesk, confirmOf(card).verb, confirmOf(card).data);
    assert.match(cardText(twice.card), /Already done/);
    assert.equal(credentialOf(bot, ADELE), before);
    assert.equal(passwordMessages(twice.calls).length, 0);

    const expiring = await askReset(helpdesk, ADELE);
    bot.clock.advance(15 * MINUTE + 1000);
    const expired = await bot.click(helpdesk, confirmOf(expiring).verb, confirmOf(expiring).data);
    assert.match(cardText(expired.card), /This confirmation has expired/);
    assert.equal(credentialOf(bot, ADELE), before);

    const kept = await askReset(helpdesk, ADELE);
    await bot.restart();
    const after = await bot.click(helpdesk, confirmOf(kept).verb, confirmOf(kept).data);
    const [message] = passwordMessages(after.calls);
    assert.ok(message && (await passwordWorks(bot, CONTOSO, ADELE, message.password)));
  });

  it('a Confirm press that Teams re-sends is handled once', async () => {
    const card = await askReset(helpdesk, ADELE);
    const { verb, data } = confirmOf(card);
    const activity = bot.activity(helpdesk, {}, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
    const first = await bot.post(activity);
    const second = await bot.post(activity);
    assert.deepEqual(second.body, first.body);
    assert.match(cardText((first.body as { value: Card }).value), /Password reset for Adele Vance/);
    assert.equal(passwordMessages(bot.connector.calls).length, 1);
    assert.equal((await bot.runtime.app.audit.all()).filter((e) => e.action === 'user.resetPassword').length, 1);
  });

  it('PASSWORD_RESETS_PER_10_MIN stops an operator after the limit, until the window moves on', async () => {
    for (let i = 0; i < 3; i++) {
      const card = await askReset(helpdesk, ADELE);
      await bot.click(helpdesk, confirmOf(card).verb, confirmOf(card).data);
    }
    const limited = cardText(await askReset(helpdesk, ADELE));
    assert.match(limited, /Slow down/);
    assert.match(limited, /reset 3 passwords in the last 10 minutes/);
    assert.match(cardText(await askReset(OWNER, ADELE)), /Reset the password of Adele Vance\?/, 'the limit is per operator');
    bot.clock.advance(10 * MINUTE);
    assert.match(cardText(await askReset(helpdesk, ADELE)), /Reset the password of Adele Vance\?/);
  });

  it('the limit also holds at Confirm, and 0 turns it off', async () => {
    const cards = [];
    for (let i = 0; i < 4; i++) cards.push(await askReset(helpdesk, ADELE));
    for (const card of cards.slice(0, 3)) await bot.click(helpdesk, confirmOf(card).verb, confirmOf(card).data);
    const before = credentialOf(bot, ADELE);
    const fourth = cards[3] as Card;
    assert.match(cardText((await bot.click(helpdesk, confirmOf(fourth).verb, confirmOf(fourth).data)).card), /Slow down/);
    assert.equal(credentialOf(bot, ADELE), before);

    const unlimited = await BotHarness.start({ env: { PASSWORD_RESETS_PER_10_MIN: '0' } });
    try {
      await unlimited.say(OWNER, 'use contoso');
      for (let i = 0; i < 12; i++) {
        const card = (await unlimited.say(OWNER, `reset password ${ADELE}`)).cards[0] as Card;
        const result = await unlimited.click(OWNER, confirmOf(card).verb, confirmOf(card).data);
        assert.match(cardText(result.card), /Password reset/);
      }
    } finally {
      await unlimited.stop();
    }
  });

  it('asked in a channel: the channel is told, the password goes to the personal chat', async () => {
    await bot.say(helpdesk, 'use contoso', { channel: true });
    const card = await askReset(helpdesk, ADELE, { channel: true });
    const result = await bot.click(helpdesk, confirmOf(card).verb, confirmOf(card).data, { channel: true });
    assert.match(cardText(result.card), /sent to Hal Helpdesk privately/);
    const [message] = passwordMessages(result.calls);
    assert.ok(message && isPersonalChat(message.call));
    for (const call of bot.connector.calls.filter((c) => !isPersonalChat(c))) assert.ok(!JSON.stringify(call.activity).includes(message.password));
  });

  it('an unknown user is not found, with nothing asked', async () => {
    assert.match(cardText(await askReset(helpdesk, 'nobody@contoso.onmicrosoft.com')), /Not found/);
    assert.match(cardText((await bot.say(helpdesk, 'reset password')).cards[0]), /Say whose password/);
  });
});

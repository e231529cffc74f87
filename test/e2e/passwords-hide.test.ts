import assert from 'node:assert/strict';
import { BotHarness, OWNER, type Card } from '../helpers/bot-harness.js';
import { cardActions, cardOf, cardText } from '../helpers/cards.js';
import { type ConnectorCall } from '../helpers/fake-connector.js';
import { passwordMessages, type PasswordMessage } from '../helpers/passwords.js';

const MINUTE = 60_000;
const ADELE = 'adele.vance@contoso.onmicrosoft.com';

describe('hiding temporary passwords', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  async function resetAdele(where: { channel?: boolean } = {}): Promise<PasswordMessage> {
    await bot.say(OWNER, 'use contoso', where);
    const card = (await bot.say(OWNER, `reset password ${ADELE}`, where)).cards[0] as Card;
    const confirm = cardActions(card).find((a) => a.title === 'Reset password');
    assert.ok(confirm);
    const [message] = passwordMessages((await bot.click(OWNER, confirm.verb, confirm.data, where)).calls);
    assert.ok(message);
    return message;
  }

  const updatesOf = (message: PasswordMessage): ConnectorCall[] =>
    bot.connector.calls.filter((c) => c.method === 'PUT' && c.activityId === message.activityId && c.conversationId === message.call.conversationId);

  function assertHidden(card: unknown, message: PasswordMessage): void {
    assert.match(cardText(card), /Password hidden/);
    assert.match(cardText(card), /Adele Vance/);
    assert.ok(!JSON.stringify(card).includes(message.password));
  }

  it('by the Hide password button: the card is replaced at once and its timed hide is dropped', async () => {
    const message = await resetAdele();
    assert.equal((await bot.runtime.app.state.schedule.list('password.hide')).length, 1);
    const hide = cardActions(message.card).find((a) => a.title === 'Hide password');
    assert.ok(hide);
    const forged = await bot.click(OWNER, hide.verb, hide.data, { replyToId: message.activityId, channel: true });
    assert.match(cardText(forged.card), /Password hidden/);
    assert.equal((await bot.runtime.app.state.schedule.list('password.hide')).length, 1, 'a press in another conversation keeps the timed hide');
    const result = await bot.click(OWNER, hide.verb, hide.data, { replyToId: message.activityId });
    assertHidden(result.card, message);
    assert.equal((await bot.runtime.app.state.schedule.list('password.hide')).length, 0);
    bot.clock.advance(11 * MINUTE);
    assert.equal(await bot.runtime.app.passwordHides.runDue(), 0);
    assert.equal(updatesOf(message).length, 0);
  });

  it('by time: after PASSWORD_VISIBLE_MINUTES the message is updated in place, not before', async () => {
    const message = await resetAdele();
    bot.clock.advance(9 * MINUTE);
    assert.equal(await bot.runtime.app.passwordHides.runDue(), 0);
    assert.equal(updatesOf(message).length, 0);
    bot.clock.advance(MINUTE);
    assert.equal(await bot.runtime.app.passwordHides.runDue(), 1);
    const [update] = updatesOf(message);
    assert.ok(update);
    assertHidden(cardOf(update.activity), message);
    assert.equal((await bot.runtime.app.state.schedule.list('password.hide')).length, 0);
  });

  it('by time, for a password sent to the personal chat from a channel', async () => {
    const message = await resetAdele({ channel: true });
    assert.ok(message.call.conversationId.startsWith('personal:'));
    bot.clock.advance(10 * MINUTE);
    await bot.runtime.app.passwordHides.runDue();
    const [update] = updatesOf(message);
    assert.ok(update);
    assertHidden(cardOf(update.activity), message);
  });

  it('pending hides survive a restart, and overdue ones run at start-up', async () => {
    const pending = await resetAdele();
    await bot.restart();
    bot.clock.advance(10 * MINUTE);
    assert.equal(await bot.runtime.app.passwordHides.runDue(), 1);
    assert.equal(updatesOf(pending).length, 1);

    const overdue = await resetAdele();
    bot.clock.advance(30 * MINUTE);
    await bot.restart();
    await bot.connector.waitFor(() => updatesOf(overdue).length === 1);
    assertHidden(cardOf(updatesOf(overdue)[0]?.activity), overdue);
  });
});

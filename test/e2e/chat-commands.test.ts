import assert from 'node:assert/strict';
import { BotHarness, OWNER, persona } from '../helpers/bot-harness.js';
import { cardActions, cardText } from '../helpers/cards.js';

describe('foundation: chat commands end to end', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('answers help with the commands the caller may use', async () => {
    const { status, cards } = await bot.say(OWNER, 'help');
    assert.equal(status, 200);
    assert.equal(cards.length, 1);
    const text = cardText(cards[0]);
    assert.match(text, /use <customer>/);
    assert.match(text, /grant <role>/);
  });

  it('a caller without a role may only use help and whoami', async () => {
    const stranger = persona('Sam Stranger');
    const help = cardText((await bot.say(stranger, 'help')).cards[0]);
    assert.doesNotMatch(help, /grant <role>/);
    assert.match(help, /no role/);
    const who = cardText((await bot.say(stranger, 'whoami')).cards[0]);
    assert.match(who, new RegExp(stranger.aadObjectId));
    const denied = cardText((await bot.say(stranger, 'customers')).cards[0]);
    assert.match(denied, /Not allowed/);
  });

  it('chooses a customer by unique prefix, remembers it across a restart, and lists users with paging', async () => {
    const chosen = cardText((await bot.say(OWNER, 'use cont')).cards[0]);
    assert.match(chosen, /Working on Contoso/);
    await bot.restart();
    const first = (await bot.say(OWNER, 'users')).cards[0];
    assert.match(cardText(first), /Showing 1-20 of 28/);
    const next = cardActions(first).find((a) => a.title === 'Next');
    assert.ok(next);
    const page2 = await bot.click(OWNER, next.verb, next.data);
    assert.equal(page2.body?.statusCode, 200);
    assert.match(cardText(page2.card), /Showing 21-28 of 28/);
  });

  it('filters unlicensed users and by SKU, and shows one user', async () => {
    await bot.say(OWNER, 'use contoso');
    const unlicensed = cardText((await bot.say(OWNER, 'users unlicensed')).cards[0]);
    assert.match(unlicensed, /without a license \(7\)/);
    const e3 = cardText((await bot.say(OWNER, 'users sku:spe_e3')).cards[0]);
    assert.match(e3, /with Microsoft 365 E3 \(10\)/);
    const user = cardText((await bot.say(OWNER, 'user ADELE.VANCE@contoso.onmicrosoft.com')).cards[0]);
    assert.match(user, /Adele Vance/);
    assert.match(user, /Microsoft 365 E3/);
  });

  it('shows subscriptions with seats and warns about a full one', async () => {
    await bot.say(OWNER, 'use contoso');
    const text = cardText((await bot.say(OWNER, 'licenses')).cards[0]);
    assert.match(text, /SPE_E3/);
    assert.match(text, /No seats available/);
  });

  it('asks for a customer first, and suggests the closest command for a typo', async () => {
    const none = cardText((await bot.say(OWNER, 'users')).cards[0]);
    assert.match(none, /Choose a customer first/);
    const typo = cardText((await bot.say(OWNER, 'lisences')).cards[0]);
    assert.match(typo, /Did you mean `licenses/);
  });

  it('never matches a command by substring', async () => {
    const text = cardText((await bot.say(OWNER, 'usersx')).cards[0]);
    assert.match(text, /don't know the command/);
  });

  it('understands a command after the bot @mention in a channel', async () => {
    const { cards } = await bot.say(OWNER, 'whoami', { channel: true });
    assert.match(cardText(cards[0]), /AAD object id/);
  });

  it('grants and revokes roles, limited to a customer, and audits both', async () => {
    const agent = persona('Hal Helpdesk');
    const granted = cardText((await bot.say(OWNER, `grant helpdesk to ${agent.aadObjectId} for fabrikam`)).cards[0]);
    assert.match(granted, /Role granted/);
    const customers = cardText((await bot.say(agent, 'customers')).cards[0]);
    assert.match(customers, /Fabrikam/);
    assert.doesNotMatch(customers, /Contoso/);
    await bot.say(OWNER, `revoke helpdesk from ${agent.aadObjectId}`);
    assert.match(cardText((await bot.say(agent, 'customers')).cards[0]), /Not allowed/);
    const actions = (await bot.runtime.app.audit.all()).map((e) => e.action);
    assert.ok(actions.includes('grant') && actions.includes('revoke'));
  });

  it('answers an unknown verb and malformed card data with an error response, changing nothing', async () => {
    const unknown = await bot.click(OWNER, 'no.such.verb', {});
    assert.equal(unknown.body?.statusCode, 400);
    assert.equal(unknown.body?.type, 'application/vnd.microsoft.error');
    const bad = await bot.click(OWNER, 'customer.use', { customerId: 42 });
    assert.equal(bad.body?.statusCode, 400);
  });

  it('handles a re-sent activity once', async () => {
    const activity = bot.activity(OWNER, {}, { type: 'message', text: 'whoami' });
    await bot.post(activity);
    await bot.post(activity);
    assert.equal(bot.connector.calls.filter((c) => c.activity.replyToId === activity.id).length, 1);
  });
});

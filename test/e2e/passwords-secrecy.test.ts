import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BotHarness, OWNER, persona, type Card, type Where } from '../helpers/bot-harness.js';
import { cardActions } from '../helpers/cards.js';
import { isPersonalChat, passwordMessages } from '../helpers/passwords.js';
import { DEMO_CUSTOMER_IDS } from '../../src/adapters/directory/embedded/demo-data.js';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)])));
  return nested.flat();
}

describe('temporary passwords stay secret', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('with debug logging, create and reset passwords appear in no log line, no stored file and no activity outside the personal chat', async () => {
    const channel: Where = { channel: true };
    const responses: { where: Where; body: unknown }[] = [];
    const press = async (card: Card | undefined, title: string, where: Where = {}) => {
      const button = cardActions(card).find((a) => a.title === title);
      assert.ok(button, `no ${title} button`);
      const result = await bot.click(OWNER, button.verb, button.data, where);
      responses.push({ where, body: result.body });
      return result;
    };

    await bot.say(OWNER, 'use contoso');
    await bot.say(OWNER, 'use contoso', channel);
    // Create by form in the personal chat, then "add another".
    const form = (await bot.say(OWNER, 'create user')).cards[0];
    const submit = cardActions(form).find((a) => a.verb === 'user.create.submit');
    assert.ok(submit);
    for (const [firstName, lastName] of [['Sec', 'One'], ['Sec', 'Two']]) {
      const result = await bot.click(OWNER, submit.verb, { ...submit.data, firstName, lastName, addAnother: 'true' });
      responses.push({ where: {}, body: result.body });
    }
    // Create by one line, in a channel and in the personal chat.
    await press((await bot.say(OWNER, 'create user Sec Three with O365_BUSINESS_PREMIUM', channel)).cards[0], 'Create', channel);
    await press((await bot.say(OWNER, 'create user Sec Four')).cards[0], 'Create');
    // Reset by command and by the user card's button, in both places.
    await press((await bot.say(OWNER, 'reset password adele.vance@contoso.onmicrosoft.com')).cards[0], 'Reset password');
    await press((await bot.say(OWNER, 'reset password sec.three@contoso.onmicrosoft.com', channel)).cards[0], 'Reset password', channel);
    const userCard = (await bot.say(OWNER, 'user diego.siciliani@contoso.onmicrosoft.com', channel)).cards[0];
    const confirm = await press(userCard, 'Reset password', channel);
    await press(confirm.card, 'Reset password', channel);
    // Someone the bot cannot reach privately: acted on, password nowhere.
    const unreachable = persona('Una Unreachable');
    await bot.grant(unreachable, 'global-admin');
    bot.connector.unreachable.add(`29:${unreachable.aadObjectId}`);
    await bot.say(unreachable, 'use contoso', channel);
    const preview = (await bot.say(unreachable, 'reset password adele.vance@contoso.onmicrosoft.com', channel)).cards[0];
    const unreachableConfirm = cardActions(preview).find((a) => a.title === 'Reset password');
    assert.ok(unreachableConfirm);
    responses.push({ where: channel, body: (await bot.click(unreachable, unreachableConfirm.verb, unreachableConfirm.data, channel)).body });
    // Hide them all by time, so the updates are part of what is checked.
    bot.clock.advance(10 * 60_000);
    await bot.runtime.app.passwordHides.runDue();

    const passwords = passwordMessages(bot.connector.calls).map((m) => m.password);
    assert.equal(passwords.length, 7, 'four creates and three resets by the reachable admin');
    assert.equal(new Set(passwords).size, 7);
    for (const message of passwordMessages(bot.connector.calls)) assert.ok(isPersonalChat(message.call));

    await bot.idle();
    await bot.directory.idle();
    const files = await filesUnder(bot.dataDir);
    assert.ok(files.some((f) => f.endsWith('audit.jsonl')) && files.some((f) => f.endsWith('app.json')));
    const stored = await Promise.all(files.map(async (f) => ({ f, text: await readFile(f, 'utf8') })));
    // The flows log at debug and info level about these very users, so a careless log line would be caught here.
    assert.ok(bot.logs.some((l) => l.includes('"level":20') && l.includes('sec.three@contoso.onmicrosoft.com')), 'debug lines about the flows');
    assert.ok(bot.logs.some((l) => l.includes('"level":30') && l.includes('adele.vance@contoso.onmicrosoft.com')), 'info lines about the flows');
    const outside = bot.connector.calls.filter((c) => !isPersonalChat(c));
    assert.ok(outside.length > 5, 'the channel got answers');
    for (const password of passwords) {
      const forms = [password, JSON.stringify(password).slice(1, -1), Buffer.from(password).toString('base64')];
      for (const form of forms) {
        for (const line of bot.logs) assert.ok(!line.includes(form), 'a log line holds a password');
        for (const { f, text } of stored) assert.ok(!text.includes(form), `${f} holds a password`);
        for (const call of outside) assert.ok(!JSON.stringify(call.activity).includes(form), `an activity in ${call.conversationId} holds a password`);
        for (const r of responses.filter((x) => x.where.channel)) assert.ok(!JSON.stringify(r.body).includes(form), 'a channel card holds a password');
        for (const entry of (await bot.runtime.app.audit.all())) assert.ok(!JSON.stringify(entry).includes(form), 'an audit entry holds a password');
      }
    }
    // The personal-chat cards that replaced the pressed ones say where the password is, without it.
    for (const r of responses.filter((x) => !x.where.channel)) for (const password of passwords) assert.ok(!JSON.stringify(r.body).includes(password));
    assert.ok(bot.directory.state(DEMO_CUSTOMER_IDS.contoso).findUser('sec.three@contoso.onmicrosoft.com'));
  });
});

import assert from 'node:assert/strict';
import { BotHarness, OWNER, persona } from '../helpers/bot-harness.js';
import { cardActions, cardText } from '../helpers/fake-connector.js';
import { importsFor } from '../../src/features/import/support/runner.js';
import { DEMO_CUSTOMER_IDS } from '../../src/adapters/directory/embedded/demo-data.js';

describe('messages show names, never internal identifiers', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('a refusal says what the person tried, not the verb or permission id', async () => {
    const stranger = persona('Sam Stranger');
    const pressed = await bot.click(stranger, 'user.create.confirm', { confirmationId: 'abcdefghijklmnop' });
    const text = cardText(pressed.card);
    assert.match(text, /You have no role, which does not allow you to create a user\./);
    assert.doesNotMatch(text, /user\.create/);
    const helper = persona('Hank Helpdesk');
    await bot.grant(helper, 'helpdesk', [DEMO_CUSTOMER_IDS.contoso]);
    const audit = cardText((await bot.say(helper, 'audit')).cards[0]);
    assert.match(audit, /does not allow you to read the audit trail/);
    assert.doesNotMatch(audit, /`audit`|audit\.read/);
    await bot.say(OWNER, 'use contoso');
  });
});

describe('users created by an import are in `audit for <upn>`', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start({ env: { IMPORT_PROGRESS_INTERVAL_MS: '0' } });
    await bot.say(OWNER, 'use contoso');
  });
  afterEach(async () => {
    await importsFor(bot.runtime.app).idle();
    await bot.stop();
  });

  it('one entry per created user, by UPN with the id in details', async () => {
    const review = (await bot.say(OWNER, 'import users\nUser Name,First Name,Last Name\nivar.ek@contoso.onmicrosoft.com,Ivar,Ek\nola.ek@contoso.onmicrosoft.com,Ola,Ek')).cards.at(-1);
    const go = cardActions(review).find((a) => a.verb === 'import.create');
    assert.ok(go, cardText(review));
    await bot.click(OWNER, go.verb, go.data);
    await importsFor(bot.runtime.app).idle();
    const found = cardText((await bot.say(OWNER, 'audit for ola.ek@contoso.onmicrosoft.com')).cards[0]);
    assert.match(found, /latest 1 entry/);
    assert.match(found, /user\.create · success/);
    const entry = (await bot.runtime.app.audit.all()).find((e) => e.target === 'ola.ek@contoso.onmicrosoft.com');
    const user = await bot.directory.getUser(DEMO_CUSTOMER_IDS.contoso, 'ola.ek@contoso.onmicrosoft.com');
    assert.equal(entry?.details?.userId, user.id);
  });
});

describe('the user card: titles that fit', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
    await bot.say(OWNER, 'use contoso');
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('shows at most three primary buttons; the rest are in the overflow menu (mode: secondary)', async () => {
    const card = (await bot.say(OWNER, 'user adele.vance@contoso.onmicrosoft.com')).cards[0];
    const actions = (card?.actions as { title: string; mode?: string }[] | undefined) ?? [];
    const primary = actions.filter((a) => a.mode !== 'secondary');
    assert.ok(primary.length <= 3, JSON.stringify(primary));
    assert.ok(primary.every((a) => a.title.length <= 16), 'titles short enough to show whole');
    assert.deepEqual(actions.filter((a) => a.mode === 'secondary').map((a) => a.title), ['Delete', 'Back to users']);
  });
});

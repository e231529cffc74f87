import assert from 'node:assert/strict';
import { actions } from '../../src/features/actions.js';
import { BotHarness, OWNER, persona } from '../helpers/bot-harness.js';
import { cardActions, cardText } from '../helpers/cards.js';
import { assertGoodCard } from '../helpers/card-quality.js';
import { dataSnapshot } from '../security/data-snapshot.js';

/** What a buggy or stale client sends to every card verb: refused or answered with a good card, nothing changed. */
describe('scenarios: bad card payloads from a buggy client', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
    assert.match(assertGoodCard((await bot.say(OWNER, 'use contoso')).cards[0]), /Working on Contoso/);
  });
  afterEach(async () => {
    await bot.stop();
  });

  const BAD: unknown[] = [
    undefined,
    null,
    {},
    'users',
    42,
    [],
    { skip: 'ten', filter: 5 },
    { skip: -1, filter: ['a'] },
    { userId: 12, userIds: 'adele', customerId: [1], confirmationId: 7 },
    { userIds: [], confirmationId: '', customerId: '' },
    { confirmationId: 'c0ffee', userId: { $ne: null }, upn: ['a', 'b'] },
    { firstName: 123, lastName: null, userName: ['x'], domain: {}, licenses: 5, usageLocation: 'Narnia' },
    { selected: 'not,a,user', skip: '1e9' },
  ];

  it('every verb with every bad payload: a 400 or a good card, never a 5xx, and stored data unchanged', async () => {
    const before = await dataSnapshot(bot);
    for (const { verb } of actions) {
      for (const data of BAD) {
        const result = await bot.click(OWNER, verb, data);
        const what = `${verb} ${JSON.stringify(data)}`;
        assert.ok(result.status < 500, `${what} -> HTTP ${result.status}`);
        assert.ok(result.body, `${what}: no invoke response`);
        assert.ok([200, 400].includes(result.body.statusCode), `${what} -> ${result.body.statusCode}`);
        if (result.body.statusCode === 200) assertGoodCard(result.card, what);
        else assert.doesNotMatch(JSON.stringify(result.body.value), /undefined|stack|Error:|at \S+:\d+/, what);
      }
    }
    await bot.idle();
    const after = await dataSnapshot(bot);
    for (const [file, bytes] of before) if (!file.startsWith('app') && !file.includes('audit')) assert.deepEqual(after.get(file), bytes, `${file} changed`);
  });

  it('a verb that is not a string, or unknown, is refused with 400', async () => {
    for (const verb of [undefined, 7, ['users.page'], { a: 1 }, 'users.drop', '__proto__', 'x'.repeat(5000)]) {
      const result = await bot.click(OWNER, verb, {});
      assert.equal(result.body?.statusCode, 400, String(verb).slice(0, 20));
    }
  });

  it('paging buttons carry the directory cursor; one past the end or from an old card (skip) opens the first page', async () => {
    const page = await bot.click(OWNER, 'users.page', { filter: '', cursor: '20', back: '-' });
    assert.match(assertGoodCard(page.card), /Showing 21-28 of 28/);
    const far = await bot.click(OWNER, 'users.page', { filter: '', cursor: '500' });
    assert.match(assertGoodCard(far.card), /Showing 1-20 of 28/);
    const old = await bot.click(OWNER, 'users.page', { filter: '', skip: '20' });
    assert.match(assertGoodCard(old.card), /Showing 1-20 of 28/);
  });

  it('a stale Confirm after a restart, pressed by a colleague, and from another conversation: only the asker, once', async () => {
    const channel = { channel: true };
    await bot.say(OWNER, 'use contoso', channel);
    const ask = (await bot.say(OWNER, 'reset password adele.vance@contoso.onmicrosoft.com', channel)).cards[0];
    const confirm = cardActions(ask).find((a) => a.title === 'Reset password');
    assert.ok(confirm, cardText(ask));
    await bot.restart();
    const colleague = persona('Carl Colleague');
    await bot.grant(colleague, 'global-admin');
    const foreign = await bot.click(colleague, confirm.verb, confirm.data, channel);
    assert.equal(foreign.body?.statusCode, 200);
    assert.match(assertGoodCard(foreign.card), /Only the person who asked/);
    const elsewhere = await bot.click(OWNER, confirm.verb, confirm.data, { conversationId: '19:other@thread.tacv2', channel: true });
    if (elsewhere.card) assertGoodCard(elsewhere.card);
    const done = await bot.click(OWNER, confirm.verb, confirm.data, channel);
    assert.match(assertGoodCard(done.card), /sent .*privately|personal chat/i);
    const again = await bot.click(OWNER, confirm.verb, confirm.data, channel);
    assert.doesNotMatch(again.card ? assertGoodCard(again.card) : '', /sent .*privately/i);
  });

  it('a double click on Confirm (two identical invokes at once) runs the action once', async () => {
    const ask = (await bot.say(OWNER, 'delete user adele.vance@contoso.onmicrosoft.com')).cards[0];
    const confirm = cardActions(ask).find((a) => /^Delete/.test(a.title));
    assert.ok(confirm, cardText(ask));
    const [one, two] = await Promise.all([bot.click(OWNER, confirm.verb, confirm.data), bot.click(OWNER, confirm.verb, confirm.data)]);
    const cards = [one, two].map((r) => (r.card ? assertGoodCard(r.card) : JSON.stringify(r.body?.value)));
    assert.equal(cards.filter((t) => /was deleted|deleted\b.*restor/i.test(t)).length, 1, cards.join('\n---\n'));
    const entries = bot.runtime.app.audit;
    assert.ok(entries);
    const customer = (await bot.directory.listCustomers()).find((c) => c.name === 'Contoso');
    const deleted = await bot.directory.listDeletedUsers(customer?.id ?? '', { top: 50 });
    assert.equal(deleted.items.filter((d) => d.upn === 'adele.vance@contoso.onmicrosoft.com').length, 1);
  });
});

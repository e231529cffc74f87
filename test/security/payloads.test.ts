import assert from 'node:assert/strict';
import type { BotHarness} from '../helpers/bot-harness.js';
import { OWNER, persona } from '../helpers/bot-harness.js';
import { startOnContoso } from '../helpers/setup.js';
import { dataSnapshot } from './data-snapshot.js';
import { cardText } from '../helpers/cards.js';

describe('security: card payloads are checked before any lookup', () => {
  let bot: BotHarness;
  let before: Map<string, Buffer>;
  beforeEach(async () => {
    bot = await startOnContoso();
    before = await dataSnapshot(bot);
  });
  afterEach(async () => {
    assert.deepEqual(await dataSnapshot(bot), before, 'stored data did not change');
    await bot.stop();
  });

  const refused = async (verb: unknown, data: unknown, code = 'INVALID_INPUT') => {
    const { status, body } = await bot.click(OWNER, verb, data);
    assert.equal(status, 200);
    assert.equal(body?.statusCode, 400, JSON.stringify(body));
    assert.equal(body?.type, 'application/vnd.microsoft.error');
    assert.equal(body?.value.code, code);
    assert.doesNotMatch(JSON.stringify(body), /at [\w.]+ \(|node_modules|ZodError/, 'no internals');
  };

  it('refuses unknown verbs, non-string verbs and overlong verbs', async () => {
    await refused('users.delete-everything', {}, 'UNKNOWN_VERB');
    await refused(42, {}, 'UNKNOWN_VERB');
    await refused({ toString: 'users.page' }, {}, 'UNKNOWN_VERB');
    await refused(`users.page${'x'.repeat(200)}`, {}, 'UNKNOWN_VERB');
  });

  it('refuses wrong types and out-of-range values', async () => {
    await refused('users.page', { cursor: 12 });
    await refused('users.page', { cursor: 'a b' });
    await refused('users.page', { back: ['a'] });
    await refused('users.page', { filter: { $ne: null } });
    await refused('customer.use', { customerId: 12345 });
    await refused('user.show', {});
    await refused('users.page', 'not an object');
    await refused('users.page', [1, 2, 3]);
  });

  it('refuses oversized strings and payloads, and deep nesting', async () => {
    await refused('users.page', { filter: 'a'.repeat(201) });
    await refused('user.show', { userId: `${'a'.repeat(4001)}@contoso.com` });
    await refused('help.show', { junk: 'x'.repeat(5000) });
    await refused('help.show', { a: 'x'.repeat(3000), b: 'x'.repeat(3000), c: 'x'.repeat(3000), d: 'x'.repeat(3000), e: 'x'.repeat(3000), f: 'x'.repeat(3000) });
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 20; i++) deep = { deep };
    await refused('help.show', deep);
  });

  it('refuses an overlong chat message before parsing it', async () => {
    const { cards } = await bot.say(OWNER, `grant helpdesk to 7c2d3e4f-2222-4c1a-9e7b-1a2b3c4d5e02 for ${'contoso '.repeat(600)}`);
    assert.match(cardText(cards[0]), /too long/);
  });

  it('refuses prototype-pollution keys, and nothing gets polluted', async () => {
    // Raw JSON, so the keys arrive as own properties exactly as a crafted request would carry them.
    for (const raw of ['{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"skip":0,"x":{"__proto__":{"isAdmin":true}}}']) {
      const activity = bot.activity(OWNER, {}, { type: 'invoke', name: 'adaptiveCard/action' });
      const json = JSON.stringify(activity).slice(0, -1) + `,"value":{"action":{"type":"Action.Execute","verb":"users.page","data":${raw}}}}`;
      const response = await fetch(`${bot.runtime.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json });
      const invoke = (await response.json()) as { statusCode: number; value: { code: string } };
      assert.equal(invoke.statusCode, 400, raw);
      assert.equal(invoke.value.code, 'INVALID_INPUT');
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
  });

  it("refuses unknown confirmation ids with 400, and other people's with a clear card, leaving it usable by its owner", async () => {
    await refused('confirmation.cancel', { confirmationId: 'x'.repeat(24) }, 'NOT_FOUND');
    await refused('confirmation.cancel', { confirmationId: '../../etc/passwd' });
    const customerId = (await bot.runtime.app.state.conversations.chosenCustomer(bot.conversationId(OWNER))) ?? '';
    const pending = await bot.runtime.app.confirmations.create({ kind: 'user.delete', operator: OWNER, customerId, target: 'Adele Vance', payload: { userIds: ['x'] } });
    const mallory = persona('Mallory');
    await bot.grant(mallory, 'global-admin');
    await bot.say(mallory, 'whoami'); // the bot remembers a personal chat on first contact
    before = await dataSnapshot(bot);
    const { body, card } = await bot.click(mallory, 'confirmation.cancel', { confirmationId: pending.id });
    assert.equal(body?.statusCode, 200);
    assert.match(cardText(card), /Not your confirmation/);
    assert.equal((await bot.runtime.app.confirmations.get(pending.id)).usedAt, undefined, 'still pending');
  });
});

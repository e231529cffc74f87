import assert from 'node:assert/strict';
import { BotHarness, OWNER, persona, type Card, type Persona, type Where } from '../helpers/bot-harness.js';
import { CHANNEL, CONTOSO, useContoso } from '../helpers/setup.js';
import { cardActions, cardOf, cardText, inputValues } from '../helpers/cards.js';
import { type ConnectorCall } from '../helpers/fake-connector.js';
import { importsFor } from '../../src/features/import/support/runner.js';

const HEADER = 'User Name,First Name,Last Name,Display Name,Usage Location,Licenses';

interface Shown {
  who: Persona;
  where: Where;
  card: Card;
  /** The message holding the card (Teams sends it as replyToId on a press). */
  messageId: string;
  /** How the card was reached, for failure messages. */
  path: string;
}

/**
 * Walks the main flows and presses every Action.Execute found on every card they produce, with the button's own
 * data and the card's inputs, as the operator who sees the card, where they see it. Cards that presses produce
 * (replacing the card, or new messages in the presser's chat) are walked too, to a fixed depth.
 */
describe('every button on every card of the main flows works when pressed', () => {
  let bot: BotHarness;
  const henry = persona('Henry Helpdesk');
  const uma = persona('Uma UserAdmin');
  const failures: string[] = [];
  /** Each button (presser, verb, data) once, unless it is met again with more depth left to walk. */
  const pressed = new Map<string, number>();
  let presses = 0;

  beforeEach(async () => {
    bot = await BotHarness.start({ env: { IMPORT_PROGRESS_INTERVAL_MS: '0' } });
    await bot.grant(henry, 'helpdesk', [CONTOSO]);
    await bot.grant(uma, 'user-admin', [CONTOSO]);
    await useContoso(bot, [OWNER, henry, uma]);
    failures.length = 0;
    pressed.clear();
    presses = 0;
  });
  afterEach(async () => {
    await importsFor(bot.runtime.app).idle();
    await bot.stop();
  });

  const newCardsFor = (who: Persona, calls: ConnectorCall[], path: string): Shown[] =>
    calls
      .filter((c) => c.method === 'POST' && cardOf(c.activity))
      .filter((c) => c.conversationId === bot.conversationId(who) || c.conversationId === CHANNEL)
      .map((c) => ({ who, where: c.conversationId === CHANNEL ? { channel: true } : {}, card: cardOf(c.activity) as Card, messageId: String(c.activity.id), path }));

  const checkCard = (card: unknown, path: string) => {
    if (/Something went wrong/.test(cardText(card))) failures.push(`${path}: ${cardText(card).slice(0, 300)}`);
  };

  async function walk(shown: Shown[], depth: number): Promise<void> {
    for (const item of shown) {
      checkCard(item.card, item.path);
      if (depth === 0) continue;
      const inputs = inputValues(item.card);
      for (const action of cardActions(item.card)) {
        const data = { ...inputs, ...action.data };
        const key = `${item.who.name}|${action.verb}|${JSON.stringify(data)}`;
        if ((pressed.get(key) ?? -1) >= depth) continue;
        pressed.set(key, depth);
        presses++;
        const path = `${item.path} > ${action.title || action.verb} (${action.verb})`;
        const result = await bot.click(item.who, action.verb, data, { ...item.where, replyToId: item.messageId });
        await importsFor(bot.runtime.app).idle();
        if (result.body?.statusCode !== 200) failures.push(`${path}: statusCode ${result.body?.statusCode} ${JSON.stringify(result.body?.value)}`);
        const next: Shown[] = result.card ? [{ ...item, card: result.card, path }] : [];
        next.push(...newCardsFor(item.who, result.calls, `${path} >> message`));
        for (const c of result.calls.filter((x) => x.method === 'PUT')) checkCard(cardOf(c.activity), `${path} >> update`);
        await walk(next, depth - 1);
      }
    }
  }

  const say = async (who: Persona, text: string, where: Where = {}): Promise<Shown[]> => {
    const { calls, status } = await bot.say(who, text, where);
    assert.equal(status, 200);
    return newCardsFor(who, calls, `${who.name}: ${text.split('\n')[0]}`);
  };

  it('use, users, user card, deleted list, licenses, import review, help', async () => {
    const roots = [
      ...(await say(OWNER, 'use contoso')),
      ...(await say(OWNER, 'users')),
      ...(await say(OWNER, 'user adele.vance@contoso.onmicrosoft.com')),
      ...(await say(OWNER, 'user alex.wilber@contoso.onmicrosoft.com')),
      ...(await say(OWNER, 'deleted')),
      ...(await say(OWNER, 'licenses')),
      ...(await say(OWNER, `import users\n${HEADER}\nwalk.one@contoso.com,Walk,One,,US,O365_BUSINESS_PREMIUM\n`)),
      ...(await say(OWNER, 'create user')),
      ...(await say(OWNER, 'help')),
      ...(await say(henry, 'user diego.siciliani@contoso.onmicrosoft.com')),
    ];
    assert.ok(roots.length >= 10);
    await walk(roots, 3);
    assert.ok(presses > 30, `pressed ${presses} buttons`);
    const verbs = new Set([...pressed.keys()].map((k) => k.split('|')[1]));
    for (const verb of ['user.delete.confirm', 'user.resetPassword.confirm', 'licenses.manage.save', 'deleted.restore', 'import.create', 'password.hide']) {
      assert.ok(verbs.has(verb), `the walk reached ${verb}`);
    }
    assert.deepEqual(failures, []);
  });

  it('restore result and approval cards', async () => {
    const restored = await say(OWNER, 'restore kim.abercrombie@contoso.onmicrosoft.com');
    assert.match(cardText(restored[0]?.card), /was restored/);
    const manage = cardActions(restored[0]?.card).find((a) => a.verb === 'licenses.manage');
    assert.ok(manage, 'the restore result offers Manage licenses');
    assert.equal(typeof manage.data.userIds, 'string', 'as the restore card sends it');
    const opened = await bot.click(OWNER, manage.verb, manage.data);
    assert.equal(opened.body?.statusCode, 200);
    assert.match(cardText(opened.card), /Kim Abercrombie/);

    const asked = await say(henry, 'delete user adele.vance@contoso.onmicrosoft.com because ticket 4711');
    // The copies the approvers got in their personal chats come first: the requester's Cancel would end the request.
    const approvalCards: Shown[] = [];
    for (const who of [uma, OWNER]) {
      const copy = bot.connector.calls.filter((c) => c.conversationId === bot.conversationId(who) && c.method === 'POST' && cardActions(cardOf(c.activity)).some((a) => a.verb === 'approval.approve'));
      assert.equal(copy.length, 1, `${who.name} got the request`);
      approvalCards.push(...copy.map((c) => ({ who, where: {}, card: cardOf(c.activity) as Card, messageId: String(c.activity.id), path: `${who.name}: approval copy` })));
    }
    approvalCards.push(...(await say(uma, 'approvals')), ...(await say(OWNER, 'approvals')), ...asked, ...(await say(henry, 'approvals')));
    await walk([...restored, ...approvalCards], 2);
    await assert.rejects(bot.directory.getUser(CONTOSO, 'adele.vance@contoso.onmicrosoft.com'), 'Approve was among the presses');
    assert.deepEqual(failures, []);
  });
});

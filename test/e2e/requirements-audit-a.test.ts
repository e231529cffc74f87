import assert from 'node:assert/strict';
import { BotHarness, OWNER, persona, type Card } from '../helpers/bot-harness.js';
import { cardActions, cardOf, cardText } from '../helpers/fake-connector.js';
import { DEMO_CUSTOMER_IDS } from '../../src/adapters/directory/embedded/demo-data.js';

const CONTOSO = DEMO_CUSTOMER_IDS.contoso;
const FABRIKAM = DEMO_CUSTOMER_IDS.fabrikam;

/** The Input.* elements of a card by id, to see their defaults and choices. */
function inputs(card: unknown): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') found.set(o.id, o);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

const choiceTitles = (input: Record<string, unknown> | undefined): string[] =>
  ((input?.choices as { title: string }[] | undefined) ?? []).map((c) => c.title);

/** Requirements of issues 2-5 that no other test pinned down (audit-a). */
describe('requirements audit: issues 2-5', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('a users row shows name, UPN and licenses; Next then Previous comes back to the first page', async () => {
    await bot.say(OWNER, 'use contoso');
    const first = (await bot.say(OWNER, 'users')).cards[0] as Card;
    const adele = await bot.directory.getUser(CONTOSO, 'adele.vance@contoso.onmicrosoft.com');
    const text = cardText(first);
    assert.match(text, /Adele Vance\nadele\.vance@contoso\.onmicrosoft\.com\n(?:Open\n)?[^\n]*Microsoft 365 E3/);
    assert.ok(adele.licenses.length > 0);
    assert.match(text, /No license/, 'unlicensed rows say so');
    assert.ok(!cardActions(first).some((a) => a.title === 'Previous'), 'no Previous on the first page');
    const next = cardActions(first).find((a) => a.title === 'Next');
    assert.ok(next);
    const page2 = (await bot.click(OWNER, next.verb, next.data)).card;
    assert.ok(!cardActions(page2).some((a) => a.title === 'Next'), 'no Next on the last page');
    const previous = cardActions(page2).find((a) => a.title === 'Previous');
    assert.ok(previous);
    const back = (await bot.click(OWNER, previous.verb, previous.data)).card;
    assert.match(cardText(back), /Showing 1-20 of 28/);
    assert.equal(cardText(back), text);
  });

  it('the user card shows usage location, admin roles, licenses and when the user was created', async () => {
    await bot.say(OWNER, 'use contoso');
    const megan = (await bot.directory.listUsers(CONTOSO, { kind: 'text', text: 'Megan Bowen' }, { skip: 0, top: 1 })).items[0];
    assert.ok(megan);
    const text = cardText((await bot.say(OWNER, `user ${megan.upn}`)).cards[0]);
    assert.match(text, new RegExp(`Usage location\\n${megan.usageLocation ?? 'Not set'}`));
    assert.match(text, /Admin roles\nGlobal Administrator/);
    assert.match(text, new RegExp(`Created\\n${megan.createdAt.slice(0, 10)}`));
    assert.match(text, /Licenses/);
  });

  it('every reply, in a personal chat and in a channel, is one Adaptive Card 1.5 and never plain text', async () => {
    const commands = ['help', 'whoami', 'customers', 'use contoso', 'users', 'users unlicensed', 'user adele.vance@contoso.onmicrosoft.com', 'licenses', 'deleted', 'create user', 'create user Ann Example', 'reset password adele.vance@contoso.onmicrosoft.com', 'delete user adele.vance@contoso.onmicrosoft.com', 'manage licenses adele.vance@contoso.onmicrosoft.com', 'roles', 'use nosuchcustomer', 'frobnicate', 'user nobody@contoso.onmicrosoft.com'];
    for (const channel of [false, true]) {
      for (const command of commands) {
        const { calls } = await bot.say(OWNER, command, { channel });
        const messages = calls.filter((c) => c.activity.type === 'message');
        assert.ok(messages.length > 0, `${command}: answered`);
        for (const call of messages) {
          const card = cardOf(call.activity);
          assert.ok(card, `${command}: a card`);
          assert.equal(card.version, '1.5', command);
          assert.ok(!call.activity.text, `${command}: no plain text beside the card`);
        }
      }
    }
  });

  it('a role limited to a customer is audited with who, their role, that customer and the outcome', async () => {
    const agent = persona('Hal Helpdesk');
    await bot.say(OWNER, `grant helpdesk to ${agent.aadObjectId} for fabrikam`);
    await bot.say(OWNER, `revoke helpdesk from ${agent.aadObjectId} for fabrikam`);
    const entries = (await bot.runtime.app.audit.all()).filter((e) => e.action === 'grant' || e.action === 'revoke');
    assert.deepEqual(entries.map((e) => e.action), ['grant', 'revoke']);
    for (const e of entries) {
      assert.equal(e.actor.aadObjectId, OWNER.aadObjectId);
      assert.equal(e.actor.name, OWNER.name);
      assert.equal(e.role, 'global-admin');
      assert.equal(e.customerId, FABRIKAM);
      assert.equal(e.customerName, 'Fabrikam');
      assert.equal(e.target, agent.aadObjectId);
      assert.equal(e.outcome, 'success');
      assert.equal(e.details?.role, 'helpdesk');
    }
  });

  it('the create form offers the customer domains, defaults the usage location, and shows seats per license', async () => {
    await bot.say(OWNER, 'use contoso');
    const form = inputs((await bot.say(OWNER, 'create user')).cards[0]);
    assert.deepEqual(choiceTitles(form.get('domain')).sort(), ['contoso.com', 'contoso.onmicrosoft.com']);
    assert.equal(form.get('usageLocation')?.value, 'US');
    assert.equal(form.get('licenses')?.isMultiSelect, true);
    assert.ok(choiceTitles(form.get('licenses')).every((t) => /free|no seat/.test(t)));
    assert.match(String(form.get('displayName')?.placeholder ?? ''), /First Last|blank/i);
    assert.ok(form.has('addAnother'));
    assert.ok(choiceTitles(form.get('adminRole')).length > 1, 'a global admin may give a role');

    const userAdmin = persona('Uma Useradmin');
    await bot.grant(userAdmin, 'user-admin', [CONTOSO]);
    await bot.say(userAdmin, 'use contoso');
    const theirs = inputs((await bot.say(userAdmin, 'create user')).cards[0]);
    assert.ok(!theirs.has('adminRole'), 'a user admin gets no admin-role choice');
  });

  it('use <customer> by domain or id; the choice belongs to its conversation and survives a restart', async () => {
    assert.match(cardText((await bot.say(OWNER, 'use fabrikam.onmicrosoft.com')).cards[0]), /Working on Fabrikam/);
    assert.match(cardText((await bot.say(OWNER, `use ${CONTOSO}`, { channel: true })).cards[0]), /Working on Contoso/);
    await bot.restart();
    assert.match(cardText((await bot.say(OWNER, 'users')).cards[0]), /Fabrikam|fabrikam/);
    assert.match(cardText((await bot.say(OWNER, 'users', { channel: true })).cards[0]), /contoso/);
    const stranger = persona('Nina New');
    await bot.grant(stranger, 'helpdesk', null);
    assert.match(cardText((await bot.say(stranger, 'users')).cards[0]), /Choose a customer first/);
  });
});

import assert from 'node:assert/strict';
import { BotHarness, BOT_ID, OWNER, persona, type Persona, type Where } from '../helpers/bot-harness.js';
import { cardActions, cardOf, cardText, type ConnectorCall } from '../helpers/fake-connector.js';
import { assertGoodCard } from '../helpers/card-quality.js';
import { installTestChange } from '../helpers/test-change.js';
import { DEMO_CUSTOMER_IDS } from '../../src/adapters/directory/embedded/demo-data.js';

const CONTOSO = DEMO_CUSTOMER_IDS.contoso;
const TEAM: Where = { channel: true };

/** Install and uninstall, with the activities Teams sends (research.md section 5). */
describe('welcome: install and uninstall in personal chats and teams', () => {
  let bot: BotHarness;
  let uninstallTestChange: () => void;
  beforeEach(async () => {
    uninstallTestChange = installTestChange();
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    uninstallTestChange();
    await bot.stop();
  });

  /** What Teams posts when the app is added: the bot (28:...) in membersAdded, plus the user in a personal chat. */
  const membersAdded = (who: Persona, where: Where = {}) =>
    bot.activity(who, where, {
      type: 'conversationUpdate',
      membersAdded: where.channel ? [{ id: BOT_ID }] : [{ id: BOT_ID }, { id: `29:${who.aadObjectId}`, aadObjectId: who.aadObjectId }],
      ...(where.channel ? { channelData: { team: { id: '19:team@thread.tacv2' }, eventType: 'teamMemberAdded', tenant: { id: who.tenantId } } } : {}),
    });
  const installation = (who: Persona, action: string, where: Where = {}) => bot.activity(who, where, { type: 'installationUpdate', action, entities: [{ type: 'clientInfo', locale: 'en', platform: 'Windows' }] });
  const send = async (activity: Record<string, unknown>): Promise<ConnectorCall[]> => {
    const before = bot.connector.calls.length;
    const { status } = await bot.post(activity);
    assert.equal(status, 200);
    return bot.connector.calls.slice(before);
  };
  const cardsIn = (calls: ConnectorCall[]) => calls.map((c) => cardOf(c.activity)).filter(Boolean);
  const storedChat = async (who: Persona) => (await bot.runtime.app.state.conversations.personalChat(who)) as { conversation?: { id?: string } } | undefined;

  it('personal install: one welcome card (for both activities Teams sends) saying how to get a role, with buttons for the first commands', async () => {
    const nina = persona('Nina New');
    const calls = [...(await send(installation(nina, 'add'))), ...(await send(membersAdded(nina)))];
    const cards = cardsIn(calls);
    assert.equal(cards.length, 1, 'one welcome, not one per activity');
    const text = assertGoodCard(cards[0], 'welcome');
    assert.match(text, /Welcome to License Desk/);
    assert.match(text, /no role yet.*whoami.*global admin/s);
    assert.deepEqual(cardActions(cards[0]).map((a) => a.verb), ['customers.show', 'users.page', 'licenses.show', 'help.show']);
    assert.equal(calls[0]?.conversationId, bot.conversationId(nina));
  });

  it('personal install by someone with a role: the welcome names it, and its buttons work', async () => {
    const henry = persona('Henry Helpdesk');
    await bot.grant(henry, 'helpdesk', [CONTOSO]);
    const cards = cardsIn(await send(membersAdded(henry)));
    assert.match(cardText(cards[0]), /You are Helpdesk agent/);
    const customers = await bot.click(henry, 'customers.show');
    assert.match(cardText(customers.card), /Contoso/);
  });

  it('team install: how to mention the bot and `approvals here`, no personal buttons', async () => {
    const cards = cardsIn([...(await send(membersAdded(OWNER, TEAM))), ...(await send(installation(OWNER, 'add', TEAM)))]);
    assert.equal(cards.length, 1);
    const text = assertGoodCard(cards[0], 'team welcome');
    assert.match(text, /Mention me/);
    assert.match(text, /@license-desk help/);
    assert.match(text, /approvals here/);
    assert.deepEqual(cardActions(cards[0]), []);
  });

  it('an upgrade is not a new install: no second welcome', async () => {
    const nina = persona('Nina New');
    assert.equal(cardsIn(await send(installation(nina, 'add-upgrade'))).length, 0);
  });

  it('install remembers the personal chat, so an approval reaches an approver who never wrote; uninstall forgets it', async () => {
    const henry = persona('Henry Helpdesk');
    const uma = persona('Uma UserAdmin');
    await bot.grant(henry, 'helpdesk', [CONTOSO]);
    await bot.grant(uma, 'user-admin', [CONTOSO]);
    await send(installation(uma, 'add'));
    assert.equal((await storedChat(uma))?.conversation?.id, bot.conversationId(uma));

    await bot.say(henry, 'use contoso');
    const before = bot.connector.conversationsCreated.length;
    const asked = await bot.say(henry, 'test delete adele.vance@contoso.onmicrosoft.com because ticket 1');
    assert.match(cardText(asked.cards[0]), /Waiting for approval/);
    const toUma = asked.calls.filter((c) => c.conversationId === bot.conversationId(uma));
    assert.equal(toUma.length, 1, 'the approval card went to the chat Uma installed the app in');
    assert.match(cardText(cardOf(toUma[0]?.activity)), /Approve/);
    assert.equal(bot.connector.conversationsCreated.length, before, 'no new conversation was needed');

    await send(installation(uma, 'remove'));
    assert.equal(await storedChat(uma), undefined, 'forgotten at uninstall');
  });

  it('activities from a tenant that is not allowed get no welcome and are not remembered', async () => {
    await bot.stop();
    bot = await BotHarness.start({ env: { ALLOWED_TENANTS: '99999999-2222-4333-8444-555555555555' } });
    const nina = persona('Nina New');
    assert.equal(cardsIn(await send(installation(nina, 'add'))).length, 0);
    assert.equal(await storedChat(nina), undefined);
  });
});

import assert from 'node:assert/strict';
import { BotHarness, OWNER, persona, type Card, type Persona } from '../helpers/bot-harness.js';
import { CHANNEL, CONTOSO, FABRIKAM, useContoso } from '../helpers/setup.js';
import { approvalIdOf, cardActions, cardOf, cardText, inConversation, sentTexts } from '../helpers/cards.js';
import { HOUR } from '../helpers/test-clock.js';
import { installTestChange } from '../helpers/test-change.js';

const ADELE = 'adele.vance@contoso.onmicrosoft.com';
const MEGAN = 'megan.bowen@contoso.onmicrosoft.com';

const verbs = (card: Card | undefined) => cardActions(card).map((a) => a.verb);

describe('approvals: four-eyes requests decided with card buttons', () => {
  let bot: BotHarness;
  let uninstall: () => void;
  const henry = persona('Henry Helpdesk');
  const uma = persona('Uma UserAdmin');
  const gina = persona('Gina GlobalAdmin');

  const start = async (env: Record<string, string> = {}) => {
    bot = await BotHarness.start({ env });
    await bot.grant(henry, 'helpdesk', [CONTOSO]);
    await bot.grant(uma, 'user-admin', [CONTOSO]);
    await bot.grant(gina, 'global-admin', null);
    await useContoso(bot, [OWNER, henry, uma, gina]);
  };
  const adeleExists = async () => bot.directory.getUser(CONTOSO, ADELE).then(() => true, () => false);
  const ask = async (who: Persona, text: string) => {
    const { cards, calls } = await bot.say(who, text);
    assert.equal(cards.length, 1);
    return { card: cards[0], calls, id: approvalIdOf(cards[0]) };
  };
  const auditFor = async (approvalId: string) => (await bot.runtime.app.audit.all()).filter((e) => e.approvalId === approvalId);

  beforeEach(() => {
    uninstall = installTestChange();
  });
  afterEach(async () => {
    uninstall();
    await bot.stop();
  });

  it('helpdesk asks, the card lands in the approvals channel, a user admin approves, it runs once and everyone sees "approved by"', async () => {
    await start();
    const bound = await bot.say(OWNER, 'approvals here for contoso', { channel: true });
    assert.match(cardText(bound.cards[0]), /Approval requests for Contoso will be posted here/);

    const request = await ask(henry, `test delete ${ADELE} because ticket 4711`);
    assert.match(cardText(request.card), /Waiting for approval/);
    assert.match(cardText(request.card), /ticket 4711/);
    assert.match(cardText(request.card), /Sent to the approvals channel/);
    assert.deepEqual(verbs(request.card), ['approval.refresh', 'approval.cancel'], 'the requester may cancel, not approve');
    assert.equal(await adeleExists(), true, 'nothing runs before approval');

    const posted = inConversation(request.calls, CHANNEL);
    assert.equal(posted.length, 1);
    const channelCard = cardOf(posted[0]?.activity);
    assert.match(cardText(channelCard), /Delete Adele Vance/);
    assert.match(cardText(channelCard), /Henry Helpdesk/);
    assert.doesNotMatch(cardText(channelCard), /nobody/i);
    assert.ok(verbs(channelCard).includes('approval.approve') && verbs(channelCard).includes('approval.reject'));
    assert.deepEqual(cardActions(channelCard).find((a) => a.verb === 'approval.approve')?.data, { approvalId: request.id }, 'the card carries only the id');

    const approved = await bot.click(uma, 'approval.approve', { approvalId: request.id, comment: '' }, { channel: true });
    assert.match(cardText(approved.card), /Approved by Uma UserAdmin/);
    assert.match(cardText(approved.card), /Done/);
    assert.equal(await adeleExists(), false);

    const henryChat = inConversation(approved.calls, bot.conversationId(henry)).filter((c) => c.method === 'POST');
    assert.match(sentTexts(henryChat), /Approved: Delete Adele Vance/);
    assert.match(sentTexts(henryChat), /Deleted adele\.vance@contoso\.onmicrosoft\.com \(as Uma UserAdmin\)/, 'runs under the approver');
    assert.match(sentTexts(henryChat), /Private result/);
    assert.doesNotMatch(sentTexts(inConversation(approved.calls, CHANNEL)), /Private result|Deleted adele/, 'results never go to the channel');

    const channelUpdates = inConversation(approved.calls, CHANNEL).filter((c) => c.method === 'PUT' && c.activityId === posted[0]?.activity.id);
    assert.ok(channelUpdates.length > 0, 'the channel copy is updated in place');
    assert.match(cardText(cardOf(channelUpdates.at(-1)?.activity)), /Approved by Uma UserAdmin/);
    assert.equal(inConversation(approved.calls, CHANNEL).filter((c) => c.method === 'POST').length, 0, 'no new messages in the channel');
    const requesterCopy = approved.calls.filter((c) => c.method === 'PUT' && c.conversationId === bot.conversationId(henry));
    assert.match(cardText(cardOf(requesterCopy.at(-1)?.activity)), /Approved by Uma UserAdmin/, "the requester's copy is updated too");

    const again = await bot.click(gina, 'approval.approve', { approvalId: request.id }, { channel: true });
    assert.match(cardText(again.card), /Approved by Uma UserAdmin/);
    assert.match(cardText(again.card), /already approved/);
    const audit = await auditFor(request.id);
    assert.deepEqual(audit.map((e) => `${e.action}:${e.outcome}:${e.actor.name}`), [
      'test.delete:requested:Henry Helpdesk',
      'approval.approve:success:Uma UserAdmin',
      'test.delete:success:Uma UserAdmin',
    ], 'ran once, audited with the approval id');

    const refreshed = await bot.click(henry, 'approval.refresh', { approvalId: request.id });
    assert.match(cardText(refreshed.card), /Approved by Uma UserAdmin/);
    assert.deepEqual(verbs(refreshed.card), ['approval.refresh']);
  });

  it('policy forces approval for a global admin, who may not approve their own request', async () => {
    await start({ APPROVAL_REQUIRED_FOR: 'delete,restore' });
    const request = await ask(OWNER, `test delete ${ADELE}`);
    assert.match(cardText(request.card), /policy asks a second person/);
    const self = await bot.click(OWNER, 'approval.approve', { approvalId: request.id });
    assert.match(cardText(self.card), /You asked for this; another operator must decide/);
    assert.match(cardText(self.card), /Waiting for approval/);
    assert.equal(await adeleExists(), true);
    const denied = await bot.click(henry, 'approval.approve', { approvalId: request.id });
    assert.match(cardText(denied.card), /You may not approve this/);
    assert.equal(await adeleExists(), true);
    const [first, second] = await Promise.all([bot.click(gina, 'approval.approve', { approvalId: request.id }), bot.click(uma, 'approval.approve', { approvalId: request.id })]);
    const winner = cardText(first.card).includes('already approved') ? 'Uma UserAdmin' : 'Gina GlobalAdmin';
    for (const press of [first, second]) assert.match(cardText(press.card), new RegExp(`Approved by ${winner}`), 'both presses see the one decision');
    assert.equal(await adeleExists(), false);
    assert.equal((await auditFor(request.id)).filter((e) => e.action === 'test.delete' && e.outcome === 'success').length, 1, 'two simultaneous presses run it once');
  });

  it('without a channel, goes to the personal chats of those who may approve; says so when nobody can be reached', async () => {
    await start();
    const request = await ask(henry, `test delete ${ADELE}`);
    const withButtons = request.calls.filter((c) => c.method === 'POST' && verbs(cardOf(c.activity)).includes('approval.approve'));
    assert.deepEqual(withButtons.map((c) => c.conversationId).sort(), [OWNER, uma, gina].map((p) => bot.conversationId(p)).sort(), 'every approver, not the requester');
    assert.match(cardText(request.card), /Sent to .*Uma UserAdmin/);
    await bot.click(henry, 'approval.cancel', { approvalId: request.id });

    const lonely = await BotHarness.start();
    try {
      const helper = persona('Hal Helpdesk');
      const admin = persona('Ada Admin');
      await lonely.grant(helper, 'helpdesk', [CONTOSO]);
      await lonely.grant(admin, 'user-admin', [CONTOSO]);
      lonely.connector.unreachable.add(admin.aadObjectId);
      await lonely.say(helper, 'use contoso');
      uninstall();
      uninstall = installTestChange();
      const { cards } = await lonely.say(helper, `test delete ${ADELE}`);
      assert.match(cardText(cards[0]), /Nobody who may approve this could be reached/);
      const listed = await lonely.say(admin, 'approvals');
      assert.match(cardText(listed.cards[0]), /Delete Adele Vance/);
    } finally {
      await lonely.stop();
    }
  });

  it('reject with a comment: nothing runs, the requester is told, every copy shows it', async () => {
    await start();
    await bot.say(OWNER, 'approvals here', { channel: true });
    const request = await ask(henry, `test delete ${ADELE} because leaving`);
    const rejected = await bot.click(uma, 'approval.reject', { approvalId: request.id, comment: 'Needs manager sign-off' }, { channel: true });
    assert.match(cardText(rejected.card), /Rejected by Uma UserAdmin/);
    assert.match(cardText(rejected.card), /Needs manager sign-off/);
    assert.equal(await adeleExists(), true);
    assert.match(sentTexts(inConversation(rejected.calls, bot.conversationId(henry))), /Rejected: Delete Adele Vance[\s\S]*Needs manager sign-off/);
    assert.match(sentTexts(inConversation(rejected.calls, CHANNEL).filter((c) => c.method === 'PUT')), /Rejected by Uma UserAdmin/);
    const late = await bot.click(gina, 'approval.approve', { approvalId: request.id }, { channel: true });
    assert.match(cardText(late.card), /already rejected/);
    assert.equal(await adeleExists(), true);
  });

  it('expires after APPROVAL_TTL_HOURS: an approval press then sees "expired" and nothing runs', async () => {
    await start({ APPROVAL_TTL_HOURS: '2' });
    const request = await ask(henry, `test delete ${ADELE}`);
    bot.clock.advance(2 * HOUR + 1);
    const late = await bot.click(uma, 'approval.approve', { approvalId: request.id });
    assert.match(cardText(late.card), /Expired at/);
    assert.deepEqual(verbs(late.card), ['approval.refresh']);
    assert.equal(await adeleExists(), true);
    assert.ok((await auditFor(request.id)).some((e) => e.action === 'approval.expire'));
    assert.match(cardText((await bot.click(henry, 'approval.refresh', { approvalId: request.id })).card), /Expired at/);
  });

  it('the requester may cancel while pending; others may not', async () => {
    await start();
    const request = await ask(henry, `test delete ${ADELE}`);
    const foreign = await bot.click(uma, 'approval.cancel', { approvalId: request.id });
    assert.match(cardText(foreign.card), /Only the person who asked can cancel/);
    const cancelled = await bot.click(henry, 'approval.cancel', { approvalId: request.id });
    assert.match(cardText(cancelled.card), /Cancelled by Henry Helpdesk/);
    const late = await bot.click(uma, 'approval.approve', { approvalId: request.id });
    assert.match(cardText(late.card), /cancelled this request/);
    assert.equal(await adeleExists(), true);
  });

  it('a pending request survives a restart and then runs exactly what was stored', async () => {
    await start();
    const request = await ask(henry, `test delete ${ADELE} because ticket 9`);
    await bot.restart();
    const approved = await bot.click(uma, 'approval.approve', { approvalId: request.id });
    assert.match(cardText(approved.card), /Approved by Uma UserAdmin/);
    assert.equal(await adeleExists(), false);
    assert.match(sentTexts(inConversation(approved.calls, bot.conversationId(henry))), /Deleted adele\.vance/);
  });

  it('threshold: one person may change up to APPROVAL_THRESHOLD_USERS users, more need a second', async () => {
    await start({ APPROVAL_THRESHOLD_USERS: '1' });
    const one = await bot.say(OWNER, 'test delete alex.wilber@contoso.onmicrosoft.com');
    assert.match(one.cards.map(cardText).join('\n'), /^Deleted alex\.wilber/m, 'at the threshold it runs at once');
    const two = await ask(OWNER, `test delete ${ADELE} diego.siciliani@contoso.onmicrosoft.com`);
    assert.match(cardText(two.card), /more users than policy lets one person change/);
    assert.equal(await adeleExists(), true);
  });

  it('admin-role targets: a user admin may ask, only a global admin may approve; helpdesk is refused', async () => {
    await start();
    const refused = await bot.say(henry, `test delete ${MEGAN}`);
    assert.match(cardText(refused.cards[0]), /holds an admin role/);
    const request = await ask(uma, `test delete ${MEGAN}`);
    assert.match(cardText(request.card), /touches a user who holds an admin role/);
    const otherUserAdmin = persona('Ulla UserAdmin');
    await bot.grant(otherUserAdmin, 'user-admin', [CONTOSO]);
    const denied = await bot.click(otherUserAdmin, 'approval.approve', { approvalId: request.id });
    assert.match(cardText(denied.card), /only a Global admin or Admin agent may approve/);
    const approved = await bot.click(gina, 'approval.approve', { approvalId: request.id });
    assert.match(cardText(approved.card), /Approved by Gina GlobalAdmin/);
    await assert.rejects(bot.directory.getUser(CONTOSO, MEGAN));
  });

  it('`approvals` lists what the caller may decide, with buttons, and marks their own', async () => {
    await start();
    const request = await ask(henry, `test delete ${ADELE} because ticket 4711`);
    const forUma = (await bot.say(uma, 'approvals')).cards[0];
    assert.match(cardText(forUma), /Approval requests \(1 for you to decide\)/);
    assert.match(cardText(forUma), /asked by Henry Helpdesk · ticket 4711/);
    assert.ok(cardActions(forUma).some((a) => a.verb === 'approval.approve' && a.data.approvalId === request.id));
    const forHenry = (await bot.say(henry, 'approvals')).cards[0];
    assert.match(cardText(forHenry), /0 for you to decide/);
    assert.match(cardText(forHenry), /Open \(yours\)/);
    assert.ok(!cardActions(forHenry).some((a) => a.verb === 'approval.approve'));
    const fabrikamOnly = persona('Fiona Fabrikam');
    await bot.grant(fabrikamOnly, 'user-admin', [FABRIKAM]);
    assert.match(cardText((await bot.say(fabrikamOnly, 'approvals')).cards[0]), /Nothing is waiting for you/);
  });
});

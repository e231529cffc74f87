import assert from 'node:assert/strict';
import { BotHarness, OWNER, persona, type Persona } from '../helpers/bot-harness.js';
import { CHANNEL, CONTOSO, useContoso } from '../helpers/setup.js';
import { approvalIdOf, cardActions, cardOf, cardText, inConversation, sentTexts } from '../helpers/cards.js';
import { passwordMessages, passwordWorks } from '../helpers/passwords.js';
import { importsFor } from '../../src/features/import/support/runner.js';

const DOMAIN = 'contoso.onmicrosoft.com';
const upn = (local: string) => `${local}@${DOMAIN}`;
const HEADER = 'User Name,First Name,Last Name,Display Name,Usage Location,Licenses';

/** The real operations (not a test stand-in) requested by operators who may only ask, and approved in the channel. */
describe('approvals with the real operations, end to end', () => {
  let bot: BotHarness;
  const henry = persona('Henry Helpdesk');
  const uma = persona('Uma UserAdmin');
  const ursula = persona('Ursula UserAdmin');
  const gina = persona('Gina GlobalAdmin');
  const henryChat = () => bot.conversationId(henry);

  beforeEach(async () => {
    bot = await BotHarness.start({ env: { IMPORT_PROGRESS_INTERVAL_MS: '0' } });
    await bot.grant(henry, 'helpdesk', [CONTOSO]);
    await bot.grant(uma, 'user-admin', [CONTOSO]);
    await bot.grant(ursula, 'user-admin', [CONTOSO]);
    await bot.grant(gina, 'global-admin', null);
    await useContoso(bot, [OWNER, henry, uma, ursula, gina]);
    const bound = await bot.say(gina, 'approvals here', { channel: true });
    assert.match(cardText(bound.cards[0]), /posted here/);
  });
  afterEach(async () => {
    await importsFor(bot.runtime.app).idle();
    await bot.stop();
  });

  /** Asks as `who`; the answer must be an approval card that was posted to the channel. */
  const ask = async (who: Persona, text: string) => {
    const { cards, calls } = await bot.say(who, text);
    assert.equal(cards.length, 1, `one reply to "${text}"`);
    const id = approvalIdOf(cards[0]);
    const posted = inConversation(calls, CHANNEL).filter((c) => c.method === 'POST');
    assert.equal(posted.length, 1, 'the approval card lands in the approvals channel');
    return { id, card: cards[0], channelCard: cardOf(posted[0]?.activity), channelMessageId: String(posted[0]?.activity.id) };
  };
  /** Approves from the channel card and checks everybody sees "approved by" and nothing went wrong. */
  const approve = async (who: Persona, request: { id: string; channelMessageId: string }) => {
    const approved = await bot.click(who, 'approval.approve', { approvalId: request.id, comment: '' }, { channel: true });
    assert.equal(approved.body?.statusCode, 200);
    assert.match(cardText(approved.card), new RegExp(`Approved by ${who.name}`));
    assert.match(cardText(approved.card), /Done: the action ran/, cardText(approved.card));
    const channelUpdate = inConversation(approved.calls, CHANNEL).filter((c) => c.method === 'PUT' && c.activityId === request.channelMessageId).at(-1);
    assert.match(cardText(cardOf(channelUpdate?.activity)), new RegExp(`Approved by ${who.name}`), 'the channel card shows who approved');
    assert.doesNotMatch(sentTexts(approved.calls), /Something went wrong|failed/i);
    const toRequester = inConversation(approved.calls, henryChat()).filter((c) => c.method === 'POST');
    return { approved, toRequester, requesterText: sentTexts(toRequester) };
  };

  it('delete: helpdesk asks with a ticket, a user admin approves in the channel, the user is deleted and the requester told', async () => {
    const request = await ask(henry, `delete user ${upn('adele.vance')} because ticket 4711`);
    assert.match(cardText(request.channelCard), /Delete Adele Vance/);
    assert.match(cardText(request.channelCard), /ticket 4711/);
    assert.ok(await bot.directory.getUser(CONTOSO, upn('adele.vance')), 'nothing happens before approval');
    const { requesterText } = await approve(uma, request);
    await assert.rejects(bot.directory.getUser(CONTOSO, upn('adele.vance')));
    assert.equal((await bot.directory.getDeletedUser(CONTOSO, upn('adele.vance'))).deletedBy.name, 'Uma UserAdmin', 'ran under the approver');
    assert.match(requesterText, /Approved: Delete Adele Vance/);
    assert.match(requesterText, /Adele Vance/);
    const audit = (await bot.runtime.app.audit.all()).filter((e) => e.approvalId === request.id);
    assert.deepEqual(audit.map((e) => `${e.action}:${e.outcome}`), ['user.delete:requested', 'approval.approve:success', 'user.delete:success']);
    assert.equal(audit[0]?.details?.reason, 'ticket 4711');
  });

  it('restore and license assign / remove requested by helpdesk run after approval', async () => {
    const restore = await ask(henry, `restore ${upn('kim.abercrombie')} because ticket 12`);
    const restored = await approve(uma, restore);
    assert.ok(await bot.directory.getUser(CONTOSO, upn('kim.abercrombie')));
    assert.match(restored.requesterText, /Kim Abercrombie was restored/);

    const assign = await ask(henry, `assign O365_BUSINESS_PREMIUM to ${upn('allan.deyoung')} because new hire`);
    assert.match(cardText(assign.channelCard), /Allan Deyoung/);
    const assigned = await approve(uma, assign);
    const bp = (await bot.directory.listSubscriptions(CONTOSO)).find((s) => s.skuPartNumber === 'O365_BUSINESS_PREMIUM');
    assert.ok((await bot.directory.getUser(CONTOSO, upn('allan.deyoung'))).licenses.includes(bp?.skuId ?? ''));
    assert.match(assigned.requesterText, /Licenses changed/);

    const remove = await ask(henry, `remove EXCHANGESTANDARD from ${upn('enrico.cattaneo')}, ${upn('irvin.sayers')} because leavers`);
    const removed = await approve(uma, remove);
    const ex = (await bot.directory.listSubscriptions(CONTOSO)).find((s) => s.skuPartNumber === 'EXCHANGESTANDARD');
    for (const who of ['enrico.cattaneo', 'irvin.sayers']) assert.equal((await bot.directory.getUser(CONTOSO, upn(who))).licenses.includes(ex?.skuId ?? ''), false);
    assert.match(removed.requesterText, /Licenses changed/);
    assert.doesNotMatch(removed.requesterText, /Confirm/, 'an approved request does not ask the requester to confirm again');
  });

  it('create: the temporary password goes only to the requester\'s personal chat, and its hide is scheduled', async () => {
    const request = await ask(henry, 'create user Anna Berg with O365_BUSINESS_PREMIUM because ticket 5');
    const { approved, toRequester } = await approve(uma, request);
    const created = await bot.directory.getUser(CONTOSO, 'anna.berg@contoso.onmicrosoft.com');
    const passwords = passwordMessages(approved.calls);
    assert.equal(passwords.length, 1, 'one password message');
    assert.equal(passwords[0]?.call.conversationId, henryChat(), "only in the requester's personal chat");
    assert.ok(await passwordWorks(bot, CONTOSO, created.upn, passwords[0]?.password ?? ''));
    assert.ok(!JSON.stringify(approved.card).includes(passwords[0]?.password ?? '-'), "not on the approver's card");
    for (const other of [CHANNEL, bot.conversationId(uma)]) assert.equal(passwordMessages(inConversation(approved.calls, other)).length, 0);
    const hides = (await bot.runtime.app.state.schedule.list('password.hide')).filter((h) => h.key === passwords[0]?.activityId);
    assert.equal(hides.length, 1, 'the hide is scheduled');
    assert.equal((hides[0]?.payload.address as { conversation?: { id?: string } }).conversation?.id, henryChat());
    assert.doesNotMatch(sentTexts(toRequester), /sent to Uma/, 'the requester is not told the password went to the approver');
  });

  it('create by form: Create asks for approval; after it, the password goes only to the requester', async () => {
    const form = (await bot.say(henry, 'create user')).cards[0];
    assert.match(cardText(form), /Reason or ticket/, 'who may only ask is asked for a reason');
    assert.doesNotMatch(cardText((await bot.say(uma, 'create user')).cards[0]), /Reason or ticket/);
    const submit = cardActions(form).find((a) => a.verb === 'user.create.submit');
    assert.ok(submit, 'the form has Create');
    const pressed = await bot.click(henry, submit.verb, { ...submit.data, firstName: 'Fern', lastName: 'Form', usageLocation: 'US', licenses: '', reason: 'ticket 9000' });
    const id = approvalIdOf(pressed.card);
    assert.match(cardText(pressed.card), /Create Fern Form/);
    assert.match(cardText(pressed.card), /ticket 9000/, 'the reason typed on the form reaches the approval card');
    assert.equal(bot.directory.state(CONTOSO).findUser('fern.form@contoso.onmicrosoft.com'), undefined, 'nothing is created before approval');
    const posted = inConversation(pressed.calls, CHANNEL).find((c) => c.method === 'POST');
    const { approved } = await approve(uma, { id, channelMessageId: String(posted?.activity.id) });
    const passwords = passwordMessages(approved.calls);
    assert.deepEqual(passwords.map((p) => p.call.conversationId), [henryChat()]);
    assert.ok(await passwordWorks(bot, CONTOSO, 'fern.form@contoso.onmicrosoft.com', passwords[0]?.password ?? ''));
  });

  it("reset: a user admin's reset of an admin-role user needs a Global admin's approval; the password goes to the requester", async () => {
    const request = await ask(uma, `reset password ${upn('megan.bowen')} because locked out`);
    assert.match(cardText(request.channelCard), /admin role/);
    const refused = await bot.click(ursula, 'approval.approve', { approvalId: request.id }, { channel: true });
    assert.match(cardText(refused.card), /only a Global admin or Admin agent may approve/);
    const approved = await bot.click(gina, 'approval.approve', { approvalId: request.id }, { channel: true });
    assert.match(cardText(approved.card), /Approved by Gina GlobalAdmin/);
    const passwords = passwordMessages(approved.calls);
    assert.equal(passwords.length, 1);
    assert.equal(passwords[0]?.call.conversationId, bot.conversationId(uma));
    assert.ok(await passwordWorks(bot, CONTOSO, upn('megan.bowen'), passwords[0]?.password ?? ''));
    assert.equal((await bot.runtime.app.state.schedule.list('password.hide')).filter((h) => h.key === passwords[0]?.activityId).length, 1);
  });

  it('CSV import asked by helpdesk and approved: runs, progress and passwords in the requester\'s personal chat only', async () => {
    const before = bot.connector.calls.length;
    const review = await bot.say(henry, `import users\n${HEADER}\nimp.one@contoso.com,Imp,One,,US,O365_BUSINESS_PREMIUM\nimp.two@contoso.com,Imp,Two,,US,\n`);
    const reviewCall = review.calls.find((c) => cardActions(cardOf(c.activity)).some((a) => a.verb === 'import.create'));
    const create = cardActions(cardOf(reviewCall?.activity)).find((a) => a.verb === 'import.create');
    assert.ok(create && reviewCall);
    const pressed = await bot.click(henry, create.verb, create.data, { replyToId: String(reviewCall.activity.id) });
    const id = approvalIdOf(pressed.card);
    const posted = inConversation(pressed.calls, CHANNEL).find((c) => c.method === 'POST');
    await approve(uma, { id, channelMessageId: String(posted?.activity.id) });
    await importsFor(bot.runtime.app).idle();
    for (const who of ['imp.one', 'imp.two']) assert.ok(await bot.directory.getUser(CONTOSO, `${who}@contoso.com`));
    const calls = bot.connector.calls.slice(before);
    const passwordCards = calls.filter((c) => /Temporary passwords:/.test(cardText(cardOf(c.activity))));
    assert.ok(passwordCards.length > 0, 'the passwords were sent');
    assert.deepEqual([...new Set(passwordCards.map((c) => c.conversationId))], [henryChat()]);
    const progress = calls.filter((c) => /finished|created/i.test(cardText(cardOf(c.activity))) && c.conversationId !== henryChat() && c.conversationId !== CHANNEL);
    assert.equal(progress.filter((c) => /Temporary passwords/.test(cardText(cardOf(c.activity)))).length, 0);
    assert.match(sentTexts(inConversation(calls, henryChat())), /2 created|Created 2|2 of 2/i, 'the requester sees the import finish');
    assert.doesNotMatch(sentTexts(calls), /Something went wrong/);
    const status = await bot.say(henry, 'import status');
    assert.match(cardText(status.cards[0]), /finished/);
  });
});

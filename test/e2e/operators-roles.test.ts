import assert from 'node:assert/strict';
import { BotHarness, OWNER, persona, type Persona } from '../helpers/bot-harness.js';
import { CHANNEL, CONTOSO } from '../helpers/setup.js';
import { assertGoodCard } from '../helpers/card-quality.js';
import { approvalIdOf, cardActions, cardOf, cardText, inConversation } from '../helpers/cards.js';
import { type ConnectorCall } from '../helpers/fake-connector.js';
import { isPersonalChat, passwordMessages, passwordWorks } from '../helpers/passwords.js';
import { HOUR } from '../helpers/test-clock.js';

const upn = (local: string) => `${local}@contoso.onmicrosoft.com`;

/** Every card the bot sent or updated during a step must be fit to show a person. */
const allGood = (calls: ConnectorCall[], context: string) => {
  for (const c of calls) {
    const card = cardOf(c.activity);
    if (card) assertGoodCard(card, `${context} (${c.method} ${c.conversationId})`);
  }
};

/** Four people with different roles working one day of tickets for Contoso, through the real HTTP path. */
describe('scenarios: helpdesk, user admin, admin agent and global admin together', () => {
  let bot: BotHarness;
  const henry = persona('Henry Helpdesk');
  const uma = persona('Uma UserAdmin');
  const aaron = persona('Aaron AdminAgent');
  const gina = persona('Gina GlobalAdmin');
  const temp = persona('Tess Temp');

  const say = async (who: Persona, text: string, channel = false) => {
    const result = await bot.say(who, text, { channel });
    assert.equal(result.status, 200);
    assert.ok(result.cards.length > 0, `a reply to "${text}"`);
    allGood(result.calls, `"${text}" by ${who.name}`);
    return { ...result, text: result.cards.map(cardText).join('\n---\n') };
  };
  const click = async (who: Persona, verb: string, data: Record<string, unknown>, channel = false) => {
    const result = await bot.click(who, verb, data, { channel });
    assert.equal(result.body?.statusCode, 200, `${verb} by ${who.name}`);
    allGood(result.calls, `${verb} by ${who.name}`);
    return { ...result, text: assertGoodCard(result.card, `${verb} by ${who.name}`) };
  };
  /** Asks as `who` for something their role may only request: an approval card back and one in the channel. */
  const ask = async (who: Persona, text: string) => {
    const result = await say(who, text);
    const id = approvalIdOf(result.cards[0]);
    assert.match(result.text, /Waiting for approval/);
    const posted = inConversation(result.calls, CHANNEL).filter((c) => c.method === 'POST');
    assert.equal(posted.length, 1, `"${text}" posts one approval card in the channel`);
    const channelCard = cardOf(posted[0]?.activity);
    assert.ok(cardActions(channelCard).some((a) => a.verb === 'approval.approve'), 'the channel card has Approve');
    return { id, text: result.text, channelText: cardText(channelCard) };
  };
  const exists = (who: string) => bot.directory.getUser(CONTOSO, who).then(() => true, () => false);

  /** The global admin grants the roles (one customer and all customers) and binds the approvals channel. */
  const setUp = async () => {
    bot = await BotHarness.start();
    await say(OWNER, `grant global-admin to ${gina.aadObjectId}`);
    const helpdesk = await say(gina, `grant helpdesk to ${henry.aadObjectId} for contoso`);
    assert.match(helpdesk.text, /Role granted[\s\S]*Helpdesk agent for Contoso/);
    assert.match((await say(gina, `grant user-admin to ${uma.aadObjectId} for contoso`)).text, /User management admin for Contoso/);
    assert.match((await say(gina, `grant admin-agent to ${aaron.aadObjectId}`)).text, /Admin agent for all customers/);
    const bound = await say(gina, 'approvals here', true);
    assert.match(bound.text, /Approvals channel set[\s\S]*posted here/);
    for (const who of [henry, uma, aaron, gina]) await say(who, 'use contoso');
  };

  afterEach(async () => {
    await bot.stop();
  });

  it('grant and revoke, for one customer and for all: refusals say what to do, the revoked person loses access', async () => {
    await setUp();
    assert.match((await say(gina, `grant helpdesk to ${temp.aadObjectId}`)).text, /Helpdesk agent for all customers/);
    assert.match((await say(gina, `grant helpdesk to ${temp.aadObjectId}`)).text, /Nothing to change[\s\S]*already/);
    const partial = await say(gina, `revoke helpdesk from ${temp.aadObjectId} for contoso`);
    assert.match(partial.text, /for all customers; revoke it without "for"/, 'a partial revoke of an all-customers grant explains itself');
    assert.match((await say(temp, 'use contoso')).text, /Contoso/);
    assert.match((await say(gina, `revoke helpdesk from ${temp.aadObjectId}`)).text, /Role revoked[\s\S]*no longer Helpdesk agent for every customer/);
    const after = await say(temp, 'users');
    assert.doesNotMatch(after.text, /Adele Vance/, 'a revoked operator no longer sees users');
    assert.match(after.text, /You have no role[\s\S]*whoami/, 'and is told they have no role and how to get one, not to pick a customer');
    assert.match((await say(gina, 'grant wizard to ' + temp.aadObjectId)).text, /"wizard" is not a role/);
    const notAllowed = await say(henry, `grant helpdesk to ${temp.aadObjectId}`);
    assert.doesNotMatch(notAllowed.text, /Role granted/, 'helpdesk may not grant roles');
    assert.equal((await bot.runtime.app.state.operators.allGrants()).some((g) => g.aadObjectId === temp.aadObjectId), false);
    const roles = await say(gina, 'roles');
    assert.match(roles.text, new RegExp(henry.aadObjectId));
    assert.doesNotMatch(roles.text, new RegExp(temp.aadObjectId), 'the revoked grant is gone from the list');
  });

  it('approvals here: only in a channel, only by a global admin for all customers; a one-customer global admin is told why', async () => {
    await setUp();
    const personal = await say(gina, 'approvals here');
    assert.match(personal.text, /Type this in the Teams channel where approvers should see requests/);
    const byUserAdmin = await say(uma, 'approvals here', true);
    assert.match(byUserAdmin.text, /Not allowed[\s\S]*Only Global admin for all customers may do this/);
    const local = persona('Lara LocalGlobal');
    await say(gina, `grant global-admin to ${local.aadObjectId} for contoso`);
    await say(local, 'use contoso');
    const scoped = await say(local, `grant helpdesk to ${temp.aadObjectId} for contoso`);
    assert.match(scoped.text, /Not allowed[\s\S]*for all customers may do this/);
    assert.equal((await bot.runtime.app.state.conversations.approvalChannels()).length, 1, 'the refused attempts changed nothing');
    const forContoso = await say(gina, 'approvals here for contoso', true);
    assert.match(forContoso.text, /Approval requests for Contoso will be posted here/);
  });

  it('a day of tickets: reset, refusal, three requests approved / rejected / cancelled, listed and audited', async () => {
    await setUp();
    // Reset a normal user's password: works, and the password appears only in Henry's personal chat.
    const reset = await say(henry, `reset password ${upn('adele.vance')}`);
    assert.match(reset.text, /Reset the password of Adele Vance\?/);
    const confirm = cardActions(reset.cards[0]).find((a) => a.title === 'Reset password');
    assert.ok(confirm, 'the confirmation has a Reset password button');
    const done = await click(henry, confirm.verb, confirm.data);
    assert.match(done.text, /Password reset for Adele Vance/);
    const passwords = passwordMessages(done.calls);
    assert.equal(passwords.length, 1);
    assert.ok(passwords[0] && isPersonalChat(passwords[0].call) && passwords[0].call.conversationId === bot.conversationId(henry));
    assert.ok(await passwordWorks(bot, CONTOSO, upn('adele.vance'), passwords[0]?.password ?? ''));
    assert.equal(inConversation(done.calls, CHANNEL).length, 0, 'nothing about the reset in the channel');

    // An admin's password: refused, with the reason and who can help.
    const refused = await say(henry, `reset password ${upn('megan.bowen')}`);
    assert.match(refused.text, /Megan Bowen holds an admin role/);
    assert.equal(cardActions(refused.cards[0]).some((a) => a.title === 'Reset password'), false);

    // Three requests, each an approval card in the channel.
    const del = await ask(henry, `delete user ${upn('diego.siciliani')} because ticket 100`);
    assert.match(del.channelText, /Delete Diego Siciliani[\s\S]*Henry Helpdesk[\s\S]*ticket 100/);
    const assign = await ask(henry, `assign O365_BUSINESS_PREMIUM to ${upn('allan.deyoung')} because ticket 101`);
    assert.match(assign.channelText, /Allan Deyoung/);
    const create = await ask(henry, 'create user Nora New with O365_BUSINESS_PREMIUM because ticket 102');
    assert.match(create.channelText, /Nora New/);
    assert.equal(await exists(upn('diego.siciliani')), true, 'nothing runs before approval');

    const forUma = await say(uma, 'approvals');
    assert.match(forUma.text, /3 for you to decide/);
    for (const title of [/Delete Diego Siciliani/, /Allan Deyoung/, /Nora New/]) assert.match(forUma.text, title);
    assert.match((await say(henry, 'approvals')).text, /0 for you to decide[\s\S]*asked by you/);

    // Uma approves the delete and rejects the assign with a comment; Henry cancels the create.
    const approved = await click(uma, 'approval.approve', { approvalId: del.id, comment: '' }, true);
    assert.match(approved.text, /Approved by Uma UserAdmin/);
    assert.equal(await exists(upn('diego.siciliani')), false);
    const rejected = await click(uma, 'approval.reject', { approvalId: assign.id, comment: 'No seats budgeted this quarter' }, true);

    assert.match(rejected.text, /Rejected by Uma UserAdmin[\s\S]*No seats budgeted this quarter/);
    const toHenry = inConversation(rejected.calls, bot.conversationId(henry)).map((c) => cardText(cardOf(c.activity))).join('\n');
    assert.match(toHenry, /Rejected: [\s\S]*No seats budgeted this quarter/);
    const cancelled = await click(henry, 'approval.cancel', { approvalId: create.id });
    assert.match(cancelled.text, /Cancelled by Henry Helpdesk/);
    assert.equal(await exists('nora.new@contoso.onmicrosoft.com'), false);
    assert.match((await say(uma, 'approvals')).text, /Nothing is waiting for you/);

    // The admin agent reads the audit trail; the helpdesk agent may not.
    const audit = await say(aaron, 'audit 10');
    for (const id of [del.id, assign.id, create.id]) assert.match(audit.text, new RegExp(`approval ${id}`));
    for (const action of ['user.delete · requested', 'approval.approve', 'user.delete · success', 'approval.reject', 'approval.cancel']) assert.ok(audit.text.includes(action), `audit shows ${action}`);
    assert.match(audit.text, /Uma UserAdmin[\s\S]*Henry Helpdesk/);
    const helpdeskAudit = await say(henry, 'audit 10');
    assert.doesNotMatch(helpdeskAudit.text, /approval\.approve/, 'helpdesk sees no audit entries');
    assert.match(helpdeskAudit.text, /Not allowed[\s\S]*Only Global admin or Admin agent for all customers may do this/);
    assert.doesNotMatch(helpdeskAudit.text, /for this customer/, 'the audit trail is partner-wide, not per customer');
  });

  it('an approval left for 25 hours has expired: Approve says so and nothing runs', async () => {
    await setUp();
    const request = await ask(henry, `delete user ${upn('adele.vance')} because ticket 7`);
    bot.clock.advance(25 * HOUR);
    const late = await click(uma, 'approval.approve', { approvalId: request.id }, true);
    assert.match(late.text, /Expired at[\s\S]*nothing was changed/);
    assert.equal(cardActions(late.card).some((a) => a.verb === 'approval.approve'), false, 'no Approve button any more');
    assert.equal(await exists(upn('adele.vance')), true);
    assert.doesNotMatch((await say(uma, 'approvals')).text, /Adele Vance/);
  });

  it("a revoked operator's pending request can no longer be approved; it can still be rejected", async () => {
    await setUp();
    const request = await ask(henry, 'create user Rita Revoked because ticket 8');
    await say(gina, `revoke helpdesk from ${henry.aadObjectId} for contoso`);
    const refused = await click(uma, 'approval.approve', { approvalId: request.id }, true);
    assert.match(refused.text, /Henry Helpdesk no longer has a role/);
    assert.equal(await exists('rita.revoked@contoso.onmicrosoft.com'), false, 'nothing is created for someone who lost their role');
    assert.equal(passwordMessages(refused.calls).length, 0, 'no password goes to a revoked operator');
    const listed = await say(uma, 'approvals');
    assert.match(listed.text, /Create Rita Revoked[\s\S]*Henry Helpdesk no longer has a role for this: open it to reject/);
    assert.equal(cardActions(listed.cards[0]).some((a) => a.verb === 'approval.approve' && a.data.approvalId === request.id), false, 'no Approve in the list for it');
    const rejected = await click(uma, 'approval.reject', { approvalId: request.id, comment: 'Henry has left the team' }, true);
    assert.match(rejected.text, /Rejected by Uma UserAdmin/);
  });

  it("a user admin's request touching a Global Administrator: another user admin may not approve it, the admin agent may", async () => {
    await setUp();
    const ulla = persona('Ulla UserAdmin');
    await say(gina, `grant user-admin to ${ulla.aadObjectId} for contoso`);
    const request = await ask(uma, `remove SPE_E3 from ${upn('megan.bowen')} because ticket 9`);
    assert.match(request.channelText, /admin role/);
    const denied = await click(ulla, 'approval.approve', { approvalId: request.id }, true);
    assert.match(denied.text, /only a Global admin or Admin agent may approve/);
    assert.match(denied.text, /Waiting for approval/);
    const approved = await click(aaron, 'approval.approve', { approvalId: request.id }, true);
    assert.match(approved.text, /Approved by Aaron AdminAgent/);
  });
});

import assert from 'node:assert/strict';
import { BotHarness, OWNER, persona, type Persona } from '../helpers/bot-harness.js';
import { cardActions, cardText } from '../helpers/fake-connector.js';
import { TENANT, startHarness, type Harness } from './harness.js';

/**
 * Issue 13: the bot on the Graph adapter, against a fake Graph that refuses to show directory roles (the app has the
 * documented permissions, without Directory.Read.All). Through HTTP into /api/messages, as Teams sends it.
 */
const DENIED = { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } };
const REFUSAL = /Microsoft Graph did not let the bot read admin roles in Contoso \(missing Directory\.Read\.All\)[\s\S]*refused/;
const ADMIN = 'admin@contoso.onmicrosoft.com';
const BOB = 'bob.berg@contoso.com';

describe('Graph fails closed through the bot: admin roles the app may not read', () => {
  let graph: Harness;
  let bot: BotHarness;
  let helpdesk: Persona;
  let userAdmin: Persona;
  beforeEach(async () => {
    graph = await startHarness();
    graph.fake.inject({ method: 'GET', path: /memberOf|^\/directoryRoles/, status: 403, times: 10_000, body: DENIED });
    bot = await BotHarness.start({ service: graph.directory });
    helpdesk = persona('Hal Helpdesk');
    userAdmin = persona('Uma Useradmin');
    await bot.grant(helpdesk, 'helpdesk', [TENANT]);
    await bot.grant(userAdmin, 'user-admin', [TENANT]);
    for (const who of [helpdesk, userAdmin, OWNER]) await bot.say(who, 'use contoso');
  });
  afterEach(async () => {
    await bot.stop();
    await graph.teardown();
  });

  const passwordWrites = () => graph.fake.requests({ method: 'PATCH' }).filter((r) => JSON.stringify(r.body ?? {}).includes('passwordProfile'));

  it('a helpdesk reset of an admin (or of anyone) is refused naming the missing permission; nothing is sent to Graph', async () => {
    for (const upn of [ADMIN, BOB]) {
      const text = cardText((await bot.say(helpdesk, `reset password ${upn}`)).cards[0]);
      assert.match(text, REFUSAL, text);
      assert.ok(!cardActions((await bot.say(helpdesk, `reset password ${upn}`)).cards[0]).some((a) => a.title === 'Reset password'));
    }
    const forged = await bot.click(helpdesk, 'user.resetPassword', { userId: graph.ids.admin });
    assert.match(cardText(forged.card), REFUSAL);
    assert.equal(passwordWrites().length, 0);
    // Refusals are audited aggregated per caller, command and minute: end the minute so its count is written.
    await bot.runtime.app.audit.flushDue(new Date(Date.now() + 120_000));
    const denied = (await bot.runtime.app.audit.all()).filter((e) => e.action === 'user.resetPassword' && e.outcome === 'denied');
    const summary = denied.find((e) => typeof e.details?.count === 'number');
    assert.ok(summary && (summary.details as { count: number }).count >= 3, JSON.stringify(denied.map((e) => e.details)));
    assert.ok(denied.every((e) => (e.details as { reason?: string }).reason === 'admin roles unknown'));
  });

  it('a user admin\'s delete is refused too, not sent for approval as if the user were no admin', async () => {
    const text = cardText((await bot.say(userAdmin, `delete user ${ADMIN} because left`)).cards[0]);
    assert.match(text, REFUSAL, text);
    assert.equal((await bot.runtime.app.state.approvals.list({ limit: 100 })).length, 0);
    assert.ok(graph.fake.tenant(TENANT).users.has(graph.ids.admin));
  });

  it('the user card and the users list say the roles are unknown; the helpdesk card offers no reset', async () => {
    const card = (await bot.say(helpdesk, `user ${BOB}`)).cards[0];
    assert.match(cardText(card), /Roles unknown \(the bot lacks Directory\.Read\.All\)/);
    assert.ok(!cardActions(card).some((a) => a.title === 'Reset password'));
    assert.match(cardText((await bot.say(helpdesk, 'users')).cards[0]), /Admin Istrator \(roles unknown\)/);
  });

  it('a Global admin, whom the rule does not limit, may still reset: the confirmation shows the roles as unknown', async () => {
    const card = (await bot.say(OWNER, `reset password ${ADMIN}`)).cards[0];
    const text = cardText(card);
    assert.match(text, /Reset the password of Admin Istrator\?/, text);
    assert.match(text, /Roles unknown/);
  });
});

import assert from 'node:assert/strict';
import { BOT_ID, BotHarness, OWNER, persona } from '../helpers/bot-harness.js';
import { FABRIKAM } from '../helpers/setup.js';
import { cardText } from '../helpers/cards.js';

describe('audit: the trail in chat and as a CSV file', () => {
  let bot: BotHarness;
  const agent = persona('Ann Agent');
  const helper = persona('Hank Helpdesk');
  beforeEach(async () => {
    bot = await BotHarness.start();
    await bot.say(OWNER, `grant helpdesk to ${helper.aadObjectId} for fabrikam`);
    await bot.say(OWNER, `grant admin-agent to ${agent.aadObjectId}`);
    await bot.runtime.app.audit.append({
      at: bot.clock.now().toISOString(),
      actor: { tenantId: agent.tenantId, aadObjectId: agent.aadObjectId, name: '@Evil, "Agent"' },
      role: 'admin-agent',
      customerId: FABRIKAM,
      customerName: 'Fabrikam',
      action: 'user.delete',
      target: '=HYPERLINK("http://evil.example","click")',
      outcome: 'success',
      approvalId: 'appr0val1d00',
    });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('shows the latest entries, filtered by target, actor or action, to global admins and admin agents only', async () => {
    const all = cardText((await bot.say(OWNER, 'audit')).cards[0]);
    assert.match(all, /Audit: latest 3 entries/);
    assert.match(all, /user\.delete · success/);
    assert.match(all, /approval appr0val1d00/);
    assert.match(all, /Olivia Owner .* as Global admin/);
    assert.match(cardText((await bot.say(OWNER, 'audit 1')).cards[0]), /latest 1 entry/);
    const forTarget = cardText((await bot.say(OWNER, `audit for ${helper.aadObjectId}`)).cards[0]);
    assert.match(forTarget, /latest 1 entry for/);
    assert.match(forTarget, /grant · success/);
    const byAgent = cardText((await bot.say(agent, `audit by ${agent.aadObjectId}`)).cards[0]);
    assert.match(byAgent, /latest 1 entry/);
    assert.match(byAgent, /Evil/);
    await bot.runtime.app.audit.append({
      at: bot.clock.now().toISOString(),
      actor: { tenantId: OWNER.tenantId, aadObjectId: OWNER.aadObjectId, name: OWNER.name },
      role: 'global-admin',
      customerId: FABRIKAM,
      customerName: 'Fabrikam',
      action: 'password.reset',
      target: 'adele.vance@contoso.onmicrosoft.com',
      outcome: 'success',
    });
    const forUpn = cardText((await bot.say(OWNER, 'audit 5 for Adele.Vance@contoso.onmicrosoft.com')).cards[0]);
    assert.match(forUpn, /latest 1 entry for/);
    assert.match(forUpn, /password\.reset · success/);
    assert.doesNotMatch(forUpn, /grant/);
    const byAction = cardText((await bot.say(OWNER, 'audit action grant')).cards[0]);
    assert.match(byAction, /latest 2 entries/);
    assert.doesNotMatch(byAction, /user\.delete/);
    assert.match(cardText((await bot.say(OWNER, 'audit sideways')).cards[0]), /Usage: `audit/);
    assert.match(cardText((await bot.say(helper, 'audit')).cards[0]), /Not allowed/);
    assert.match(cardText((await bot.say(helper, 'audit export')).cards[0]), /Not allowed/);
  });

  it('exports a CSV through the file consent flow, with formulas neutralised; decline and foreign presses send nothing', async () => {
    const before = (await bot.runtime.app.audit.all()).length;
    const offer = await bot.say(OWNER, 'audit export');
    const consent = offer.calls
      .flatMap((c) => (c.activity.attachments as { contentType: string; name: string; content: Record<string, unknown> }[] | undefined) ?? [])
      .find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    assert.ok(consent, 'a file consent card is sent');
    assert.match(consent.name, /^license-desk-audit-\d{8}-\d{4}\.csv$/);
    const size = consent.content.sizeInBytes as number;
    assert.ok(size > 100);

    const invoke = (who: typeof OWNER, action: 'accept' | 'decline', name: string) =>
      bot.post(
        bot.activity(who, {}, {
          type: 'invoke',
          name: 'fileConsent/invoke',
          recipient: { id: BOT_ID, name: 'license-desk' },
          value: {
            type: 'fileUpload',
            action,
            context: consent.content.acceptContext,
            uploadInfo: { name, uploadUrl: bot.connector.uploadUrl(name), contentUrl: `https://contoso.sharepoint.com/${name}`, uniqueId: 'u1', fileType: 'csv' },
          },
        }),
      );

    const stranger = await invoke(agent, 'accept', 'stolen.csv');
    assert.equal(stranger.status, 200);
    assert.equal(bot.connector.uploads.size, 0, "someone else's consent uploads nothing");

    const accepted = await invoke(OWNER, 'accept', consent.name);
    assert.equal(accepted.status, 200);
    const upload = bot.connector.uploads.get(consent.name);
    assert.ok(upload, 'the file is PUT to the upload URL');
    assert.equal(upload.body.length, size);
    assert.equal(upload.contentRange, `bytes 0-${size - 1}/${size}`);
    const csv = upload.body.toString('utf8');
    assert.match(csv, /"'=HYPERLINK\(""http:\/\/evil\.example"",""click""\)"/);
    assert.match(csv, /"'@Evil, ""Agent"""/);
    assert.equal(csv.split('\r\n').filter(Boolean).length, before + 1, 'a header and every entry');
    const info = bot.connector.calls
      .flatMap((c) => (c.activity.attachments as { contentType: string; contentUrl?: string }[] | undefined) ?? [])
      .find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.info');
    assert.equal(info?.contentUrl, `https://contoso.sharepoint.com/${consent.name}`);
    assert.equal((await bot.runtime.app.audit.all()).at(-1)?.action, 'audit.export');

    const reused = await invoke(OWNER, 'accept', 'again.csv');
    assert.equal(reused.status, 200);
    assert.equal(bot.connector.uploads.size, 1, 'a consent works once');

    const second = await bot.say(OWNER, 'audit export action grant', { channel: true });
    assert.match(cardText(second.cards[0]), /Accept the file in your personal chat/);
    const consent2 = second.calls
      .flatMap((c) => (c.activity.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined) ?? [])
      .find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    assert.ok(consent2);
    consent.content.acceptContext = consent2.content.acceptContext;
    const declined = await bot.connector.calls.length;
    await invoke(OWNER, 'decline', 'declined.csv');
    assert.equal(bot.connector.uploads.has('declined.csv'), false);
    assert.match(bot.connector.calls.slice(declined).map((c) => JSON.stringify(c.activity)).join(''), /File declined/);
  });
});

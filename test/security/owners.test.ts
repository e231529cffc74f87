import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { BotHarness, OWNER, TENANT, persona } from '../helpers/bot-harness.js';
import { CONTOSO } from '../helpers/setup.js';
import { approvalIdOf, cardText } from '../helpers/cards.js';

const SISTER = '22222222-3333-4444-8555-666666666666';
const BOTH = `${TENANT},${SISTER}`;
const ADELE = 'adele.vance@contoso.onmicrosoft.com';

/** Someone in the sister tenant whose object id is the owner's (any tenant admin can read an object id). */
const IMPOSTOR = persona('Olivia Impostor', OWNER.aadObjectId, SISTER);

describe('security: bot owners are (tenant, object id) pairs', () => {
  let bot: BotHarness | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  const text = async (who: ReturnType<typeof persona>, message: string) => cardText((await bot!.say(who, message)).cards[0]);
  const adeleExists = () => bot!.directory.getUser(CONTOSO, ADELE).then(() => true, () => false);

  it("the owner's object id from another tenant is not the owner: it cannot grant and cannot approve a pending delete (HOME_TENANT_ID)", async () => {
    bot = await BotHarness.start({ env: { ALLOWED_TENANTS: BOTH, HOME_TENANT_ID: TENANT } });
    // The impostor writes first: with a home tenant nothing is bound to the first writer.
    const stranger = randomUUID();
    assert.match(await text(IMPOSTOR, `grant global-admin to ${stranger}`), /Not allowed/);
    assert.match(await text(IMPOSTOR, `grant global-admin to ${IMPOSTOR.aadObjectId}`), /Not allowed/);
    assert.deepEqual(await bot.runtime.app.state.operators.allGrants(), []);
    const whoami = await text(IMPOSTOR, 'whoami');
    assert.match(whoami, /Bot owner\nNo/);
    assert.match(whoami, /in BOT_OWNERS, but for another tenant/);

    const henry = persona('Henry Helpdesk');
    await bot.grant(henry, 'helpdesk', [CONTOSO]);
    await bot.say(henry, 'use contoso');
    const asked = await bot.say(henry, `delete user ${ADELE} because ticket 1`);
    const approvalId = approvalIdOf(asked.cards[0]);
    const refused = await bot.click(IMPOSTOR, 'approval.approve', { approvalId, comment: '' });
    assert.match(cardText(refused.card), /You may not approve this/);
    assert.match(cardText(refused.card), /Waiting for approval/);
    assert.equal(await adeleExists(), true, 'nothing was deleted');

    // The owner in the home tenant still is the owner.
    assert.match(await text(OWNER, 'whoami'), /Bot owner\nYes[\s\S]*the home tenant/);
    const approved = await bot.click(OWNER, 'approval.approve', { approvalId, comment: '' });
    assert.match(cardText(approved.card), /Approved by Olivia Owner/);
    assert.equal(await adeleExists(), false);
  });

  it('accepts <tenantId>:<objectId> entries: the owner in that tenant, nobody elsewhere', async () => {
    const sisterOwner = persona('Sam SisterOwner', randomUUID(), SISTER);
    bot = await BotHarness.start({ env: { ALLOWED_TENANTS: BOTH, BOT_OWNERS: `${SISTER}:${sisterOwner.aadObjectId.toUpperCase()},${OWNER.aadObjectId}`, HOME_TENANT_ID: TENANT } });
    const twin = persona('Sam Twin', sisterOwner.aadObjectId, TENANT);
    assert.match(await text(twin, `grant global-admin to ${twin.aadObjectId}`), /Not allowed/);
    assert.match(await text(sisterOwner, 'whoami'), /Bot owner\nYes[\s\S]*BOT_OWNERS names the tenant/);
    const helper = persona('Hank Helper', randomUUID(), SISTER);
    assert.match(await text(sisterOwner, `grant helpdesk to ${helper.aadObjectId}`), /Role granted/);
    assert.deepEqual((await bot.runtime.app.state.operators.allGrants()).map((g) => [g.tenantId, g.aadObjectId]), [[SISTER, helper.aadObjectId]], 'the grant records the tenant');
    assert.match(await text(helper, 'customers'), /Contoso/);
    assert.match(await text(persona('Hank Twin', helper.aadObjectId, TENANT), 'customers'), /Not allowed/);
    assert.match(await text(OWNER, 'roles'), new RegExp(`${sisterOwner.aadObjectId} \\(tenant ${SISTER}\\)`));
  });

  it('in local development without a home tenant, binds a bare owner id to the tenant it first writes from, for good (restart included)', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-owners-'));
    try {
      // An app.json written before owner bindings existed stays readable.
      const helper = persona('Hank Helper');
      const grant = { tenantId: TENANT, aadObjectId: helper.aadObjectId, role: 'helpdesk', customers: null, grantedBy: OWNER.aadObjectId, grantedAt: '2025-01-01T00:00:00.000Z' };
      await writeFile(path.join(dataDir, 'app.json'), JSON.stringify({ version: 1, grants: [grant], conversations: {}, confirmations: [] }));
      bot = await BotHarness.start({ dataDir, env: { ALLOWED_TENANTS: BOTH } });
      assert.ok(bot.logs.some((l) => l.includes(`owner ${OWNER.aadObjectId} is not bound to a tenant yet`)));
      assert.match(await text(helper, 'customers'), /Contoso/);

      const whoami = await text(OWNER, 'whoami');
      assert.match(whoami, /Bot owner\nYes/);
      assert.match(whoami, new RegExp(`bound to tenant ${TENANT}`));
      assert.ok(bot.logs.some((l) => l.includes(`owner ${OWNER.aadObjectId} bound to tenant ${TENANT}`)));

      assert.match(await text(IMPOSTOR, `grant global-admin to ${IMPOSTOR.aadObjectId}`), /Not allowed/);
      assert.match(await text(IMPOSTOR, 'whoami'), /Bot owner\nNo/);

      await bot.restart();
      assert.ok(bot.logs.filter((l) => l.includes(`owner ${OWNER.aadObjectId} bound to tenant ${TENANT}`)).length >= 2, 'the binding is logged at start-up');
      // After a restart the impostor writes first and is still refused.
      assert.match(await text(IMPOSTOR, `grant global-admin to ${IMPOSTOR.aadObjectId}`), /Not allowed/);
      assert.equal((await bot.runtime.app.state.operators.allGrants()).length, 1);
      assert.match(await text(OWNER, `grant helpdesk to ${randomUUID()}`), /Role granted/);
    } finally {
      await bot?.stop();
      bot = undefined;
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps open access for local use without owners: any caller without a role acts as a global admin', async () => {
    bot = await BotHarness.start({ env: { BOT_OWNERS: '' } });
    assert.match(await text(persona('Local Lou', undefined, SISTER), `grant helpdesk to ${randomUUID()}`), /Role granted/);
  });
});

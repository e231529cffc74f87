import assert from 'node:assert/strict';
import { BotHarness, OWNER, persona } from '../helpers/bot-harness.js';
import { FABRIKAM } from '../helpers/setup.js';

describe('audit: grants and revokes of a role limited to a customer', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    await bot.stop();
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
});

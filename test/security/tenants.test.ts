import assert from 'node:assert/strict';
import { BotHarness, OWNER, TENANT, persona } from '../helpers/bot-harness.js';
import { cardText } from '../helpers/cards.js';

const FOREIGN = '99999999-8888-4777-8666-555555555555';
const SISTER = '22222222-3333-4444-8555-666666666666';

describe('security: tenant allow-list', () => {
  let bot: BotHarness | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('refuses messages and card actions from a tenant not on ALLOWED_TENANTS, before any command runs', async () => {
    bot = await BotHarness.start({ env: { ALLOWED_TENANTS: `${TENANT},${SISTER}` } });
    // The owner's object id in a foreign tenant is not the owner.
    const impostor = persona('Olivia Impostor', OWNER.aadObjectId, FOREIGN);
    const said = await bot.say(impostor, `grant global-admin to ${impostor.aadObjectId}`);
    assert.equal(said.status, 200);
    assert.equal(said.cards.length, 1);
    assert.match(cardText(said.cards[0]), /Not allowed[\s\S]*not on its list/);
    assert.equal((await bot.runtime.app.state.operators.allGrants()).length, 0);
    const clicked = await bot.click(impostor, 'customers.show', {});
    assert.equal(clicked.body?.statusCode, 403);
    assert.equal(clicked.body?.value.code, 'FORBIDDEN');
    assert.deepEqual((await bot.runtime.app.state.conversations.personalChats()).map((c) => `${c.who.tenantId}/${c.who.aadObjectId}`), [], 'the personal chat is not remembered');
    assert.ok(bot.logs.some((l) => l.includes('tenant that is not allowed') && l.includes(FOREIGN)));
    // Allowed tenants still get in.
    assert.match(cardText((await bot.say(OWNER, 'customers')).cards[0]), /Contoso/);
  });

  it("defaults the list to the partner's own tenant (MicrosoftAppTenantId)", async () => {
    bot = await BotHarness.start({ env: { MicrosoftAppTenantId: TENANT } });
    assert.match(cardText((await bot.say(persona('Foreign Fred', undefined, FOREIGN), 'help')).cards[0]), /not on its list/);
    assert.match(cardText((await bot.say(OWNER, 'help')).cards[0]), /grant <role>/);
  });

  it('allows every tenant when no list and no tenant is known, and warns at start', async () => {
    bot = await BotHarness.start();
    assert.ok(bot.logs.some((l) => l.includes('"level":40') && l.includes('ALLOWED_TENANTS is empty')));
    const text = cardText((await bot.say(persona('Foreign Fred', undefined, FOREIGN), 'whoami')).cards[0]);
    assert.doesNotMatch(text, /not on its list/);
  });

  it('identifies operators by tenant and object id: a grant in one tenant gives nothing to the same id in another', async () => {
    bot = await BotHarness.start({ env: { ALLOWED_TENANTS: `${TENANT},${SISTER}` } });
    const helper = persona('Hank Helper');
    await bot.say(OWNER, `grant helpdesk to ${helper.aadObjectId}`);
    assert.match(cardText((await bot.say(helper, 'customers')).cards[0]), /Contoso/);
    const twin = persona('Hank Twin', helper.aadObjectId, SISTER);
    assert.match(cardText((await bot.say(twin, 'customers')).cards[0]), /Not allowed/);
  });
});

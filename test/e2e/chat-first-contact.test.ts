import assert from 'node:assert/strict';
import { BotHarness, BOT_ID, OWNER, persona } from '../helpers/bot-harness.js';
import { cardOf } from '../helpers/cards.js';
import { assertGoodCard } from '../helpers/card-quality.js';
import { dataSnapshot } from '../security/data-snapshot.js';

/** A brand-new operator and an owner typing the way people type in Teams. */
describe('scenarios: first contact and forgiving input', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  const reply = async (who = persona('Nina New'), text: string, where = {}): Promise<string> => {
    const { status, cards } = await bot.say(who, text, where);
    assert.equal(status, 200, text);
    assert.equal(cards.length, 1, `one card for ${JSON.stringify(text)}`);
    return assertGoodCard(cards[0], JSON.stringify(text));
  };

  it('a newcomer without a role gets help for greetings, "?", odd case, punctuation, HTML and mentions', async () => {
    const newbie = persona('Nina New');
    for (const text of ['hi', 'Hello!', '?', 'help', 'HELP', 'Help me', 'help.', '  help   ', '<p>help</p>', 'help&nbsp;', 'hi there']) {
      assert.match(await reply(newbie, text), /You have no role yet/, text);
    }
    assert.match(await reply(newbie, 'help', { channel: true }), /You have no role yet/);
    for (const text of ['WhoAmI', 'whoami?', 'whoami.']) assert.match(await reply(newbie, text), new RegExp(newbie.aadObjectId), text);
  });

  it('empty text, a bare mention, emoji and very long text get a friendly card, not silence', async () => {
    const newbie = persona('Nina New');
    assert.match(await reply(newbie, ''), /Type a command/);
    assert.match(await reply(newbie, '<at>license-desk</at>'), /Type a command/);
    assert.match(await reply(OWNER, '', { channel: true }), /Type a command/);
    assert.match(await reply(newbie, '👍'), /don't know the command/);
    assert.match(await reply(newbie, 'x'.repeat(5000)), /too long/);
    assert.match(await reply(newbie, 'users'), /Not allowed|does not allow|Choose a customer/);
  });

  it('answers an @mention in a group chat', async () => {
    const activity = bot.activity(OWNER, {}, {
      type: 'message',
      text: '<at>license-desk</at> whoami?',
      entities: [{ type: 'mention', text: '<at>license-desk</at>', mentioned: { id: BOT_ID, name: 'license-desk' } }],
      conversation: { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: OWNER.tenantId },
    });
    const { status } = await bot.post(activity);
    assert.equal(status, 200);
    const answer = bot.connector.calls.find((c) => c.activity.replyToId === activity.id);
    assert.ok(answer, 'a reply in the group chat');
    assert.equal(answer.conversationId, '19:group-chat@thread.v2');
    assert.match(assertGoodCard(cardOf(answer.activity)), new RegExp(OWNER.aadObjectId));
  });

  it('natural phrasings: show/list, trailing punctuation, extra spaces, customer legal names', async () => {
    assert.match(await reply(OWNER, 'use Contoso Ltd'), /Working on Contoso/);
    assert.match(await reply(OWNER, 'show users'), /Contoso users \(28\)/);
    assert.match(await reply(OWNER, 'list users unlicensed'), /without a license \(7\)/);
    assert.match(await reply(OWNER, 'users?'), /Contoso users \(28\)/);
    assert.match(await reply(OWNER, 'Users   Unlicensed'), /without a license \(7\)/);
    assert.match(await reply(OWNER, 'licenses.'), /Contoso licenses/);
    assert.match(await reply(OWNER, 'use Nobody Inc'), /no customer "Nobody Inc".*customers/s);
    assert.match(await reply(OWNER, 'use fabrikam.onmicrosoft.com'), /Working on Fabrikam/);
    assert.match(await reply(OWNER, 'whoami'), /Global admin/);
  });

  it('licenses for <customer> shows that customer, not the one the chat works on', async () => {
    await reply(OWNER, 'use fabrikam');
    const text = await reply(OWNER, 'licenses for contoso');
    assert.match(text, /Contoso licenses/);
    assert.match(text, /Work on Contoso/);
    assert.match(await reply(OWNER, 'licenses'), /Fabrikam licenses/);
    assert.match(await reply(OWNER, 'licenses for nowhere'), /no customer "nowhere"/);
  });

  it('user <name>: one match shows the user, several show the matches, none says so; a trailing dot is forgiven', async () => {
    await reply(OWNER, 'use contoso');
    assert.match(await reply(OWNER, 'user Adele Vance'), /adele\.vance@contoso\.onmicrosoft\.com[\s\S]*Microsoft 365 E3/);
    assert.match(await reply(OWNER, 'user adele'), /Adele Vance/);
    assert.match(await reply(OWNER, 'user adele.vance@contoso.onmicrosoft.com.'), /Adele Vance/);
    const many = await reply(OWNER, 'user a');
    assert.match(many, /matching "a"/);
    assert.match(await reply(OWNER, 'user Zebedee Nobody'), /No user of this customer matches "Zebedee Nobody"/);
    assert.match(await reply(OWNER, 'user nobody@contoso.onmicrosoft.com'), /not found/i);
  });

  it('license commands with a first name suggest the user name and change nothing', async () => {
    await reply(OWNER, 'use contoso');
    const before = await dataSnapshot(bot);
    const text = await reply(OWNER, 'remove e3 from adele');
    assert.match(text, /Did you mean adele\.vance@contoso\.onmicrosoft\.com\?/);
    assert.match(text, /Nothing was changed/);
    assert.deepEqual(await dataSnapshot(bot), before);
    assert.match(await reply(OWNER, 'assign E3 to adele.vance@contoso.onmicrosoft.com'), /already had/);
    const both = await reply(OWNER, 'assign Microsoft 365 Business Premium to allan.deyoung@contoso.onmicrosoft.com, ben.walters@contoso.onmicrosoft.com.');
    assert.match(both, /2 assigned/);
  });

  it('restore deleted user <upn> restores, and never reaches delete', async () => {
    await reply(OWNER, 'use contoso');
    const text = await reply(OWNER, 'restore deleted user pat.leaver@contoso.onmicrosoft.com');
    assert.doesNotMatch(text, /Delete (Pat|user)|deleted for good/);
    assert.match(text, /restored/);
    assert.match(text, /Pat Leaver/);
    assert.ok(await bot.directory.getUser((await bot.directory.listCustomers()).find((c) => c.name === 'Contoso')?.id ?? '', 'pat.leaver@contoso.onmicrosoft.com'));
    assert.match(await reply(OWNER, 'delete user nobody@contoso.onmicrosoft.com'), /not found/i);
  });
});

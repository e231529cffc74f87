import assert from 'node:assert/strict';
import { BotHarness, OWNER, type Card } from '../helpers/bot-harness.js';
import { cardText } from '../helpers/fake-connector.js';
import { importsFor } from '../../src/features/import/support/runner.js';

const upn = (local: string) => `${local}@contoso.onmicrosoft.com`;

/** The corrected commands a card offers: Action.Submit buttons that send their text as if typed (imBack). */
function suggestions(card: Card | undefined): string[] {
  const actions = (card?.actions as { type: string; data?: { msteams?: { type: string; value: string } } }[] | undefined) ?? [];
  return actions.filter((a) => a.type === 'Action.Submit' && a.data?.msteams?.type === 'imBack').map((a) => String(a.data?.msteams?.value));
}

describe('one way to name things: one subscription resolver, corrected commands one press away', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
    await bot.say(OWNER, 'use contoso');
  });
  afterEach(async () => {
    await importsFor(bot.runtime.app).idle();
    await bot.stop();
  });

  it('create user ... with business premium resolves the words as assign does', async () => {
    const preview = cardText((await bot.say(OWNER, 'create user Anna Svensson with business premium')).cards[0]);
    assert.doesNotMatch(preview, /There is no subscription/);
    assert.match(preview, /Business Premium/);
  });

  it('a mistyped subscription names the closest and offers the corrected command as buttons', async () => {
    const typed = `assign exchangestandrd to ${upn('allan.deyoung')}`;
    const card = (await bot.say(OWNER, typed)).cards[0];
    assert.match(cardText(card), /closest: .*EXCHANGESTANDARD/i);
    assert.ok(suggestions(card).includes(`assign EXCHANGESTANDARD to ${upn('allan.deyoung')}`), JSON.stringify(card?.actions));
    const created = (await bot.say(OWNER, 'create user Bo Ek with busines premum')).cards[0];
    assert.ok(suggestions(created).length > 0, cardText(created));
    assert.ok(suggestions(created).every((s) => s.startsWith('create user Bo Ek with ')));
  });

  it('`delete <upn>` suggests `delete user <upn>`, not `deleted`', async () => {
    const card = (await bot.say(OWNER, `delete ${upn('megan.bowen')}`)).cards[0];
    assert.match(cardText(card), new RegExp(`delete user ${upn('megan.bowen')}`));
    assert.doesNotMatch(cardText(card), /`deleted`/);
    assert.deepEqual(suggestions(card), [`delete user ${upn('megan.bowen')}`]);
  });

  it('an import Licenses column takes "+" or "|" between SKUs in a ;-separated file, and names in words', async () => {
    const csv = ['User Name;First Name;Last Name;Display Name;Licenses', `${upn('ivar.ek')};Ivar;Ek;Ivar Ek;EXCHANGESTANDARD|business premium`, `${upn('ola.ek')};Ola;Ek;Ola Ek;EXCHANGESTANDARD+TEAMS_ESSENTIALS_AAD`].join('\n');
    const review = cardText((await bot.say(OWNER, `import users\n${csv}`)).cards.at(-1));
    assert.match(review, /Ready to create\n2/, review);
    assert.match(review, /Rows with errors\n0/, review);
  });
});

describe('one user resolver for the commands that change a user', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
    await bot.say(OWNER, 'use contoso');
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('a unique name resolves (reset password megan, delete user adele); several offer a pick; none names close ones', async () => {
    assert.match(cardText((await bot.say(OWNER, 'reset password megan')).cards[0]), /Megan Bowen/);
    assert.match(cardText((await bot.say(OWNER, 'delete user adele')).cards[0]), /Delete Adele Vance\?/);
    const several = (await bot.say(OWNER, 'reset password jo')).cards[0];
    assert.match(cardText(several), /matches \d+ users/);
    assert.ok(suggestions(several).includes(`reset password ${upn('joni.sherman')}`), JSON.stringify(several?.actions));
    const typo = (await bot.say(OWNER, `delete user ${upn('megan.bowenn')}`)).cards[0];
    assert.match(cardText(typo), /closest: megan\.bowen@/);
    assert.deepEqual(suggestions(typo), [`delete user ${upn('megan.bowen')}`]);
  });
});

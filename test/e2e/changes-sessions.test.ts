import assert from 'node:assert/strict';
import { BotHarness, OWNER, type Where } from '../helpers/bot-harness.js';
import { cardActions, cardOf, cardText } from '../helpers/cards.js';
import { assertGoodCard } from '../helpers/card-quality.js';
import { dataSnapshot } from '../security/data-snapshot.js';
import { importsFor } from '../../src/features/import/support/runner.js';
import { DEMO_CUSTOMER_IDS } from '../../src/adapters/directory/embedded/demo-data.js';
import { DAY_MS } from '../../src/domain/clock.js';

const FAB = 'fabrikam.onmicrosoft.com';

/** Admin sessions on licenses, delete/restore and CSV import in Fabrikam (diacritics, over-assigned Exchange) and Contoso. */
describe('scenarios: licenses, delete/restore and import', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  const say = async (text: string, where: Where = {}): Promise<{ text: string; card: Record<string, unknown> }> => {
    const { cards } = await bot.say(OWNER, text, where);
    assert.equal(cards.length, 1, text);
    return { text: assertGoodCard(cards[0], text), card: cards[0] as Record<string, unknown> };
  };
  const press = async (card: Record<string, unknown>, verb: string, where: Where = {}): Promise<string> => {
    const action = cardActions(card).find((a) => a.verb === verb);
    assert.ok(action, `no ${verb} on the card`);
    const result = await bot.click(OWNER, action.verb, action.data, where);
    assert.equal(result.body?.statusCode, 200, verb);
    return assertGoodCard(result.card, verb);
  };
  const customerFiles = async (): Promise<Map<string, Buffer>> => {
    const all = await dataSnapshot(bot);
    return new Map([...all].filter(([file]) => file.includes('customer')));
  };
  const fabrikam = () => bot.directory.state(DEMO_CUSTOMER_IDS.fabrikam);

  it('Fabrikam licenses: the over-assigned warning; Exchange without a seat is refused and nothing changes', async () => {
    await say('use fabrikam');
    const licenses = (await say('licenses')).text;
    assert.match(licenses, /Exchange Online \(Plan 1\)\nEXCHANGESTANDARD\n5\n6\n0\n⚠ 1 more assigned than bought/);
    const before = await customerFiles();
    const refused = (await say(`assign exchange to emile.durand@${FAB}`)).text;
    assert.match(refused, /Not enough seats: nothing was changed/);
    assert.match(refused, /Émile Durand/);
    assert.deepEqual(await customerFiles(), before);
    const holders = (await say('users sku:exchangestandard')).text;
    assert.match(holders, /with Exchange Online \(Plan 1\) \(6\)/);
    for (const name of ['Frida Löfgren', 'Linnéa Holm', 'Olle Westergård', 'Sören Dahl']) assert.match(holders, new RegExp(name));
  });

  it('assign Business Premium to unlicensed: a shortage offer that assigns the first 4, setting a missing usage location', async () => {
    await say('use fabrikam');
    const before = await customerFiles();
    const offer = await say('assign business premium to unlicensed');
    assert.match(offer.text, /4 free seats; 5 of the chosen users need one\. Nothing has been changed/);
    assert.deepEqual(await customerFiles(), before, 'the offer changes nothing');
    const done = await press(offer.card, 'licenses.change.confirm');
    assert.match(done, /4 assigned, 1 no seat/);
    assert.match(done, /Usage location set to SE first for Nils Ångström/);
    assert.equal(fabrikam().findUser(`nils.angstrom@${FAB}`)?.usageLocation, 'SE');
    assert.match((await say('users unlicensed')).text, /users without a license \(1\)[\s\S]*Zoë Müller/);
    assert.match((await say('licenses')).text, /Microsoft 365 Business Premium\nO365_BUSINESS_PREMIUM\n12\n12\n0/);
  });

  it('manage licenses by user names: a typo names the user and opens nothing; the corrected list opens', async () => {
    await say('use fabrikam');
    const typo = (await say(`manage licenses emile.durand@${FAB}, zoe.muller@${FAB}, tove.gronlnd@${FAB}`)).text;
    assert.match(typo, /tove\.gronlnd@fabrikam\.onmicrosoft\.com/);
    assert.match(typo, /Did you mean tove\.gronlund@fabrikam\.onmicrosoft\.com\?/);
    const far = (await say(`manage licenses emile.durand@${FAB}, nobody.here@${FAB}`)).text;
    assert.doesNotMatch(far, /Did you mean/);
    assert.match(typo, /Nothing was changed/);
    const manage = (await say(`manage licenses emile.durand@${FAB}, zoe.muller@${FAB}, tove.gronlund@${FAB}`)).text;
    assert.match(manage, /Manage licenses of 3 users[\s\S]*Émile Durand[\s\S]*Zoë Müller[\s\S]*Tove Grönlund/);
    assert.match(manage, /EXCHANGESTANDARD · 0 of 5 seats available \(1 more assigned than bought\)/);
  });

  it('remove Teams Essentials from three users: confirm once frees 3 seats, the second press changes nothing', async () => {
    await say('use fabrikam');
    const users = ['anders.nilsson', 'maja.eriksson', 'lars.johansson'].map((u) => `${u}@${FAB}`);
    const ask = await say(`remove teams from ${users.join(', ')}`);
    assert.match(ask.text, /Remove Microsoft Teams Essentials from 3 users\?[\s\S]*0 of 3 free now, 3 after/);
    assert.ok(users.every((u) => fabrikam().findUser(u)?.licenses.length === 1), 'nothing removed before Confirm');
    assert.match(await press(ask.card, 'licenses.change.confirm'), /3 removed\.[\s\S]*3 of 3 seats available/);
    const after = await customerFiles();
    assert.match(await press(ask.card, 'licenses.change.confirm'), /already used[\s\S]*Nothing more was changed/);
    assert.deepEqual(await customerFiles(), after);
    assert.ok(users.every((u) => fabrikam().findUser(u)?.licenses.length === 0));
  });

  it('delete two users, list them, restore one under a new name, refuse a taken name, a live user and a stranger', async () => {
    await say('use fabrikam');
    const ask = await say(`delete user emile.durand@${FAB}, zoe.muller@${FAB}`);
    assert.match(ask.text, /Delete 2 users\?[\s\S]*Émile Durand, Zoë Müller/);
    assert.ok(fabrikam().findUser(`zoe.muller@${FAB}`), 'nothing deleted before Confirm');
    assert.match(await press(ask.card, 'user.delete.confirm'), /2 users were deleted/);
    const deleted = (await say('deleted')).text;
    assert.match(deleted, /Deleted users \(4\)[\s\S]*Émile Durand[\s\S]*30 days left[\s\S]*Zoë Müller/);

    const before = await customerFiles();
    for (const [text, expected] of [
      [`restore emile.durand@${FAB} as asa.oberg@${FAB}`, /taken|in use|already/i],
      [`restore asa.oberg@${FAB}`, /Nothing to restore: this user is not deleted/],
      [`restore nobody@${FAB}`, /Not found among the deleted users/],
    ] as const) assert.match((await say(text)).text, expected, text);
    assert.deepEqual(await customerFiles(), before, 'refused restores change nothing');

    const restored = (await say(`restore emile.durand@${FAB} as emile.d@fabrikam.se`)).text;
    assert.match(restored, /Émile Durand was restored[\s\S]*emile\.d@fabrikam\.se/);
    assert.equal(fabrikam().findUser('emile.d@fabrikam.se')?.displayName, 'Émile Durand');
  });

  it('Contoso restores: a taken name offers a free one, a foreign domain is refused, a mixed batch restores what it can', async () => {
    await say('use contoso');
    const kim = 'kim.abercrombie@contoso.onmicrosoft.com';
    const before = await customerFiles();
    assert.match((await say(`restore ${kim} as kim@evil.example.com`)).text, /evil\.example\.com is not a domain of Contoso/);
    assert.match((await say(`restore ${kim} as`)).text, /optionally followed by `as <new upn>`/);
    const taken = await say(`restore ${kim} as pat.leaver@contoso.onmicrosoft.com`);
    assert.match(taken.text, /Not restored: the user name is taken[\s\S]*kim\.abercrombie2@contoso\.onmicrosoft\.com/);
    assert.deepEqual(await customerFiles(), before, 'refused restores change nothing');
    const offered = cardActions(taken.card).find((a) => /Restore as/.test(a.title ?? ''));
    assert.ok(offered?.verb, 'the free name is one press away');
    const result = await bot.click(OWNER, offered.verb, offered.data);
    assert.equal(result.body?.statusCode, 200);
    assert.match(assertGoodCard(result.card, 'restore as offered'), /Kim Abercrombie was restored/);
    const contoso = bot.directory.state(DEMO_CUSTOMER_IDS.contoso);
    assert.equal(contoso.findUser('kim.abercrombie2@contoso.onmicrosoft.com')?.displayName, 'Kim Abercrombie');

    const batch = (await say('restore pat.leaver@contoso.onmicrosoft.com, robin.counts@contoso.onmicrosoft.com, nobody@contoso.com')).text;
    assert.match(batch, /Restored 2 of 3 users/);
    assert.match(batch, /Not given back, no free seat: Microsoft 365 E3/);
    assert.match(batch, /nobody@contoso\.com\nNot found among the deleted users/);
    assert.deepEqual(contoso.findUser('pat.leaver@contoso.onmicrosoft.com')?.licenses, [], 'E3 is full: no over-assignment');
  });

  it('restore after 31 days: too late, said plainly; the list offers no restore', async () => {
    await say('use fabrikam');
    const ask = await say(`delete user zoe.muller@${FAB}`);
    await press(ask.card, 'user.delete.confirm');
    bot.clock.advance(31 * DAY_MS);
    const list = await say('deleted');
    assert.match(list.text, /restore window has closed/);
    assert.equal(cardActions(list.card).filter((a) => a.verb === 'deleted.restore').length, 0);
    const before = await customerFiles();
    assert.match((await say(`restore zoe.muller@${FAB}`)).text, /Too late to restore[\s\S]*30-day restore window ended/);
    assert.deepEqual(await customerFiles(), before);
  });

  it('import a Swedish Excel CSV pasted in a channel: errors named, only valid rows created, passwords only in the personal chat', async () => {
    const channel = { channel: true };
    await say('use fabrikam', channel);
    const csv = [
      '\uFEFFUser Name;First Name;Last Name;Display Name;Country;Licenses',
      'karin.ostlund@fabrikam.se;Karin;Östlund;Karin Östlund;Sverige;O365_BUSINESS_PREMIUM',
      'per.agren@fabrikam.se;Per;Ågren;Per Ågren;SE;"O365_BUSINESS_PREMIUM;SPE_E3"',
      'karin.ostlund@fabrikam.se;Karin;Östlund;Karin Östlund (dubblett);SE;',
      `asa.oberg@${FAB};Åsa;Öberg;Åsa Öberg;SE;`,
      'jens.nystrom@fabrikam.se;Jens;Nyström;Jens Nyström;SE;VISIO_PLAN2',
      'marta.sjoqvist@fabrikam.se;Märta;Sjöqvist;Märta Sjöqvist;Sverige;O365_BUSINESS_PREMIUM;SPE_E3',
    ].join('\r\n');
    const before = await customerFiles();
    const review = await say(`import users\n${csv}`, channel);
    assert.match(review.text, /2 rows are ready; 3 rows have errors/);
    assert.match(review.text, /Row 7 · Extra cells\n1 filled cell beyond the last column: put a value that holds ";" in quotes/);
    assert.match(review.text, /duplicate in the file \(same user name as row 2\)/);
    assert.match(review.text, /unknown SKU "VISIO_PLAN2"/);
    assert.match(review.text, /Already exist[\s\S]*asa\.oberg@fabrikam\.onmicrosoft\.com/);
    assert.match(review.text, /Microsoft 365 E3 \(SPE_E3\)\n1 needed, 5 free/);
    assert.deepEqual(await customerFiles(), before, 'the review creates nothing');

    const started = await press(review.card, 'import.create', channel);
    assert.doesNotMatch(started, /password/i);
    await importsFor(bot.runtime.app).idle();
    const karin = fabrikam().findUser('karin.ostlund@fabrikam.se');
    assert.equal(karin?.displayName, 'Karin Östlund');
    assert.equal(karin?.usageLocation, 'SE');
    assert.equal(fabrikam().findUser('per.agren@fabrikam.se')?.licenses.length, 2);
    assert.equal(fabrikam().findUser('jens.nystrom@fabrikam.se'), undefined);
    assert.equal(fabrikam().findUser('marta.sjoqvist@fabrikam.se'), undefined, 'a split row would lose a license silently');

    const passwordCalls = bot.connector.calls.filter((c) => /Temporary passwords:/.test(cardText(cardOf(c.activity))));
    assert.equal(passwordCalls.length, 1);
    assert.match(passwordCalls[0]?.path ?? '', /personal/);
    assert.doesNotMatch(passwordCalls[0]?.path ?? '', /19:/);
    const channelText = bot.connector.calls.filter((c) => c.path.includes('19:general')).map((c) => cardText(cardOf(c.activity))).join('\n');
    assert.doesNotMatch(channelText, /karin\.ostlund@fabrikam\.se,/);
    assert.match((await say('import status', channel)).text, /finished: 2 created, 0 already existed, 0 not created/);
  });

  it('import into Contoso (US): a Country of "Sverige" or "SE" gives a Swedish usage location; licenses by name words', async () => {
    await say('use contoso');
    const review = await say('import users\nUser Name;First Name;Last Name;Country;Licenses\nelsa.berg@contoso.com;Elsa;Berg;Sverige;\nolof.lind@contoso.com;Olof;Lind;SE;\namy.fox@contoso.com;Amy;Fox;;business premium, teams\nmo.ray@contoso.com;Mo;Ray;;microsoft');
    assert.match(review.text, /Row 5 · Licenses\nunknown SKU "microsoft"/, 'a word in several subscription names is not a guess');
    await press(review.card, 'import.create');
    await importsFor(bot.runtime.app).idle();
    const contoso = bot.directory.state(DEMO_CUSTOMER_IDS.contoso);
    assert.equal(contoso.findUser('elsa.berg@contoso.com')?.usageLocation, 'SE');
    assert.equal(contoso.findUser('olof.lind@contoso.com')?.usageLocation, 'SE');
    assert.equal(contoso.findUser('amy.fox@contoso.com')?.usageLocation, 'US');
    assert.equal(contoso.findUser('amy.fox@contoso.com')?.licenses.length, 2, 'licenses by name words, as `assign` takes them');
  });
});

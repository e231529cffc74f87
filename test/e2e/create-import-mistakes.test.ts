import assert from 'node:assert/strict';
import { BotHarness, OWNER } from '../helpers/bot-harness.js';
import { cardActions } from '../helpers/cards.js';
import { assertGoodCard } from '../helpers/card-quality.js';
import { dataSnapshot } from '../security/data-snapshot.js';

/** The create form and the import as an admin fills them in, mistakes included. */
describe('scenarios: forms and imports with mistakes', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  const say = async (text: string): Promise<string> => {
    const { cards } = await bot.say(OWNER, text);
    assert.equal(cards.length, 1, text);
    return assertGoodCard(cards[0], text);
  };

  it('create user form: empty, invalid user name, unknown domain, bad country: the form comes back, nothing created', async () => {
    await say('use fabrikam');
    const form = (await bot.say(OWNER, 'create user')).cards[0];
    const submit = cardActions(form).find((a) => a.verb === 'user.create.submit');
    assert.ok(submit);
    const before = await dataSnapshot(bot);
    const base = { ...submit.data, domain: 'fabrikam.onmicrosoft.com' };
    const attempts: [Record<string, unknown>, RegExp][] = [
      [{}, /name/i],
      [{ firstName: '  ', lastName: '' }, /name/i],
      [{ firstName: 'Åsa', lastName: 'Öberg', localPart: 'åsa öberg!' }, /user name|not valid|invalid/i],
      [{ firstName: 'Kim', lastName: 'Nordin', domain: 'evil.example.com' }, /domain/i],
      [{ firstName: 'Kim', lastName: 'Nordin', usageLocation: 'Sweden' }, /country|usage location/i],
      [{ firstName: 'Kim', lastName: 'Nordin', licenses: 'not-a-sku' }, /licen|subscription/i],
    ];
    for (const [fields, expected] of attempts) {
      const result = await bot.click(OWNER, submit.verb, { ...base, ...fields });
      assert.equal(result.body?.statusCode, 200, JSON.stringify(fields));
      assert.match(assertGoodCard(result.card, JSON.stringify(fields)), expected, JSON.stringify(fields));
    }
    const after = await dataSnapshot(bot);
    for (const [file, bytes] of before) if (file.includes('customer')) assert.deepEqual(after.get(file), bytes, `${file} changed`);
  });

  it('create user Åsa Öberg in Fabrikam suggests a free user name with diacritics folded', async () => {
    await say('use fabrikam.onmicrosoft.com');
    assert.match(await say('create user Åsa Öberg'), /asa\.oberg2@fabrikam\.onmicrosoft\.com/);
    assert.match(await say('create user Åsa'), /last name|first and last|Usage/i);
  });

  it('import users without a CSV, with a malformed one, and with only a header', async () => {
    await say('use contoso');
    const before = await dataSnapshot(bot);
    assert.match(await say('import users'), /Attach a CSV file/);
    assert.match(await say('import users\nFirst name,Last name\n"Unclosed,Quote'), /not valid CSV|quote/i);
    assert.match(await say('import users\nFirst name,Last name'), /User Name \(or Email\) column/);
    assert.match(await say('import users\nUser Name,First Name,Last Name'), /nothing to create/);
    assert.match(await say('import users\nfoo,bar\n1,2'), /column|header|name/i);
    const after = await dataSnapshot(bot);
    for (const [file, bytes] of before) if (file.includes('customer')) assert.deepEqual(after.get(file), bytes, `${file} changed`);
  });

  it('the everyday read commands answer with good cards', async () => {
    await say('use contoso');
    for (const text of ['deleted', 'approvals', 'whoami', 'roles', 'customers', 'import status', 'import users template', 'users sku:nothing', 'audit abc', 'audit 99999999']) await say(text);
    assert.match(await say('audit 5'), /Audit: no entries yet/);
    assert.match(await say('users sku:e3'), /with Microsoft 365 E3 \(10\)/);
    assert.match(await say('users sku:business premium'), /with Microsoft 365 Business Premium/);
    assert.match(await say('users zzzz'), /No users match/);
    await say('assign teams to nora.park@contoso.onmicrosoft.com');
    assert.match(await say('audit 5'), /Audit: latest 1 entry/);
  });
});

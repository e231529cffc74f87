import assert from 'node:assert/strict';
import { BotHarness, OWNER, type Card } from '../helpers/bot-harness.js';
import { cardActions, cardOf, cardText, passwordsCsv } from '../helpers/cards.js';
import { type ConnectorCall } from '../helpers/fake-connector.js';
import { useContoso } from '../helpers/setup.js';
import { importsFor } from '../../src/features/import/support/runner.js';
import { IMPORT_BATCH_SIZE } from '../../src/features/import/support/create-in-batches.js';
import { TEAMS_FILE } from '../../src/features/import/support/source.js';
import { verifyPassword } from '../../src/domain/passwords.js';
import type { UserLicenseService } from '../../src/ports/directory.js';

const ROWS = IMPORT_BATCH_SIZE * 2 + 200;
const upnOf = (i: number): string => `kill.user${i}@contoso.com`;
/** A user someone else creates between the review and Create: the only one that "already existed". */
const OTHERS = 10;

const passwordLines = (calls: ConnectorCall[], title: RegExp) =>
  calls
    .filter((c) => title.test(cardText(cardOf(c.activity))))
    .flatMap((c) => passwordsCsv(cardOf(c.activity)).split('\n').slice(1).map((l) => ({ conversationId: c.conversationId, upn: l.split(',')[0] as string, password: l.split(',')[1] as string })));

describe('import: a kill after a batch was written but before its progress was saved', () => {
  let bot: BotHarness;
  let contoso: string;
  before(async () => {
    bot = await BotHarness.start({ env: { IMPORT_PROGRESS_INTERVAL_MS: '0' } });
    contoso = (await bot.directory.listCustomers()).find((c) => c.name === 'Contoso')?.id ?? '';
    await useContoso(bot);
    await useContoso(bot, [OWNER], { channel: true });
  });
  after(async () => {
    await importsFor(bot.runtime.app).idle();
    await bot.stop();
  });

  it('Resume counts those users as created by the import, the final card gives the exact "never got their password" number, and its button resets exactly those users', async () => {
    const lines = Array.from({ length: ROWS }, (_, i) => `${upnOf(i)},Kill,User ${i},,,`);
    const url = bot.connector.serveFile('kill.csv', `User Name,First Name,Last Name,Display Name,Usage Location,Licenses\n${lines.join('\n')}`);
    const before = bot.connector.calls.length;
    await bot.post(bot.activity(OWNER, {}, { type: 'message', text: 'import users', attachments: [{ contentType: TEAMS_FILE, name: 'kill.csv', content: { downloadUrl: url, fileType: 'csv' } }] }));
    const reviewCall = bot.connector.calls.slice(before).find((c) => cardActions(cardOf(c.activity)).some((a) => a.verb === 'import.create'));
    const create = cardActions(cardOf(reviewCall?.activity)).find((a) => a.verb === 'import.create');
    assert.ok(create && reviewCall, 'a review card with Create');
    const actor = { aadObjectId: 'someone-else', name: 'Someone Else' };
    await bot.directory.createUsers(contoso, [{ upn: upnOf(OTHERS), givenName: 'Kill', surname: 'Other', displayName: 'Kill Other', licenses: [] }], { actor }, { atomic: false });

    // The seam: the second batch reaches the directory, then the process "dies" before the runner saves its progress
    // (the call never returns, so nothing of this run is written again; the bot is then restarted on the same data).
    const service = bot.runtime.app.service as UserLicenseService;
    const real = service.createUsers.bind(service);
    let calls = 0;
    let killed!: () => void;
    const killedNow = new Promise<void>((resolve) => (killed = resolve));
    service.createUsers = async (...args) => {
      const outcomes = await real(...args);
      if (++calls < 2) return outcomes;
      killed();
      return new Promise(() => undefined);
    };
    await bot.click(OWNER, create.verb, create.data, { replyToId: String(reviewCall.activity.id) });
    await killedNow;
    assert.ok(bot.directory.state(contoso).findUser(upnOf(2 * IMPORT_BATCH_SIZE - 1)), 'the second batch was written');
    await bot.restart();

    const statusCall = (await bot.say(OWNER, 'import status')).calls.at(-1);
    const resume = cardActions(cardOf(statusCall?.activity)).find((a) => a.title.startsWith('Resume'));
    assert.ok(resume && statusCall);
    const resumeAt = bot.connector.calls.length;
    await bot.click(OWNER, resume.verb, resume.data, { replyToId: String(statusCall.activity.id) });
    await importsFor(bot.runtime.app).idle();

    const resumed = bot.connector.calls.slice(resumeAt);
    const final = cardOf(resumed.filter((c) => c.method === 'PUT' && c.activityId === statusCall.activity.id).at(-1)?.activity) as Card;
    const lost = 2 * IMPORT_BATCH_SIZE - 1;
    assert.match(cardText(final), new RegExp(`${(ROWS - 1).toLocaleString('en-US')} users created, 1 already existed, 0 not created`));
    assert.match(cardText(final), new RegExp(`Never got their temporary password\\n${lost}`));
    const shown = passwordLines(resumed, /Temporary passwords:/);
    assert.deepEqual(shown.map((l) => l.upn).sort(), Array.from({ length: ROWS - 2 * IMPORT_BATCH_SIZE }, (_, i) => upnOf(2 * IMPORT_BATCH_SIZE + i)).sort());

    // The credentials that must not change: users whose password was shown, and the one someone else made.
    const state = bot.directory.state(contoso);
    const untouched = [...shown.map((l) => l.upn), upnOf(OTHERS)].map((upn) => ({ upn, credential: JSON.stringify(state.findUser(upn)?.credential) }));

    const reset = cardActions(final).find((a) => a.verb === 'import.passwords.reset');
    assert.ok(reset, cardActions(final).map((a) => a.title).join());
    assert.equal(reset.title, `Reset their ${lost} passwords`);
    // Pressed in a channel: asks first, like reset password.
    const asked = await bot.click(OWNER, reset.verb, reset.data, { channel: true });
    assert.match(cardText(asked.card), new RegExp(`Reset the passwords of ${lost} imported users\\?`));
    const confirm = cardActions(asked.card).find((a) => a.verb === 'import.passwords.reset.confirm');
    assert.ok(confirm);
    const resetAt = bot.connector.calls.length;
    const done = await bot.click(OWNER, confirm.verb, confirm.data, { channel: true });
    assert.match(cardText(done.card), new RegExp(`Resetting ${lost} passwords`));
    await importsFor(bot.runtime.app).idle();

    const resetCalls = bot.connector.calls.slice(resetAt);
    const given = passwordLines(resetCalls, /New temporary passwords:/);
    const expected = Array.from({ length: 2 * IMPORT_BATCH_SIZE }, (_, i) => upnOf(i)).filter((u) => u !== upnOf(OTHERS));
    assert.deepEqual(given.map((l) => l.upn).sort(), expected.sort(), 'exactly the users whose password was never shown');
    const channelId = bot.conversationId(OWNER, { channel: true });
    assert.ok(given.every((l) => l.conversationId === bot.conversationId(OWNER)), 'passwords only in the personal chat');
    assert.ok(resetCalls.filter((c) => c.conversationId === channelId).every((c) => !passwordsCsv(cardOf(c.activity))), 'no password in the channel');
    for (const { upn, password } of given) {
      const credential = state.findUser(upn)?.credential;
      assert.ok(credential && (await verifyPassword(password, credential)), `the password given for ${upn} is the one set`);
    }
    for (const { upn, credential } of untouched) assert.equal(JSON.stringify(state.findUser(upn)?.credential), credential, `${upn} was not reset`);
    assert.ok((await bot.runtime.app.audit.all()).some((e) => e.action === 'user.import.resetPasswords' && e.outcome === 'success'));

    const status = cardText((await bot.say(OWNER, 'import status')).cards[0]);
    assert.doesNotMatch(status, /never got their temporary password/);
    assert.match(status, new RegExp(`finished: ${(ROWS - 1).toLocaleString('en-US')} created, 1 already existed`));
  });
});

import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BotHarness} from '../helpers/bot-harness.js';
import { OWNER, persona, type Card, type Persona, type Where } from '../helpers/bot-harness.js';
import { cardActions, cardOf, cardText, passwordsCsv } from '../helpers/cards.js';
import { type ConnectorCall } from '../helpers/fake-connector.js';
import { startOnContoso } from '../helpers/setup.js';
import { importsFor } from '../../src/features/import/support/runner.js';
import { TEAMS_FILE } from '../../src/features/import/support/source.js';
import { verifyPassword } from '../../src/domain/passwords.js';

const HEADER = 'User Name,First Name,Last Name,Display Name,Usage Location,Licenses';

/** Presses a button on a message the way Teams does, with the id of the message holding the card. */
async function press(bot: BotHarness, who: Persona, action: { verb: string; data: Record<string, unknown> }, messageId: string, where: Where = {}) {
  const before = bot.connector.calls.length;
  const activity = bot.activity(who, where, { type: 'invoke', name: 'adaptiveCard/action', replyToId: messageId, value: { action: { type: 'Action.Execute', ...action }, trigger: 'manual' } });
  const { body } = await bot.post(activity);
  const invoke = body as { statusCode: number; value: Card };
  return { invoke, card: invoke.statusCode === 200 ? invoke.value : undefined, calls: () => bot.connector.calls.slice(before) };
}

/** Sends a message and returns its reply cards together with the ids of the messages that carry them. */
async function sayWithIds(bot: BotHarness, who: Persona, fields: Record<string, unknown>, where: Where = {}) {
  const before = bot.connector.calls.length;
  const activity = bot.activity(who, where, { type: 'message', ...fields });
  await bot.post(activity);
  return bot.connector.calls.slice(before).filter((c) => c.activity.replyToId === activity.id).map((c) => ({ card: cardOf(c.activity) as Card, id: c.activity.id as string }));
}

const passwordCards = (calls: ConnectorCall[]) => calls.filter((c) => /Temporary passwords:/.test(cardText(cardOf(c.activity))));
describe('import users: review, background creation, passwords', () => {
  let bot: BotHarness;
  let contoso: string;
  beforeEach(async () => {
    bot = await startOnContoso({ env: { IMPORT_PROGRESS_INTERVAL_MS: '0' } });
    contoso = (await bot.directory.listCustomers()).find((c) => c.name === 'Contoso')?.id ?? '';
  });
  afterEach(async () => {
    await importsFor(bot.runtime.app).idle();
    await bot.stop();
  });

  it('reviews pasted rows, creates them on Create, updates the progress card in place and sends the passwords in this chat', async () => {
    const text = `import users\n${HEADER}\nben.miller@contoso.com,Ben,Miller,,US,O365_BUSINESS_PREMIUM\n\n"chris.green@contoso.com",Chris,Green,"Green, Chris",,\n`;
    const [review] = await sayWithIds(bot, OWNER, { text });
    assert.ok(review);
    const reviewText = cardText(review.card);
    assert.match(reviewText, /Ready to create\n2/);
    assert.match(reviewText, /Microsoft 365 Business Premium \(O365_BUSINESS_PREMIUM\)\n1 needed, 18 free/);
    assert.equal(bot.directory.state(contoso).findUser('ben.miller@contoso.com'), undefined, 'nothing is created before a button is pressed');
    const create = cardActions(review.card).find((a) => a.title === 'Create 2 users');
    assert.ok(create, cardActions(review.card).map((a) => a.title).join());

    const pressed = await press(bot, OWNER, create, review.id);
    assert.equal(pressed.invoke.statusCode, 200);
    assert.match(cardText(pressed.card), /Created \d of 2/);
    await importsFor(bot.runtime.app).idle();

    const calls = pressed.calls();
    const updates = calls.filter((c) => c.method === 'PUT' && c.activityId === review.id);
    assert.ok(updates.length >= 1);
    assert.match(cardText(cardOf(updates.at(-1)?.activity)), /2 users created, 0 already existed, 0 not created/);
    const cards = passwordCards(calls);
    assert.equal(cards.length, 1);
    assert.equal(cards[0]?.conversationId, bot.conversationId(OWNER));
    const lines = passwordsCsv(cardOf(cards[0]?.activity)).split('\n');
    assert.equal(lines[0], 'User name,Temporary password');
    for (const line of lines.slice(1)) {
      const [upn, password] = line.split(',') as [string, string];
      const stored = bot.directory.state(contoso).findUser(upn);
      assert.ok(stored?.credential, upn);
      assert.ok(await verifyPassword(password, stored.credential), `the password shown for ${upn} is the one set`);
    }
    const chris = bot.directory.state(contoso).findUser('chris.green@contoso.com');
    assert.equal(chris?.displayName, 'Green, Chris');
    assert.equal((await bot.runtime.app.state.schedule.list('password.hide')).length, 1, 'the password card is scheduled for hiding');

    // Passwords never reach logs, the audit trail or the job files.
    const passwords = lines.slice(1).map((l) => l.split(',')[1] as string);
    const stored = [
      ...bot.logs,
      JSON.stringify((await bot.runtime.app.audit.all())),
      ...(await Promise.all((await readdir(path.join(bot.dataDir, 'imports'))).map((f) => readFile(path.join(bot.dataDir, 'imports', f), 'utf8')))),
    ].join('\n');
    for (const password of passwords) assert.ok(!stored.includes(password), 'a temporary password was stored or logged');
    assert.ok((await bot.runtime.app.audit.all()).some((e) => e.action === 'user.import' && e.details?.created === 2));
  });

  it('imports an attached Teams file fetched from its download URL (semicolons, BOM)', async () => {
    const url = bot.connector.serveFile('new-hires.csv', `\uFEFFFirst name;Last name;Display name;Email\nDana;Diaz;Dana Diaz;dana.diaz@contoso.com\n`);
    const [review] = await sayWithIds(bot, OWNER, { text: 'import users', attachments: [{ contentType: TEAMS_FILE, name: 'new-hires.csv', content: { downloadUrl: url, fileType: 'csv', uniqueId: 'f1' } }] });
    assert.match(cardText(review?.card), /Review: new-hires.csv for Contoso/);
    assert.match(cardText(review?.card), /Ready to create\n1/);
    const create = cardActions(review?.card).find((a) => a.verb === 'import.create');
    assert.ok(create && review);
    await press(bot, OWNER, create, review.id);
    await importsFor(bot.runtime.app).idle();
    assert.equal(bot.directory.state(contoso).findUser('dana.diaz@contoso.com')?.displayName, 'Dana Diaz');
  });

  it('refuses a file over 1 MB, and a spreadsheet that is not CSV, creating nothing', async () => {
    const big = `${HEADER}\n${'x'.repeat(1024 * 1024)}\n`;
    const url = bot.connector.serveFile('big.csv', big);
    const [tooBig] = await sayWithIds(bot, OWNER, { text: 'import users', attachments: [{ contentType: TEAMS_FILE, name: 'big.csv', content: { downloadUrl: url, fileType: 'csv' } }] });
    assert.match(cardText(tooBig?.card), /limited to 1 MB/);
    const xlsx = bot.connector.serveFile('users.xlsx', 'PK');
    const [notCsv] = await sayWithIds(bot, OWNER, { text: 'import users', attachments: [{ contentType: TEAMS_FILE, name: 'users.xlsx', content: { downloadUrl: xlsx, fileType: 'xlsx' } }] });
    assert.match(cardText(notCsv?.card), /not a CSV file/);
  });

  it('offers "Create only the N valid rows" when rows have errors, and creates only those', async () => {
    const text = `import users\n${HEADER}\nok.one@contoso.com,Ok,One,,,\nbad name@contoso.com,Bad,Name,,,\nok.two@contoso.com,Ok,Two,,ZZ,\n`;
    const [review] = await sayWithIds(bot, OWNER, { text });
    const reviewText = cardText(review?.card);
    assert.match(reviewText, /Row 3 · User Name\ninvalid user name/);
    assert.match(reviewText, /Row 4 · Usage Location\nbad country code "ZZ"/);
    const titles = cardActions(review?.card).map((a) => a.title);
    assert.deepEqual(titles, ['Create only the 1 valid row', 'Cancel']);
    const create = cardActions(review?.card)[0];
    assert.ok(create && review);
    await press(bot, OWNER, create, review.id);
    await importsFor(bot.runtime.app).idle();
    assert.ok(bot.directory.state(contoso).findUser('ok.one@contoso.com'));
    assert.equal(bot.directory.state(contoso).findUser('ok.two@contoso.com'), undefined);
    const again = await press(bot, OWNER, create, review.id);
    assert.match(cardText(again.card), /already ran/);
  });

  it('reports rows whose licenses do not fit the free seats, and creates the others', async () => {
    const text = `import users\n${HEADER}\ne3.one@contoso.com,E3,One,,,SPE_E3\nbp.one@contoso.com,Bp,One,,,O365_BUSINESS_PREMIUM\n`;
    const [review] = await sayWithIds(bot, OWNER, { text });
    assert.match(cardText(review?.card), /Microsoft 365 E3 \(SPE_E3\)\n1 needed, 0 free: 1 row will not be created unless you buy seats/);
    const create = cardActions(review?.card).find((a) => a.verb === 'import.create');
    assert.ok(create && review);
    const pressed = await press(bot, OWNER, create, review.id);
    await importsFor(bot.runtime.app).idle();
    const result = cardText(cardOf(pressed.calls().filter((c) => c.method === 'PUT').at(-1)?.activity));
    assert.match(result, /1 user created, 0 already existed, 1 not created/);
    assert.match(result, /Row 2 · e3.one@contoso.com\nnot created: Microsoft 365 E3 has no free seat/);
    assert.equal(bot.directory.state(contoso).findUser('e3.one@contoso.com'), undefined);
    assert.ok(bot.directory.state(contoso).findUser('bp.one@contoso.com')?.licenses.length);
  });

  it('from a channel: progress in the channel, passwords only in the personal chat', async () => {
    await bot.say(OWNER, 'use contoso', { channel: true });
    const text = `<at>license-desk</at> import users\n${HEADER}\nchan.one@contoso.com,Chan,One,,,\n`;
    const [review] = await sayWithIds(bot, OWNER, { text, entities: [{ type: 'mention', text: '<at>license-desk</at>', mentioned: { id: '28:license-desk-bot', name: 'license-desk' } }] }, { channel: true });
    const create = cardActions(review?.card).find((a) => a.verb === 'import.create');
    assert.ok(create && review);
    const pressed = await press(bot, OWNER, create, review.id, { channel: true });
    await importsFor(bot.runtime.app).idle();
    const calls = pressed.calls();
    const channelId = bot.conversationId(OWNER, { channel: true });
    const cards = passwordCards(calls);
    assert.equal(cards.length, 1);
    assert.notEqual(cards[0]?.conversationId, channelId);
    assert.ok(calls.filter((c) => c.conversationId === channelId).every((c) => !passwordsCsv(cardOf(c.activity))), 'no password card in the channel');
    const result = cardText(cardOf(calls.filter((c) => c.method === 'PUT' && c.conversationId === channelId).at(-1)?.activity));
    assert.match(result, /sent to you in a private chat/);
  });

  it('splits a long password list over several cards, each under 28 KB', async () => {
    const rows = Array.from({ length: 700 }, (_, i) => `bulk.user${i}@contoso.com,Bulk,User ${i},,,`);
    const [review] = await sayWithIds(bot, OWNER, { text: 'import users', attachments: [{ contentType: TEAMS_FILE, name: 'bulk.csv', content: { downloadUrl: bot.connector.serveFile('bulk.csv', `${HEADER}\n${rows.join('\n')}`), fileType: 'csv' } }] });
    const create = cardActions(review?.card).find((a) => a.verb === 'import.create');
    assert.ok(create && review);
    const pressed = await press(bot, OWNER, create, review.id);
    await importsFor(bot.runtime.app).idle();
    const cards = passwordCards(pressed.calls());
    assert.ok(cards.length >= 2, `${cards.length} cards`);
    for (const c of cards) assert.ok(Buffer.byteLength(JSON.stringify(cardOf(c.activity))) < 28 * 1024);
    const upns = cards.flatMap((c) => passwordsCsv(cardOf(c.activity)).split('\n').slice(1).map((l) => l.split(',')[0]));
    assert.equal(new Set(upns).size, 700);
    assert.equal((await bot.runtime.app.state.schedule.list('password.hide')).length, cards.length);
  });

  it('after a stop mid-import: import status shows how far it got; Resume and re-importing create only the missing users', async () => {
    const csv = `${HEADER}\n${['r.one', 'r.two', 'r.three', 'r.four'].map((n) => `${n}@contoso.com,R,${n},,,`).join('\n')}\n`;
    const [review] = await sayWithIds(bot, OWNER, { text: `import users\n${csv}` });
    const create = cardActions(review?.card).find((a) => a.verb === 'import.create');
    assert.ok(create && review);
    // What a stop after the first batch leaves behind: two users created, the job file saying "running, 2 of 4".
    await bot.directory.createUsers(contoso, ['r.one', 'r.two'].map((n) => ({ upn: `${n}@contoso.com`, givenName: 'R', surname: n, displayName: `R ${n}`, licenses: [] })), { actor: { aadObjectId: 'x', name: 'x' } }, { atomic: false });
    const jobFile = path.join(bot.dataDir, 'imports', `${String(create.data.importId)}.json`);
    const job = JSON.parse(await readFile(jobFile, 'utf8')) as { status: string; progress: { processed: number; created: number } };
    job.status = 'running';
    job.progress.processed = 2;
    job.progress.created = 2;
    await writeFile(jobFile, JSON.stringify(job));
    await bot.restart();

    const status = (await bot.say(OWNER, 'import status')).cards[0];
    assert.match(cardText(status), /interrupted after 2 of 4 rows: 2 created/);
    assert.match(cardText(status), /2 users were created before a stop and never got their temporary password shown/);
    const resume = cardActions(status).find((a) => a.title.startsWith('Resume'));
    assert.ok(resume);
    const statusMessage = bot.connector.calls.at(-1)?.activity.id as string;
    const pressed = await press(bot, OWNER, resume, statusMessage);
    await importsFor(bot.runtime.app).idle();
    assert.ok(bot.directory.state(contoso).findUser('r.four@contoso.com'));
    const upns = passwordCards(pressed.calls()).flatMap((c) => passwordsCsv(cardOf(c.activity)).split('\n').slice(1).map((l) => l.split(',')[0]));
    assert.deepEqual(upns.sort(), ['r.four@contoso.com', 'r.three@contoso.com']);
    assert.match(cardText((await bot.say(OWNER, 'import status')).cards[0]), /finished: 4 created/);

    const [again] = await sayWithIds(bot, OWNER, { text: `import users\n${csv}` });
    assert.match(cardText(again?.card), /Ready to create\n0\nAlready exist \(skipped\)\n4/);
    assert.equal(cardActions(again?.card).filter((a) => a.verb === 'import.create').length, 0);
  });

  it('sends the template columns; a helpdesk agent can review but Create goes through the approval gate', async () => {
    const template = cardText((await bot.say(OWNER, 'import users template')).cards[0]);
    assert.match(template, /User Name,First Name,Last Name,Display Name,Job Title,Department,Office Number,Office Phone,Mobile Phone,Fax,Address,City,State or Province,ZIP or Postal Code,Country or Region,Usage Location,Licenses/);
    const agent = persona('Hal Helpdesk');
    await bot.grant(agent, 'helpdesk', [contoso]);
    await bot.say(agent, 'use contoso');
    const [review] = await sayWithIds(bot, agent, { text: `import users\n${HEADER}\nhelp.one@contoso.com,Help,One,,,\n` });
    const create = cardActions(review?.card).find((a) => a.verb === 'import.create');
    assert.ok(create && review);
    const pressed = await press(bot, agent, create, review.id);
    assert.match(cardText(pressed.card), /approval/);
    assert.equal(bot.directory.state(contoso).findUser('help.one@contoso.com'), undefined);
    const stranger = await press(bot, OWNER, create, review.id);
    assert.match(cardText(stranger.card), /Only Hal Helpdesk/);
  });

  it('without a file or rows explains how to import; Cancel creates nothing', async () => {
    assert.match(cardText((await bot.say(OWNER, 'import users')).cards[0]), /Attach a CSV file/);
    const [review] = await sayWithIds(bot, OWNER, { text: `import users\n${HEADER}\ncancel.me@contoso.com,C,M,,,\n` });
    const cancel = cardActions(review?.card).find((a) => a.verb === 'import.cancel');
    const create = cardActions(review?.card).find((a) => a.verb === 'import.create');
    assert.ok(cancel && create && review);
    assert.match(cardText((await press(bot, OWNER, cancel, review.id)).card), /Import cancelled/);
    assert.match(cardText((await press(bot, OWNER, create, review.id)).card), /cancelled/);
    assert.equal(bot.directory.state(contoso).findUser('cancel.me@contoso.com'), undefined);
  });

  it('a review expires after 24 hours: Create then creates nothing, and its stored rows are removed', async () => {
    const [review] = await sayWithIds(bot, OWNER, { text: `import users\n${HEADER}\nlate.one@contoso.com,L,O,,,\n` });
    const create = cardActions(review?.card).find((a) => a.verb === 'import.create');
    assert.ok(create && review);
    bot.clock.advance(25 * 60 * 60_000);
    assert.match(cardText((await press(bot, OWNER, create, review.id)).card), /review has expired/);
    assert.equal(bot.directory.state(contoso).findUser('late.one@contoso.com'), undefined);
    await sayWithIds(bot, OWNER, { text: `import users\n${HEADER}\nother.one@contoso.com,O,O,,,\n` });
    const files = await readdir(path.join(bot.dataDir, 'imports'));
    assert.ok(!files.includes(`${String(create.data.importId)}.rows.json`), files.join());
  });
});

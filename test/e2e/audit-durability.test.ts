import assert from 'node:assert/strict';
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BotHarness, OWNER, persona } from '../helpers/bot-harness.js';
import { cardText } from '../helpers/cards.js';
import { MINUTE } from '../helpers/test-clock.js';
import { isServiceError } from '../../src/domain/errors.js';

const id = (n: number) => `7c2d3e4f-2222-4c1a-9e7b-${String(n).padStart(12, '0')}`;

describe('audit trail: torn lines and refusal floods', () => {
  let bot: BotHarness;
  const auditFile = () => path.join(bot.dataDir, 'audit.jsonl');
  const lines = async () => (await readFile(auditFile(), 'utf8').catch(() => '')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { action: string; outcome: string; actor: { aadObjectId: string }; details?: Record<string, unknown> });
  beforeEach(async () => {
    bot = await BotHarness.start();
    await bot.say(OWNER, `grant helpdesk to ${id(1)}`);
    await bot.say(OWNER, `grant helpdesk to ${id(2)}`);
  });
  afterEach(async () => {
    await bot.stop();
  });

  for (const [what, torn] of [
    ['an append cut short (no newline)', '{"at":"2026-11-20T09:00:00.000Z","actor":{"tenantId":"t","aadOb'],
    ['zeros a crash left after the last newline', '\u0000\u0000\u0000\u0000\n'],
  ] as const) {
    it(`a torn last line (${what}) is dropped at start with a warning and a copy beside the file; later entries append cleanly`, async () => {
      const good = await readFile(auditFile(), 'utf8');
      await appendFile(auditFile(), torn);
      await bot.restart();
      assert.equal(await readFile(auditFile(), 'utf8'), good, 'cut back to the last complete entry');
      const copies = (await readdir(bot.dataDir)).filter((f) => f.startsWith('audit.jsonl.torn-'));
      assert.equal(copies.length, 1);
      assert.equal(await readFile(path.join(bot.dataDir, copies[0] as string), 'utf8'), torn);
      const warning = bot.logs.map((l) => JSON.parse(l) as { level: number; msg: string; line?: number; file?: string }).find((l) => /torn last audit line/.test(l.msg));
      assert.equal(warning?.level, 40);
      assert.equal(warning?.line, 3);
      assert.equal(warning?.file, auditFile());
      assert.match(cardText((await bot.say(OWNER, `grant helpdesk to ${id(3)}`)).cards[0]), /Role granted/);
      await bot.restart();
      assert.deepEqual((await lines()).map((l) => l.action), ['grant', 'grant', 'grant']);
    });
  }

  it('a bad line in the middle still stops start-up naming the file and line, and leaves the file untouched', async () => {
    const [first, second] = (await readFile(auditFile(), 'utf8')).split('\n');
    const text = `${first}\n{"at":"broken"}\n${second}\n`;
    await writeFile(auditFile(), text);
    await assert.rejects(bot.restart(), (e: unknown) => {
      assert.ok(isServiceError(e));
      assert.equal(e.code, 'STORE_CORRUPT');
      assert.equal(e.message, `${auditFile()} line 2 is not a valid audit entry; it was left untouched.`);
      return true;
    });
    assert.equal(await readFile(auditFile(), 'utf8'), text);
    await writeFile(auditFile(), `${first}\n${second}\n`);
    await bot.restart();
  });

  it('200 refused commands from one caller in one minute add at most 3 lines, with the right count, shown by audit', async () => {
    const stranger = persona('Mallory Flood');
    const before = (await lines()).length;
    for (let i = 0; i < 200; i++) assert.match(cardText((await bot.say(stranger, 'customers')).cards[0]), /Not allowed/);
    const during = (await lines()).slice(before);
    assert.ok(during.length <= 3, `${during.length} lines`);
    assert.deepEqual(during.map((l) => [l.actor.aadObjectId, l.action, l.outcome]), [[stranger.aadObjectId, 'customers', 'denied']]);

    bot.clock.advance(MINUTE);
    const shown = cardText((await bot.say(OWNER, 'audit action customers')).cards[0]);
    assert.match(shown, /customers · denied ×200 in that minute/);
    const added = (await lines()).slice(before);
    assert.ok(added.length <= 3, `${added.length} lines`);
    assert.deepEqual(added.map((l) => [l.action, l.outcome, l.details?.count]), [['customers', 'denied', undefined], ['customers', 'denied', 200]]);
    assert.equal(added[1]?.details?.permission, 'directory.read');

    // A new minute starts a new entry; shutting down writes the count of the unfinished minute.
    for (let i = 0; i < 5; i++) await bot.say(stranger, 'customers');
    await bot.restart();
    assert.deepEqual((await lines()).slice(before + 2).map((l) => l.details?.count), [undefined, 5]);
  });
});

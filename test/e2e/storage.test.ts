import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BotHarness} from '../helpers/bot-harness.js';
import { OWNER } from '../helpers/bot-harness.js';
import { startOnContoso } from '../helpers/setup.js';
import { cardText } from '../helpers/cards.js';
import { CONTOSO, licensesOf, outcomes, upn } from '../helpers/licenses.js';
import { failDurableWrites } from '../helpers/failing-disk.js';
import { EmbeddedDirectory } from '../../src/adapters/directory/embedded/embedded-directory.js';
import { CustomerState } from '../../src/adapters/directory/embedded/customer-state.js';
import { isServiceError } from '../../src/domain/errors.js';

const id = (n: number) => `7c2d3e4f-2222-4c1a-9e7b-${String(n).padStart(12, '0')}`;

/** Every file under DATA_DIR with its size, temp files included. */
async function files(dir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, full), (await stat(full)).size);
  }
  return out;
}

const health = async (bot: BotHarness, route = '/healthz') => {
  const response = await fetch(`${bot.runtime.url}${route}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('storage: a full or unwritable data disk', () => {
  let bot: BotHarness;
  let freeDisk: (() => void) | undefined;
  beforeEach(async () => {
    bot = await startOnContoso();
  });
  afterEach(async () => {
    freeDisk?.();
    freeDisk = undefined;
    await bot.stop();
  });

  it('a full disk refuses a grant (temp file + rename) with a friendly card, leaves no temp file and no grant; it works once space is freed', async () => {
    const before = await files(bot.dataDir);
    assert.deepEqual(await health(bot), { status: 200, body: { status: 'ok' } });
    freeDisk = failDurableWrites('ENOSPC');
    const card = cardText((await bot.say(OWNER, `grant helpdesk to ${id(1)}`)).cards[0]);
    assert.match(card, /Data disk full/);
    assert.match(card, /The bot's data disk is full; nothing was changed\./);
    assert.equal((await bot.runtime.app.state.operators.allGrants()).length, 0, 'the grant is not left in memory');
    assert.deepEqual(await files(bot.dataDir), before, 'no temp file, no byte added anywhere');
    const logged = bot.logs.map((l) => JSON.parse(l) as { level: number; msg: string; file?: string; code?: string }).find((l) => l.level === 50 && l.code === 'ENOSPC');
    assert.ok(logged, 'logged at error');
    assert.match(logged.file ?? '', /\.app\.json\.\d+\.tmp$/, 'with the path');
    assert.deepEqual(await health(bot), { status: 503, body: { status: 'unavailable', reason: 'data disk full' } });
    assert.equal((await health(bot, '/livez')).status, 200, 'alive all the same');

    freeDisk();
    assert.deepEqual(await health(bot), { status: 200, body: { status: 'ok' } });
    assert.match(cardText((await bot.say(OWNER, `grant helpdesk to ${id(1)}`)).cards[0]), /Role granted/);
    await bot.restart();
    assert.equal((await bot.runtime.app.state.operators.allGrants()).length, 1);
  });

  it('a full disk refuses an assign (journal append) without a torn journal line or a seat taken; the same assign works once space is freed', async () => {
    const journal = path.join(EmbeddedDirectory.customersDir(bot.dataDir), `${CONTOSO}.journal`);
    const journalBefore = await readFile(journal, 'utf8').catch(() => '');
    const auditBefore = await readFile(path.join(bot.dataDir, 'audit.jsonl'), 'utf8').catch(() => '');
    const seats = (await bot.directory.listSubscriptions(CONTOSO)).find((s) => s.skuPartNumber === 'O365_BUSINESS_PREMIUM')?.seatsAssigned;
    freeDisk = failDurableWrites('EDQUOT');
    const refused = cardText((await bot.say(OWNER, `assign O365_BUSINESS_PREMIUM to ${upn('cameron.white')}`)).cards[0]);
    assert.match(refused, /The bot's data disk is full; nothing was changed\./);
    assert.deepEqual(await licensesOf(bot, 'cameron.white'), [], 'memory rolled back');
    assert.equal((await bot.directory.listSubscriptions(CONTOSO)).find((s) => s.skuPartNumber === 'O365_BUSINESS_PREMIUM')?.seatsAssigned, seats);
    assert.equal(await readFile(journal, 'utf8').catch(() => ''), journalBefore, 'the half-written record was cut off');
    assert.equal(await readFile(path.join(bot.dataDir, 'audit.jsonl'), 'utf8').catch(() => ''), auditBefore);

    freeDisk();
    const card = (await bot.say(OWNER, `assign O365_BUSINESS_PREMIUM to ${upn('cameron.white')}`)).cards[0];
    assert.deepEqual(outcomes(card), { [upn('cameron.white')]: ['assigned'] });
    await bot.restart();
    assert.deepEqual(await licensesOf(bot, 'cameron.white'), ['O365_BUSINESS_PREMIUM']);
  });

  it('when only the audit entry cannot be written, the card does not claim nothing was changed, and the trail is not torn', async () => {
    const audit = path.join(bot.dataDir, 'audit.jsonl');
    const before = await readFile(audit, 'utf8').catch(() => '');
    freeDisk = failDurableWrites('ENOSPC', { only: (file) => file === audit });
    const card = cardText((await bot.say(OWNER, `grant helpdesk to ${id(2)}`)).cards[0]);
    assert.match(card, /the audit trail could not record this/);
    assert.doesNotMatch(card, /nothing was changed/);
    assert.equal((await bot.runtime.app.state.operators.allGrants()).length, 1, 'the grant itself was stored');
    assert.equal(await readFile(audit, 'utf8').catch(() => ''), before);
  });

  it('a snapshot rewrite that fails for lack of space does not fail a change already in the journal', async () => {
    CustomerState.journalLimitBytes = 1;
    try {
      freeDisk = failDurableWrites('ENOSPC', { only: (file) => file.endsWith('.json.' + process.pid + '.tmp') && file.includes(CONTOSO) });
      const card = (await bot.say(OWNER, `assign O365_BUSINESS_PREMIUM to ${upn('cameron.white')}`)).cards[0];
      assert.deepEqual(outcomes(card), { [upn('cameron.white')]: ['assigned'] });
      assert.deepEqual(await files(bot.dataDir).then((f) => [...f.keys()].filter((k) => k.endsWith('.tmp'))), []);
      freeDisk();
      await bot.restart();
      assert.deepEqual(await licensesOf(bot, 'cameron.white'), ['O365_BUSINESS_PREMIUM']);
    } finally {
      CustomerState.journalLimitBytes = 4 * 1024 * 1024;
    }
  });

  it('start-up removes temp files earlier writes left, and only those', async () => {
    const customers = EmbeddedDirectory.customersDir(bot.dataDir);
    await mkdir(path.join(bot.dataDir, 'imports'), { recursive: true });
    const strays = [path.join(bot.dataDir, '.app.json.4242.tmp'), path.join(customers, `.${CONTOSO}.json.1.tmp`), path.join(bot.dataDir, 'imports', '.job.rows.json.77.tmp')];
    for (const file of strays) await writeFile(file, '{"upn":"someone@contoso.onmicrosoft.com"'.repeat(100));
    const kept = path.join(bot.dataDir, 'notes.tmp');
    await writeFile(kept, 'not ours');
    await bot.restart();
    for (const file of strays) await assert.rejects(stat(file), /ENOENT/, file);
    assert.equal(await readFile(kept, 'utf8'), 'not ours');
    assert.ok(bot.logs.some((l) => l.includes('removed temp files an earlier write left behind')));
  });

  it('a read-only DATA_DIR stops start-up with one line naming it', async () => {
    freeDisk = failDurableWrites('EROFS', { atOpen: true });
    await assert.rejects(bot.restart(), (e: unknown) => {
      assert.ok(isServiceError(e));
      assert.equal(e.code, 'STORAGE_UNAVAILABLE');
      assert.equal(e.message, `DATA_DIR ${path.resolve(bot.dataDir)} is not writable (EROFS); make it writable and start again.`);
      return true;
    });
    freeDisk();
    freeDisk = undefined;
    await bot.restart();
    assert.equal((await health(bot)).status, 200);
  });
});

import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { CustomerState } from '../../src/adapters/directory/embedded/customer-state.js';
import type { BotHarness} from '../helpers/bot-harness.js';
import { OWNER, persona } from '../helpers/bot-harness.js';
import { startOnContoso } from '../helpers/setup.js';
import { CONTOSO, outcomes, subscription } from '../helpers/licenses.js';

interface StoredFile {
  customer: { id: string };
  subscriptions: { skuId: string; seatsTotal: number }[];
  users: { upn: string; licenses: string[] }[];
}

async function contosoFile(bot: BotHarness): Promise<StoredFile> {
  await bot.directory.idle();
  const dir = path.join(bot.dataDir, 'customers');
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json'))) {
    // What is on disk: the snapshot with the change journal replayed, exactly as a restart would load it.
    const data = (await CustomerState.readStored(path.join(dir, file))) as StoredFile;
    if (data.customer.id === CONTOSO) return data;
  }
  throw new Error('no Contoso file');
}

/** Leaves exactly `free` seats of Teams Essentials and returns 20 users who do not have it. */
async function fiveFreeSeats(bot: BotHarness, free: number): Promise<string[]> {
  const teams = await subscription(bot, 'TEAMS_ESSENTIALS_AAD');
  const all = (await bot.directory.listUsers(CONTOSO, { kind: 'all' }, { top: 100 })).items.filter((u) => !u.licenses.includes(teams.skuId));
  const fill = all.slice(0, teams.seatsTotal - teams.seatsAssigned - free).map((u) => u.upn);
  await bot.say(OWNER, `assign TEAMS_ESSENTIALS_AAD to ${fill.join(', ')}`);
  assert.equal((await subscription(bot, 'TEAMS_ESSENTIALS_AAD')).seatsAssigned, teams.seatsTotal - free);
  const rest = all.slice(fill.length).map((u) => u.upn);
  assert.ok(rest.length >= 20);
  return rest.slice(0, 20);
}

async function assertStoredCountsAgree(bot: BotHarness, expectedAssigned: number): Promise<void> {
  const teams = await subscription(bot, 'TEAMS_ESSENTIALS_AAD');
  assert.equal(teams.seatsAssigned, expectedAssigned);
  const file = await contosoFile(bot);
  const holders = file.users.filter((u) => u.licenses.includes(teams.skuId)).length;
  assert.equal(holders, expectedAssigned);
  assert.ok(holders <= (file.subscriptions.find((s) => s.skuId === teams.skuId)?.seatsTotal ?? 0));
}

describe('licenses: safe under concurrency', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startOnContoso();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('20 concurrent assigns for different users at 5 free seats: exactly 5 succeed, 15 get "no seat"', async () => {
    const targets = await fiveFreeSeats(bot, 5);
    const replies = await Promise.all(targets.map((u) => bot.say(OWNER, `assign TEAMS_ESSENTIALS_AAD to ${u}`)));
    const got = replies.map((r, i) => outcomes(r.cards[0])[targets[i] as string]?.join());
    assert.equal(got.filter((o) => o === 'assigned').length, 5, got.join(' | '));
    assert.equal(got.filter((o) => o === 'no seat').length, 15, got.join(' | '));
    await assertStoredCountsAgree(bot, 10);
    const winners = targets.filter((_, i) => got[i] === 'assigned');
    const file = await contosoFile(bot);
    const teams = await subscription(bot, 'TEAMS_ESSENTIALS_AAD');
    for (const u of targets) assert.equal(file.users.find((f) => f.upn === u)?.licenses.includes(teams.skuId), winners.includes(u), u);
    const audited = (await bot.runtime.app.audit.all()).filter((e) => e.action === 'licenses.change').slice(1);
    assert.equal(audited.filter((e) => e.outcome === 'success').length, 5);
  });

  it('holds when all 20 requests pass the early seat check at the same moment: the store refuses the 15 late ones', async () => {
    const targets = await fiveFreeSeats(bot, 5);
    // Every request waits at the store until all 20 are there, so each has already seen 5 free seats.
    const original = bot.directory.changeLicenses.bind(bot.directory);
    let arrived = 0;
    let release = (): void => undefined;
    const allArrived = new Promise<void>((resolve) => (release = resolve));
    bot.directory.changeLicenses = async (...args) => {
      if (++arrived === targets.length) release();
      await allArrived;
      return original(...args);
    };
    const replies = await Promise.all(targets.map((u) => bot.say(OWNER, `assign TEAMS_ESSENTIALS_AAD to ${u}`)));
    const got = replies.map((r, i) => outcomes(r.cards[0])[targets[i] as string]?.join());
    assert.equal(got.filter((o) => o === 'assigned').length, 5, got.join(' | '));
    assert.equal(got.filter((o) => o === 'no seat').length, 15, got.join(' | '));
    const refused = (await bot.runtime.app.audit.all()).filter((e) => e.action === 'licenses.change' && e.outcome === 'failure');
    assert.equal(refused.length, 15);
    assert.ok(refused.every((e) => e.details?.code === 'NO_SEATS' && e.details.available === 0 && e.details.needed === 1));
    await assertStoredCountsAgree(bot, 10);
  });

  it('several operators saving the Manage card at once never over-assign (clicks over HTTP)', async () => {
    const operators = [OWNER, persona('Ada Admin'), persona('Abe Admin'), persona('Amy Admin')];
    for (const op of operators.slice(1)) await bot.grant(op, 'admin-agent');
    for (const op of operators.slice(1)) await bot.say(op, 'use contoso');
    const targets = await fiveFreeSeats(bot, 5);
    const teams = `sku_${(await subscription(bot, 'TEAMS_ESSENTIALS_AAD')).skuId}`;
    const ids = await Promise.all(targets.map(async (u) => (await bot.directory.getUser(CONTOSO, u)).id));
    const clicks = await Promise.all(ids.map((id, i) => bot.click(operators[i % operators.length] ?? OWNER, 'licenses.manage.save', { userIds: [id], [teams]: 'add' })));
    const got = clicks.map((c, i) => outcomes(c.card)[targets[i] as string]?.join());
    assert.equal(got.filter((o) => o === 'assigned').length, 5, got.join(' | '));
    assert.equal(got.filter((o) => o === 'no seat').length, 15, got.join(' | '));
    await assertStoredCountsAgree(bot, 10);
  });

  it('two operators taking the last seats with multi-user requests: one gets them all, the other an offer for what is left', async () => {
    const admin = persona('Ada Admin');
    await bot.grant(admin, 'admin-agent');
    await bot.say(admin, 'use contoso');
    const targets = await fiveFreeSeats(bot, 5);
    const [a, b] = await Promise.all([
      bot.say(OWNER, `assign TEAMS_ESSENTIALS_AAD to ${targets.slice(0, 3).join(', ')}`),
      bot.say(admin, `assign TEAMS_ESSENTIALS_AAD to ${targets.slice(3, 6).join(', ')}`),
    ]);
    const texts = [a, b].map((r) => JSON.stringify(r.cards[0]));
    assert.equal(texts.filter((t) => t.includes('Assign to the first 2')).length, 1, texts.join('\n'));
    assert.equal(texts.filter((t) => (t.match(/\*\*assigned\*\*/g) ?? []).length === 3).length, 1);
    await assertStoredCountsAgree(bot, 8);
  });
});

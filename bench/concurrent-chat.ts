import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/domain/clock.js';
import { EmbeddedDirectory } from '../src/adapters/directory/embedded/embedded-directory.js';
import { openEmbeddedDirectory } from '../src/adapters/directory/embedded/seed.js';
import { SYNTHETIC_SKUS, syntheticCustomer, syntheticId } from './synthetic.js';
import { BenchConnector } from './connector.js';
import { serveInChild } from './child.js';
import { ChatClient, percentile, type Persona } from './load.js';

export interface ConcurrentChatResult {
  users: number;
  conversations: number;
  acknowledged: number;
  /** Replies that were not a license result saying the change was made (error cards, timeouts). */
  failed: number;
  seconds: number;
  mutationsPerSecond: number;
  p50: number;
  p99: number;
  /** Durable writes the bot process made during the run (coalesced: one write carries every change that waited). */
  durableWrites: number;
  seatsOnDisk: number;
  seatsExpected: number;
  usersDiffering: number;
  lost: boolean;
}

const TENANT = '11111111-2222-4333-8444-555555555555';
const ACKNOWLEDGED = /: \*\*(assigned|removed)\*\*/;

/**
 * Part 3 through the bot: `conversations` operators (BOT_OWNERS) each `use` one large customer, then send
 * `assign TEAMS_ESSENTIALS_AAD to <upn>` and `remove ... from <upn>` in turn on five users of their own, closed loop
 * over HTTP. MUTATIONS_PER_MINUTE=0 in the bot: the default 60 per operator would cap each conversation at one a
 * second. A change counts as acknowledged when its reply card says the license was assigned or removed; after the
 * bot stops, the customer is loaded from disk and every acknowledged change is checked.
 */
export async function benchConcurrentChat({ users, conversations = 50, quick }: { users: number; conversations?: number; quick: boolean }): Promise<ConcurrentChatResult> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-bench-concurrent-chat-'));
  const connector = new BenchConnector();
  connector.keepBodies = true;
  await connector.start();
  try {
    const { directory } = await openEmbeddedDirectory(dataDir, systemClock);
    const data = syntheticCustomer(users);
    await directory.addCustomer(data);
    await directory.idle();
    const teams = SYNTHETIC_SKUS[3];
    const candidates = data.users.filter((u) => !u.licenses.includes(teams.skuId));
    const baseline = data.users.length - candidates.length;
    const operators: Persona[] = Array.from({ length: conversations }, (_, i) => ({ name: `Bench Operator ${i}`, aadObjectId: syntheticId(`operator/${i}`), tenantId: TENANT }));
    const bot = await serveInChild(['bot', dataDir, operators.map((o) => o.aadObjectId).join(',')], [], { MUTATIONS_PER_MINUTE: '0' });
    const client = new ChatClient(bot.url, connector);
    const perConversation = quick ? 6 : 20;
    const expected = new Map<string, boolean>();
    const latencies: number[] = [];
    let acknowledged = 0;
    let failed = 0;
    let seconds = 0;
    let durableWrites = 0;
    try {
      for (const who of operators) await client.say(who, `use ${data.customer.name}`);
      const writesBefore = (await bot.memory()).durableWrites;
      const started = performance.now();
      await Promise.all(
        operators.map(async (who, c) => {
          const mine = candidates.filter((_, i) => i % conversations === c).slice(0, 5);
          for (let n = 0; n < perConversation; n++) {
            const user = mine[n % mine.length] as (typeof candidates)[number];
            const add = !expected.get(user.id);
            const text = add ? `assign ${teams.skuPartNumber} to ${user.upn}` : `remove ${teams.skuPartNumber} from ${user.upn}`;
            try {
              const { ms, reply } = await client.ask(who, text);
              latencies.push(ms);
              if (!ACKNOWLEDGED.test(JSON.stringify(reply))) throw new Error('not acknowledged');
              expected.set(user.id, add);
              acknowledged++;
            } catch {
              failed++;
            }
          }
        }),
      );
      seconds = (performance.now() - started) / 1000;
      durableWrites = (await bot.memory()).durableWrites - writesBefore;
    } finally {
      client.close();
      await bot.stop();
    }
    const reloaded = (await EmbeddedDirectory.open(dataDir, systemClock)).state(data.customer.id);
    const seatsOnDisk = reloaded.data.users.filter((u) => u.licenses.includes(teams.skuId)).length;
    const seatsExpected = baseline + [...expected.values()].filter(Boolean).length;
    let usersDiffering = 0;
    for (const [userId, has] of expected) if (reloaded.findUser(userId)?.licenses.includes(teams.skuId) !== has) usersDiffering++;
    latencies.sort((a, b) => a - b);
    return {
      users,
      conversations,
      acknowledged,
      failed,
      seconds: Math.round(seconds * 100) / 100,
      mutationsPerSecond: Math.round(acknowledged / seconds),
      p50: Math.round(percentile(latencies, 50)),
      p99: Math.round(percentile(latencies, 99)),
      durableWrites,
      seatsOnDisk,
      seatsExpected,
      usersDiffering,
      lost: usersDiffering > 0 || seatsOnDisk !== seatsExpected,
    };
  } finally {
    await connector.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

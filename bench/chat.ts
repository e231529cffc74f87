import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openFileState } from '../src/adapters/state/file/index.js';
import { systemClock } from '../src/domain/clock.js';
import { openEmbeddedDirectory } from '../src/adapters/directory/embedded/seed.js';
import { DEMO_CUSTOMER_IDS } from '../src/adapters/directory/embedded/demo-data.js';
import { syntheticId } from './synthetic.js';
import { BenchConnector } from './connector.js';
import { serveInChild } from './child.js';
import { ChatClient, runConversations, summarize, type LoadResult, type Persona, type Samples } from './load.js';

export const CONVERSATIONS = 50;
const TENANT = '11111111-2222-4333-8444-555555555555';

export interface ChatResult {
  conversations: number;
  messagesEach: number;
  bot: LoadResult;
  echo: LoadResult;
  /** CPU milliseconds each bot process spent per measured activity: what a shared machine's load does not change. */
  cpuMsPerActivity: { bot: number; echo: number };
  /** Medians over the rounds of each round's bot/echo ratio (a bot round and the echo round next to it). */
  throughputRatio: number;
  p99Ratio: number;
  rounds: { throughputRatio: number; p99Ratio: number }[];
  /** os.loadavg() when the measured rounds start and end: the ratios are only comparable at similar load. */
  loadAverage: { start: number[]; end: number[] };
  /** Quick runs (few messages, code barely JIT-compiled) do not measure the ratio. */
  measuresRatio: boolean;
  targets: { throughputAtLeast: number; p99AtMost: number };
  met: boolean;
}

const loadAverage = (): number[] => os.loadavg().map((x) => Math.round(x * 100) / 100);
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : Math.round((((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2) * 100) / 100;
};

/** The personas: the first half are BOT_OWNERS, the second half hold a stored global-admin grant. */
export function personas(): Persona[] {
  return Array.from({ length: CONVERSATIONS }, (_, i) => ({ name: `Bench Operator ${i}`, aadObjectId: syntheticId(`operator/${i}`), tenantId: TENANT }));
}

export async function seed(dataDir: string, granted: Persona[]): Promise<string[]> {
  const { directory } = await openEmbeddedDirectory(dataDir, systemClock);
  const page = await directory.listUsers(DEMO_CUSTOMER_IDS.contoso, { kind: 'all' }, { top: 1000 });
  await directory.idle();
  const state = await openFileState(dataDir, { clock: systemClock });
  for (const who of granted) {
    await state.operators.addGrant({ tenantId: who.tenantId, aadObjectId: who.aadObjectId, role: 'global-admin', customers: null, grantedBy: 'bench', grantedAt: new Date().toISOString() });
  }
  await state.close();
  return page.items.map((u) => u.upn);
}

/** The command mix of one conversation: each conversation starts at a different point of the cycle. */
export function commandFor(upns: readonly string[]): (conversation: number, n: number) => string {
  return (c, n) => {
    const mix = ['help', 'users', 'users unlicensed', `user ${upns[(c + n) % upns.length]}`, 'licenses'];
    return mix[(c + n) % mix.length] as string;
  };
}

/**
 * Both bots run at once in their own processes; the measured rounds alternate between them (echo first in even
 * rounds, the bot first in odd ones), so background load on a shared machine hits both alike. Each round pair gives
 * a ratio, and the median of the 6 pairs is reported (a quick run's 2 pairs are not a measure of the ratio).
 */
export async function benchChat({ quick, nodeFlags = [] }: { quick: boolean; nodeFlags?: string[] }): Promise<ChatResult> {
  const rounds = quick ? 2 : 6;
  const perRound = quick ? 4 : 10;
  const warmupEach = quick ? 2 : 10;
  const all = personas();
  const owners = all.slice(0, CONVERSATIONS / 2);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-bench-chat-'));
  const connector = new BenchConnector();
  await connector.start();
  const [echo, bot] = await Promise.all([
    serveInChild(['echo'], nodeFlags),
    seed(dataDir, all.slice(CONVERSATIONS / 2)).then(async (upns) => ({ upns, served: await serveInChild(['bot', dataDir, owners.map((o) => o.aadObjectId).join(',')], nodeFlags) })),
  ]);
  const echoClient = new ChatClient(echo.url, connector);
  const botClient = new ChatClient(bot.served.url, connector);
  try {
    const commands = commandFor(bot.upns);
    const setup = await runConversations(botClient, all, 1, () => 'use contoso');
    if (setup.errors > 0) throw new Error(`${setup.errors} conversations could not choose Contoso`);
    await runConversations(echoClient, all, warmupEach, commands);
    await runConversations(botClient, all, warmupEach, commands);
    const loadStart = loadAverage();
    const cpuBefore = await Promise.all([bot.served.cpuMs(), echo.cpuMs()]);
    const echoRuns: Samples[] = [];
    const botRuns: Samples[] = [];
    for (let r = 0; r < rounds; r++) {
      const offset = warmupEach + r * perRound;
      const runEcho = async () => echoRuns.push(await runConversations(echoClient, all, perRound, commands, offset));
      const runBot = async () => botRuns.push(await runConversations(botClient, all, perRound, commands, offset));
      if (r % 2 === 0) await runEcho().then(runBot);
      else await runBot().then(runEcho);
    }
    const cpuAfter = await Promise.all([bot.served.cpuMs(), echo.cpuMs()]);
    const loadEnd = loadAverage();
    const botResult = summarize(botRuns);
    const echoResult = summarize(echoRuns);
    const perActivity = (i: 0 | 1, n: number) => Math.round((((cpuAfter[i] as number) - (cpuBefore[i] as number)) / Math.max(1, n)) * 100) / 100;
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const roundRatios = botRuns.map((b, r) => {
      const [botRound, echoRound] = [summarize([b]), summarize([echoRuns[r] as Samples])];
      return { throughputRatio: ratio(botRound.perSecond, echoRound.perSecond), p99Ratio: ratio(botRound.p99, echoRound.p99) };
    });
    const throughputRatio = median(roundRatios.map((r) => r.throughputRatio));
    const p99Ratio = median(roundRatios.map((r) => r.p99Ratio));
    const targets = { throughputAtLeast: 0.85, p99AtMost: 1.25 };
    return {
      conversations: CONVERSATIONS,
      messagesEach: rounds * perRound,
      bot: botResult,
      echo: echoResult,
      cpuMsPerActivity: { bot: perActivity(0, botResult.activities), echo: perActivity(1, echoResult.activities) },
      throughputRatio,
      p99Ratio,
      rounds: roundRatios,
      loadAverage: { start: loadStart, end: loadEnd },
      measuresRatio: !quick,
      targets,
      met: !quick && throughputRatio >= targets.throughputAtLeast && p99Ratio <= targets.p99AtMost && botResult.errors === 0,
    };
  } finally {
    echoClient.close();
    botClient.close();
    await Promise.all([echo.stop(), bot.served.stop(), connector.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  }
}

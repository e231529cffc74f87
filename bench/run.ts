/**
 * npm run bench [-- --quick] [-- --only chat,store,concurrent,footprint,graph]
 * Prints tables and writes bench/results.json. Not a test: nothing here runs in CI.
 * --quick (under a minute) uses smaller customers and fewer messages; the targets are judged on the full run.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchChat } from './chat.js';
import { benchStoreSize, growth, type StoreSizeResult } from './store.js';
import { benchConcurrent } from './concurrent.js';
import { benchConcurrentChat } from './concurrent-chat.js';
import { benchFootprint } from './footprint.js';
import { benchGraphCreate } from './graph-create.js';
import { table, ms, mb, verdict } from './report.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : null;
const wanted = (part: string) => !only || only.has(part);
const sizes = quick ? [1000, 10_000] : [1000, 10_000, 50_000];
const largest = sizes[sizes.length - 1] as number;

const machine = () => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryBytes: os.totalmem(),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
  loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
});

const results: Record<string, unknown> = { at: new Date().toISOString(), quick, machineAtStart: machine() };
const out: string[] = [];
const print = (text: string) => {
  out.push(text);
  console.log(text);
};
print(`license-desk benchmarks${quick ? ' (quick)' : ''}: ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);

if (wanted('chat')) {
  const chat = await benchChat({ quick });
  results.chat = chat;
  const row = (name: string, r: typeof chat.bot) => [name, r.activities, r.perSecond, ms(r.p50), ms(r.p95), ms(r.p99), r.errors];
  print(table(`1. Chat round trip: ${chat.conversations} conversations, ${chat.messagesEach} measured messages each (ms from POST to reply at the connector)`, ['bot', 'activities', 'per s', 'p50', 'p95', 'p99', 'errors'], [row('license-desk', chat.bot), row('echo bot', chat.echo)]));
  print(`CPU per activity: license-desk ${chat.cpuMsPerActivity.bot} ms, echo bot ${chat.cpuMsPerActivity.echo} ms (each in its own process)`);
  print(`load average at the start of the measured rounds ${chat.loadAverage.start.join(' ')}, at the end ${chat.loadAverage.end.join(' ')}`);
  print(`per round pair, throughput ratio ${chat.rounds.map((r) => r.throughputRatio).join(' ')}; p99 ratio ${chat.rounds.map((r) => r.p99Ratio).join(' ')}`);
  if (!chat.measuresRatio) print('QUICK MODE: too few messages (the bot is barely JIT-compiled); this is NOT a measure of the bot/echo ratio.');
  print(`median of ${chat.rounds.length} rounds: throughput ${chat.throughputRatio}x echo (target >= ${chat.targets.throughputAtLeast}x), p99 ${chat.p99Ratio}x echo (target <= ${chat.targets.p99AtMost}x): ${chat.measuresRatio ? verdict(chat.met) : 'not judged (quick)'}`);
}

if (wanted('store')) {
  const store: StoreSizeResult[] = [];
  for (const users of sizes) store.push(await benchStoreSize(users, { quick }));
  const rows = Object.keys(store[store.length - 1]?.operations ?? {}).map((op) => [
    op,
    ...store.flatMap((s) => {
      const f = s.operations[op];
      return f ? [ms(f.p50), ms(f.p99), ms(f.cpuP50), f.durableWrites, mb(f.bytesWritten)] : ['', '', '', '', ''];
    }),
  ]);
  print(table('2. Store (wall ms p50 / p99, CPU ms p50, durable writes and MB written per operation)', ['operation', ...store.flatMap((s) => [`${s.users} p50`, 'p99', 'cpu', 'writes', 'MB'])], rows));
  print(`file size: ${store.map((s) => `${s.users} users ${mb(s.fileBytes)} MB`).join(', ')}`);
  const grows = growth(store);
  print(table(`Growth: time(${largest})/time(${sizes[0]}) at p50, customer ${largest / (sizes[0] as number)}x larger`, ['operation', 'ratio', 'superlinear'], grows.map((g) => [g.operation, g.ratio, g.superlinear ? 'YES' : 'no'])));
  results.store = { sizes: store, growth: grows };
  const big = store[store.length - 1] as StoreSizeResult;
  const o = big.operations;
  const filterP99 = Math.max(...['filter: text', 'filter: unlicensed', 'filter: SKU'].map((k) => o[k]?.p99 ?? Infinity));
  const mutation = o['assign license: 1 user']?.p50 ?? Infinity;
  const imported = o['create 10,000 users from a CSV'];
  const storeTargets = [
    ['filter p99 <= 20 ms', ms(filterP99), filterP99 <= 20],
    ['one durable mutation p50 <= 100 ms', ms(mutation), mutation <= 100],
    ['first filter after a change p99 <= 20 ms', `${ms(o['filter: first after a change']?.p99 ?? Infinity)} (CPU p99 ${ms(o['filter: first after a change']?.cpuP99 ?? Infinity)})`, (o['filter: first after a change']?.p99 ?? Infinity) <= 20],
    ...(imported ? [['10,000-row import <= 10 s, <= 25 durable writes', `${ms(imported.p50)} ms, ${imported.durableWrites} writes`, imported.p50 <= 10_000 && imported.durableWrites <= 25]] : []),
  ] as [string, string, boolean][];
  print(table(`Store targets at ${big.users} users`, ['target', 'measured', ''], storeTargets.map(([t, m, ok]) => [t, m, verdict(ok)])));
  (results.store as Record<string, unknown>).targets = storeTargets.map(([target, measured, met]) => ({ target, measured, met }));
}

if (wanted('footprint')) {
  const f = await benchFootprint(largest);
  results.footprint = f;
  print(
    table(`Bot process holding a ${largest}-user customer`, ['figure', 'measured', 'target', ''], [
      ['resident memory (after gc)', `${mb(f.rssBytes)} MB`, '<= 300 MB', verdict(f.rssBytes <= 300 * 1024 * 1024)],
      ['heap used', `${mb(f.heapUsedBytes)} MB`, '', ''],
      ['start-up: load DATA_DIR and listen', `${f.loadAndListenMs} ms`, '<= 2000 ms', verdict(f.loadAndListenMs <= 2000)],
      ['start-up: from process start (tsx)', `${f.sinceProcessStartMs} ms`, '', ''],
    ]),
  );
}

if (wanted('concurrent')) {
  const chat = await benchConcurrentChat({ users: largest, quick });
  const direct = await benchConcurrent({ users: largest, quick });
  results.concurrent = { chat, service: direct };
  print(
    table(`3. ${chat.conversations} conversations assigning and removing a license in one ${chat.users}-user customer (MUTATIONS_PER_MINUTE=0)`, ['figure', 'through the bot (HTTP)', 'service only'], [
      ['acknowledged / failed', `${chat.acknowledged} / ${chat.failed}`, `${direct.acknowledged} / ${direct.failed}`],
      ['mutations per second', chat.mutationsPerSecond, direct.mutationsPerSecond],
      ['reply p50 / p99 ms', `${chat.p50} / ${chat.p99}`, ''],
      ['durable writes', chat.durableWrites, direct.durableWrites],
      ['seats on disk / expected', `${chat.seatsOnDisk} / ${chat.seatsExpected}`, `${direct.seatsOnDisk} / ${direct.seatsExpected}`],
      ['users differing from acknowledged', chat.usersDiffering, direct.usersDiffering],
      ['lost updates', chat.lost ? 'YES' : 'none', direct.lost ? 'YES' : 'none'],
    ]),
  );
}

if (wanted('graph')) {
  const count = quick ? 200 : 1000;
  const plain = await benchGraphCreate(count, { throttle: false });
  const throttled = await benchGraphCreate(count, { throttle: true });
  results.graph = { users: count, plain, throttled };
  print(table(`Graph adapter: create ${count} licensed users against the fake Graph on loopback`, ['run', 'requests', 'ms'], [['no throttling', plain.requests, plain.ms], ['every 25th batch item 429', throttled.requests, throttled.ms]]));
}

results.machineAtEnd = machine();
print(`\nload average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');
await writeFile(file, `${JSON.stringify({ ...results, text: out.join('\n') }, null, 2)}\n`);
console.log(`\nwrote ${path.relative(process.cwd(), file)}`);

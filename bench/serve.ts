/**
 * A bot under test in its own process, so the load generator does not share its core:
 *   tsx bench/serve.ts echo
 *   tsx bench/serve.ts bot <DATA_DIR> <BOT_OWNERS csv>
 * Prints one line `READY {json}` (url, startup times), then answers `mem` on stdin with `MEM {json}` after a gc,
 * and `cpu` with `CPU {json}` (CPU milliseconds used by the process so far).
 * Run with --expose-gc for the memory figure; with --cpu-prof to profile.
 */
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { systemClock } from '../src/domain/clock.js';
import { openEmbeddedDirectory } from '../src/adapters/directory/embedded/seed.js';
import { startRuntime } from '../src/bot/runtime.js';
import { startEchoBot } from './echo-bot.js';
import { writeMetrics } from '../src/adapters/files/durable-file.js';

async function start(): Promise<{ url: string; close(): Promise<void>; loadAndListenMs: number }> {
  const [mode, dataDir, owners] = process.argv.slice(2);
  const started = performance.now();
  if (mode === 'echo') return { ...(await startEchoBot()), loadAndListenMs: performance.now() - started };
  if (mode !== 'bot' || !dataDir) throw new Error('usage: serve.ts echo | bot <DATA_DIR> <BOT_OWNERS>');
  // MUTATIONS_PER_MINUTE passes through: the mutation benchmark turns the per-operator limit off with 0.
  const { MUTATIONS_PER_MINUTE } = process.env;
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', BOT_OWNERS: owners ?? '', ...(MUTATIONS_PER_MINUTE ? { MUTATIONS_PER_MINUTE } : {}) });
  const { directory } = await openEmbeddedDirectory(config.DATA_DIR, systemClock);
  const runtime = await startRuntime({ config, log: createLogger(config.LOG_LEVEL), clock: systemClock, service: directory });
  return {
    url: runtime.url,
    loadAndListenMs: performance.now() - started,
    async close() {
      await runtime.close();
      await directory.idle();
    },
  };
}

const bot = await start();
// performance.now() counts from process start: module loading (and tsx compiling) included.
console.log(`READY ${JSON.stringify({ url: bot.url, loadAndListenMs: Math.round(bot.loadAndListenMs), sinceProcessStartMs: Math.round(performance.now()) })}`);
const stop = async () => {
  await bot.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'cpu') {
    const used = process.cpuUsage();
    console.log(`CPU ${JSON.stringify({ ms: (used.user + used.system) / 1000 })}`);
    return;
  }
  if (line.trim() !== 'mem') return;
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  console.log(`MEM ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, durableWrites: writeMetrics.durableWrites })}`);
}).on('close', () => void stop());

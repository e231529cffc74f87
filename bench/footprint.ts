import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../src/domain/clock.js';
import { openEmbeddedDirectory } from '../src/adapters/directory/embedded/seed.js';
import { syntheticCustomer, syntheticId } from './synthetic.js';
import { BenchConnector } from './connector.js';
import { serveInChild } from './child.js';
import { ChatClient } from './load.js';

export interface FootprintResult {
  users: number;
  /** Loading DATA_DIR (demo customers + the large one) and listening, inside the bot process. */
  loadAndListenMs: number;
  /** From process start (node, tsx compiling the sources, module loading) to listening. */
  sinceProcessStartMs: number;
  /** After a few commands on the large customer (sorted list and search caches built) and a full gc. */
  rssBytes: number;
  heapUsedBytes: number;
}

/** A bot process holding a large customer: start-up time and resident memory. */
export async function benchFootprint(users: number): Promise<FootprintResult> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-bench-footprint-'));
  const connector = new BenchConnector();
  await connector.start();
  try {
    const { directory } = await openEmbeddedDirectory(dataDir, systemClock);
    const data = syntheticCustomer(users);
    await directory.addCustomer(data);
    await directory.idle();
    const owner = { name: 'Bench Owner', aadObjectId: syntheticId('operator/owner'), tenantId: '11111111-2222-4333-8444-555555555555' };
    const bot = await serveInChild(['bot', dataDir, owner.aadObjectId]);
    const client = new ChatClient(bot.url, connector);
    try {
      for (const text of [`use ${data.customer.name}`, 'users', 'users lidia', 'users unlicensed', `user user42@${data.customer.defaultDomain}`, 'licenses']) await client.say(owner, text);
      const memory = await bot.memory();
      return { users, loadAndListenMs: bot.loadAndListenMs, sinceProcessStartMs: bot.sinceProcessStartMs, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed };
    } finally {
      client.close();
      await bot.stop();
    }
  } finally {
    await connector.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

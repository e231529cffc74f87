import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/domain/clock.js';
import { EmbeddedDirectory } from '../src/adapters/directory/embedded/embedded-directory.js';
import { writeMetrics } from '../src/adapters/files/durable-file.js';
import { SYNTHETIC_SKUS, syntheticCustomer } from './synthetic.js';
import { BENCH_ACTOR } from './store.js';

export interface ConcurrentResult {
  users: number;
  workers: number;
  acknowledged: number;
  failed: number;
  seconds: number;
  mutationsPerSecond: number;
  durableWrites: number;
  /** Seats of the benchmark SKU assigned on disk after idle(), and what the acknowledged operations imply. */
  seatsOnDisk: number;
  seatsExpected: number;
  /** Users whose licenses on disk differ from the last acknowledged operation on them. */
  usersDiffering: number;
  lost: boolean;
}

/**
 * `workers` concurrent async workers (as 50 conversations would) assign and remove one license on their own users
 * in one customer. Afterwards the customer is loaded again from disk and compared with what was acknowledged.
 */
export async function benchConcurrent({ users, workers = 50, quick }: { users: number; workers?: number; quick: boolean }): Promise<ConcurrentResult> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-bench-concurrent-'));
  try {
    const directory = await EmbeddedDirectory.open(dataDir, systemClock);
    const data = syntheticCustomer(users);
    const id = data.customer.id;
    await directory.addCustomer(data);
    const teams = SYNTHETIC_SKUS[3].skuId;
    const baseline = directory.state(id).data.users.filter((u) => u.licenses.includes(teams)).length;
    const candidates = directory.state(id).data.users.filter((u) => !u.licenses.includes(teams)).map((u) => u.id);
    const perWorker = quick ? 6 : 20;
    const expected = new Map<string, boolean>();
    let acknowledged = 0;
    let failed = 0;
    const writesBefore = writeMetrics.durableWrites;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        const mine = candidates.filter((_, i) => i % workers === w).slice(0, 5);
        for (let n = 0; n < perWorker; n++) {
          const userId = mine[n % mine.length] as string;
          const add = !expected.get(userId);
          try {
            await directory.changeLicenses(id, { userIds: [userId], add: add ? [teams] : [], remove: add ? [] : [teams] }, BENCH_ACTOR, { onShortage: 'fail' });
            expected.set(userId, add);
            acknowledged++;
          } catch {
            failed++;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await directory.idle();
    const durableWrites = writeMetrics.durableWrites - writesBefore;

    const reloaded = (await EmbeddedDirectory.open(dataDir, systemClock)).state(id);
    const seatsOnDisk = reloaded.data.users.filter((u) => u.licenses.includes(teams)).length;
    const seatsExpected = baseline + [...expected.values()].filter(Boolean).length;
    let usersDiffering = 0;
    for (const [userId, has] of expected) if (reloaded.findUser(userId)?.licenses.includes(teams) !== has) usersDiffering++;
    return {
      users,
      workers,
      acknowledged,
      failed,
      seconds: Math.round(seconds * 100) / 100,
      mutationsPerSecond: Math.round(acknowledged / seconds),
      durableWrites,
      seatsOnDisk,
      seatsExpected,
      usersDiffering,
      lost: usersDiffering > 0 || seatsOnDisk !== seatsExpected,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

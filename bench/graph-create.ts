import { performance } from 'node:perf_hooks';
import { SKU_BASIC, TENANT, startHarness } from '../test/graph/harness.js';
import type { NewUserInput } from '../src/domain/types.js';

/**
 * Creates `count` licensed users through the Graph adapter against the fake Graph on loopback and reports the
 * HTTP requests it took ($batch counts once) and the wall time. With throttle, every 25th batch item gets a 429.
 * Importable; nothing runs at load.
 */
export async function benchGraphCreate(count: number, { throttle }: { throttle: boolean }): Promise<{ requests: number; ms: number }> {
  const h = await startHarness();
  try {
    h.fake.tenant(TENANT).skus[0]!.enabled = count + 100;
    if (throttle) h.fake.throttleEveryNthItem = 25;
    const users: NewUserInput[] = Array.from({ length: count }, (_, i) => ({
      givenName: 'Bench',
      surname: `User${i}`,
      displayName: `Bench User ${i}`,
      upn: `bench.user${i}@contoso.com`,
      licenses: [SKU_BASIC],
    }));
    const before = h.fake.httpRequests;
    const started = performance.now();
    const outcomes = await h.directory.createUsers(TENANT, users, { actor: { aadObjectId: 'bench', name: 'Bench' } }, { atomic: false });
    const ms = performance.now() - started;
    const created = outcomes.filter((o) => o.status === 'created').length;
    if (created !== count) throw new Error(`only ${created} of ${count} users were created`);
    return { requests: h.fake.httpRequests - before, ms: Math.round(ms) };
  } finally {
    await h.teardown();
  }
}

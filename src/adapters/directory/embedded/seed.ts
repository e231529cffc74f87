import { readdir, rm } from 'node:fs/promises';
import type { Clock } from '../../../domain/clock.js';
import { EmbeddedDirectory } from './embedded-directory.js';
import { demoCustomers } from './demo-data.js';

/** Opens the embedded directory, writing the demo customers first when DATA_DIR holds none. */
export async function openEmbeddedDirectory(dataDir: string, clock: Clock, options: { reset?: boolean } = {}): Promise<{ directory: EmbeddedDirectory; seeded: boolean }> {
  const dir = EmbeddedDirectory.customersDir(dataDir);
  if (options.reset) await rm(dir, { recursive: true, force: true });
  const existing = await readdir(dir).catch(() => [] as string[]);
  const directory = await EmbeddedDirectory.open(dataDir, clock);
  const seeded = !existing.some((f) => f.endsWith('.json'));
  if (seeded) for (const customer of demoCustomers(clock.now())) await directory.addCustomer(customer);
  return { directory, seeded };
}

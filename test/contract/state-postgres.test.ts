import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { StateStore } from '../../src/ports/state/index.js';
import { testPostgres, type TestPostgres } from '../helpers/postgres.js';

/**
 * Every state contract suite (test/contract/state/*.contract.ts) against PostgreSQL: each test gets a new, empty
 * schema; a second open() within a test is another instance (another pool) on the same schema.
 */
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'state');
const suites = (existsSync(dir) ? readdirSync(dir) : []).filter((f) => f.endsWith('.contract.ts')).sort();
const contracts: [string, (open: () => Promise<StateStore>) => void][] = [];
for (const file of suites) {
  const module = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<string, unknown>;
  for (const [name, value] of Object.entries(module)) if (name.endsWith('Contract') && typeof value === 'function') contracts.push([name, value as (open: () => Promise<StateStore>) => void]);
}

describe('state contract on PostgreSQL', function () {
  this.timeout(60_000);
  let pgt: TestPostgres;
  let schema = '';
  before(async () => {
    pgt = await testPostgres();
  });
  beforeEach(async () => {
    schema = (await pgt.schema()).name;
  });
  for (const [, contract] of contracts) contract(() => pgt.open(schema));
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createGraphDirectory, type GraphDirectory, type RetryPolicy } from '../../src/adapters/directory/graph/index.js';
import { openFileDeletionRecordStore } from '../../src/adapters/state/file/deletion-records-file.js';
import type { GraphSettings } from '../../src/adapters/directory/graph/settings.js';
import { FakeGraphServer } from './fake-graph-server.js';

/** A GraphDirectory wired to a fake Graph on loopback, with a settable clock and instant (recorded) retry waits. */

export const TENANT = '5a1b7c9d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';
export const OTHER_TENANT = '0f0e0d0c-0b0a-4909-8807-060504030201';
export const SKU_BASIC = '3b555118-da6a-4418-894f-7df1e2096870';
export const SKU_E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
export const SKU_POWERBI = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
export const ACTOR = { actor: { aadObjectId: '9f8e7d6c-0000-4000-8000-000000000001', name: 'Partner Admin' } };

export class TestClock {
  constructor(public current = new Date('2025-03-01T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 24 * 60 * 60 * 1000);
  }
}

export interface Harness {
  fake: FakeGraphServer;
  directory: GraphDirectory;
  clock: TestClock;
  /** Every retry wait the client asked for, in ms. */
  sleeps: number[];
  dataDir: string;
  logLines: string[];
  ids: { alice: string; bob: string; carol: string; dave: string; admin: string };
  teardown(): Promise<void>;
}

export interface HarnessOptions {
  retry?: Partial<RetryPolicy>;
  /** Seed the standard tenant (default true). */
  seed?: boolean;
  listCacheMs?: number;
  batchConcurrency?: number;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new TestClock();
  const fake = await FakeGraphServer.start({ now: () => clock.now() });
  const ids = options.seed === false ? { alice: '', bob: '', carol: '', dave: '', admin: '' } : seedStandardTenant(fake);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'graph-test-'));
  const customersFile = path.join(dataDir, 'customers.json');
  await writeFile(
    customersFile,
    JSON.stringify([
      { name: 'Contoso', tenantId: TENANT, defaultDomain: 'contoso.onmicrosoft.com', usageLocation: 'SE' },
      { name: 'Adatum', tenantId: OTHER_TENANT, defaultDomain: 'adatum.onmicrosoft.com', usageLocation: 'US' },
    ]),
  );
  const settings: GraphSettings = {
    CUSTOMERS_FILE: customersFile,
    GRAPH_CLIENT_ID: '00000000-0000-4000-8000-00000000c11e',
    GRAPH_CLIENT_SECRET: 'not-used-in-tests',
    GRAPH_BASE_URL: fake.baseUrl,
    GRAPH_AUTHORITY_HOST: 'https://login.microsoftonline.com',
  };
  const sleeps: number[] = [];
  const logLines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  const directory = await createGraphDirectory(settings, {
    clock,
    deletionRecords: await openFileDeletionRecordStore(dataDir),
    logger,
    allowInsecureForTests: true,
    credentialFactory: (tenantId) => ({ getToken: async () => ({ token: FakeGraphServer.tokenFor(tenantId), expiresOnTimestamp: Date.now() + 3_600_000 }) }),
    retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, ...options.retry },
    ...(options.listCacheMs !== undefined ? { listCacheMs: options.listCacheMs } : {}),
    ...(options.batchConcurrency !== undefined ? { batchConcurrency: options.batchConcurrency } : {}),
  });
  return {
    fake,
    directory,
    clock,
    sleeps,
    dataDir,
    logLines,
    ids,
    teardown: async () => {
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Contoso: Basic 10 seats (4 used), E3 2 seats (2 used, none free), Power BI 5 seats; five users, one admin. */
function seedStandardTenant(fake: FakeGraphServer): Harness['ids'] {
  fake.addTenant(TENANT, {
    domains: ['contoso.onmicrosoft.com', 'contoso.com'],
    skus: [
      { skuId: SKU_BASIC, skuPartNumber: 'O365_BUSINESS_ESSENTIALS', enabled: 10 },
      { skuId: SKU_E3, skuPartNumber: 'ENTERPRISEPACK', enabled: 2 },
      { skuId: SKU_POWERBI, skuPartNumber: 'POWER_BI_PRO', enabled: 5 },
    ],
  });
  fake.addTenant(OTHER_TENANT, { domains: ['adatum.onmicrosoft.com'] });
  const user = (given: string, sur: string, licenses: string[], extra: Record<string, unknown> = {}) =>
    fake.addUser(TENANT, { userPrincipalName: `${given.toLowerCase()}.${sur.toLowerCase()}@contoso.com`, displayName: `${given} ${sur}`, givenName: given, surname: sur, ...extra }, licenses);
  const alice = user('Alice', 'Andersson', [SKU_BASIC, SKU_E3]);
  const bob = user('Bob', 'Berg', [SKU_BASIC]);
  const carol = user('Carol', 'Carlsson', [SKU_BASIC, SKU_E3]);
  const dave = user('Dave', 'Dahl', [], { usageLocation: null });
  const admin = user('Admin', 'Istrator', [SKU_BASIC], { userPrincipalName: 'admin@contoso.onmicrosoft.com' });
  fake.addRole(TENANT, 'Global Administrator', [admin.id]);
  return { alice: alice.id, bob: bob.id, carol: carol.id, dave: dave.id, admin: admin.id };
}

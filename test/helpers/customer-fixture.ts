import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedDirectory } from '../../src/adapters/directory/embedded/embedded-directory.js';
import type { CustomerFile, StoredUser } from '../../src/adapters/directory/embedded/schema.js';
import type { NewUserInput, ActorContext } from '../../src/domain/types.js';
import { TestClock } from './test-clock.js';

export const SKU_FREE = '11111111-1111-4111-8111-111111111111';
export const SKU_FULL = '22222222-2222-4222-8222-222222222222';
export const SKU_BIG = '33333333-3333-4333-8333-333333333333';
export const CUSTOMER_ID = 'c0ffee00-0000-4000-8000-000000000001';
export const DOMAIN = 'tailspin.example.com';
export const actor: ActorContext = { actor: { aadObjectId: '0a0a0a0a-0000-4000-8000-00000000abcd', name: 'Test Operator' } };

const pad = (n: number) => String(n).padStart(6, '0');
export const userId = (n: number) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function storedUser(n: number, licenses: string[] = [], overrides: Partial<StoredUser> = {}): StoredUser {
  return {
    id: userId(n),
    upn: `user${pad(n)}@${DOMAIN}`,
    displayName: `User ${pad(n)}`,
    givenName: 'User',
    surname: pad(n),
    usageLocation: 'GB',
    adminRoles: [],
    licenses,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A customer with three subscriptions: FREE (10 seats), FULL (seats == holders), BIG (seats for everyone). */
export function customerFile(users: StoredUser[], id = CUSTOMER_ID): CustomerFile {
  const count = (sku: string) => users.filter((u) => u.licenses.includes(sku)).length;
  return {
    version: 1,
    customer: { id, name: 'Tailspin Toys', domains: [DOMAIN, 'tailspin.onmicrosoft.com'], defaultDomain: DOMAIN, usageLocation: 'GB' },
    subscriptions: [
      { skuId: SKU_FREE, skuPartNumber: 'FREE_SKU', name: 'Free Plan', seatsTotal: count(SKU_FREE) + 10 },
      { skuId: SKU_FULL, skuPartNumber: 'FULL_SKU', name: 'Full Plan', seatsTotal: Math.max(1, count(SKU_FULL)) },
      { skuId: SKU_BIG, skuPartNumber: 'BIG_SKU', name: 'Big Plan', seatsTotal: users.length + 100 },
    ],
    users,
    deletedUsers: [],
  };
}

export const newUser = (local: string, licenses: string[] = []): NewUserInput => ({
  givenName: 'New',
  surname: local,
  displayName: `New ${local}`,
  upn: `new.${local}@${DOMAIN}`,
  licenses,
});

export interface TempStore {
  dataDir: string;
  clock: TestClock;
  directory: EmbeddedDirectory;
  reopen(): Promise<EmbeddedDirectory>;
  cleanup(): Promise<void>;
}

export async function tempStore(files: CustomerFile[]): Promise<TempStore> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-store-'));
  const clock = new TestClock();
  const directory = await EmbeddedDirectory.open(dataDir, clock);
  for (const file of files) await directory.addCustomer(file);
  return {
    dataDir,
    clock,
    directory,
    reopen: () => EmbeddedDirectory.open(dataDir, clock),
    cleanup: async () => {
      await directory.idle();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

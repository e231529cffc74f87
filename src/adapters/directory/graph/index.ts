import type { Clock } from '../../../domain/clock.js';
import type { UserLicenseService } from '../../../ports/directory.js';
import type { DeletionRecordStore } from '../../../ports/state/deletion-records.js';
import { CustomerDirectory } from './customer-directory.js';
import { loadCustomers } from './customers-file.js';
import { PerTenantTokens, clientCredentialFactory, graphScope, type CredentialFactory } from './credentials.js';
import { GraphClient } from './graph-client.js';
import { GraphDirectory } from './graph-directory.js';
import { silentLogger, type GraphLogger } from './logger.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';
import { graphSettingsSchema, type GraphSettings } from './settings.js';
import { ListingCache } from './listing-cache.js';
import type { GraphUser } from './wire.js';

export { graphSettingsSchema, graphSettingsFields, requireOneGraphCredential, type GraphSettings } from './settings.js';
export { GraphDirectory } from './graph-directory.js';
export type { CredentialFactory } from './credentials.js';
export type { RetryPolicy } from './retry-policy.js';

export interface GraphDirectoryDeps {
  clock: Clock;
  /** What deleted users held and who deleted them (Graph's recycle bin knows neither). */
  deletionRecords: DeletionRecordStore;
  logger?: GraphLogger;
  fetch?: typeof fetch;
  /** Credential per customer tenant; defaults to the app's client secret or certificate from settings. */
  credentialFactory?: CredentialFactory;
  retry?: Partial<RetryPolicy>;
  /** How long a recycle-bin listing is paged from memory (default 30 s). */
  listCacheMs?: number;
  /** $batch requests in flight at once per operation (default 4). */
  batchConcurrency?: number;
  /** Tests only: lets GRAPH_BASE_URL be http:// on a loopback address. Never set from configuration. */
  allowInsecureForTests?: boolean;
}

const TENANTS_MAX = 1000;

/** Loads CUSTOMERS_FILE and returns the Graph implementation of the port. */
export async function createGraphDirectory(settings: GraphSettings, deps: GraphDirectoryDeps): Promise<UserLicenseService & GraphDirectory> {
  const checked = deps.allowInsecureForTests ? settings : graphSettingsSchema.parse(settings);
  const baseUrl = checked.GRAPH_BASE_URL.replace(/\/+$/, '');
  if (!isSecureOrLoopback(baseUrl, deps.allowInsecureForTests === true)) throw new Error('GRAPH_BASE_URL must be https');
  const logger = deps.logger ?? silentLogger;
  const tokens = new PerTenantTokens(deps.credentialFactory ?? clientCredentialFactory(checked), graphScope(baseUrl));
  const client = new GraphClient({ baseUrl, tokens, fetch: deps.fetch ?? globalThis.fetch, retry: { ...defaultRetryPolicy, ...deps.retry }, logger, ...(deps.batchConcurrency ? { batchConcurrency: deps.batchConcurrency } : {}) });
  const now = () => deps.clock.now().getTime();
  const listMs = deps.listCacheMs ?? 30_000;
  // Users are paged by Graph itself; only the recycle bin (30 days of deletions) and the domains are kept briefly.
  const deletedLists = new ListingCache<GraphUser[]>({ ttlMs: listMs, max: TENANTS_MAX, now });
  const customers = new CustomerDirectory(await loadCustomers(checked.CUSTOMERS_FILE), client, new ListingCache<string[]>({ ttlMs: 10 * 60_000, max: TENANTS_MAX, now }), logger);
  return new GraphDirectory({
    client,
    clock: deps.clock,
    logger,
    customers,
    records: deps.deletionRecords,
    deletedLists,
    changed: (tenantId) => deletedLists.invalidate(tenantId),
  });
}

function isSecureOrLoopback(url: string, allowInsecure: boolean): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === 'https:') return true;
  return allowInsecure && parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

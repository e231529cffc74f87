import type { Clock } from '../../../domain/clock.js';
import type { CustomerDirectory } from './customer-directory.js';
import type { DeletionRecordStore } from '../../../ports/state/deletion-records.js';
import type { GraphClient } from './graph-client.js';
import type { GraphLogger } from './logger.js';
import type { ListingCache } from './listing-cache.js';
import type { GraphUser } from './wire.js';

/** What every Graph operation needs; one per GraphDirectory. */
export interface GraphContext {
  client: GraphClient;
  clock: Clock;
  logger: GraphLogger;
  customers: CustomerDirectory;
  records: DeletionRecordStore;
  /** Recycle-bin listings. */
  deletedLists: ListingCache<GraphUser[]>;
  /** Drops the cached listings of a tenant after a change. */
  changed(tenantId: string): void;
}

/** Graph's advanced queries ($count, $count in $filter, "in" on some properties) need this header. */
export const EVENTUAL = { ConsistencyLevel: 'eventual' } as const;

import type { DeletionRecord } from './records.js';

/** What a user held when the bot deleted it and who deleted it (Microsoft Graph's recycle bin knows neither). */
export interface DeletionRecordStore {
  get(tenantId: string, userId: string): Promise<DeletionRecord | undefined>;
  put(tenantId: string, records: ReadonlyMap<string, DeletionRecord>): Promise<void>;
  remove(tenantId: string, userIds: readonly string[]): Promise<void>;
}

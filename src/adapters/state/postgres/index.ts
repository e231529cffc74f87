import type { Logger } from '../../../log.js';
import type { StateStore } from '../../../ports/state/index.js';
import { postgresActivities } from './activities.js';
import { postgresApprovals } from './approvals.js';
import { postgresAudit } from './audit.js';
import { postgresConfirmations } from './confirmations.js';
import { postgresConversations } from './conversations.js';
import { postgresDeletionRecords } from './deletion-records.js';
import { STATE_UNAVAILABLE_MESSAGE } from './errors.js';
import { postgresImportJobs } from './import-jobs.js';
import { loadMigrations, migrate } from './migrations.js';
import { postgresOperators } from './operators.js';
import { poolSql } from './pg-pool.js';
import { postgresRateLimits } from './rate-limits.js';
import { postgresSchedule } from './schedule.js';
import type { Sql } from './sql.js';

export interface PostgresStateDeps {
  log?: Logger;
  /** DATABASE_POOL_SIZE */
  poolSize?: number;
  /** DATABASE_STATEMENT_TIMEOUT_MS */
  statementTimeoutMs?: number;
  /** How long health() waits for `select 1` before calling the database unreachable. */
  healthTimeoutMs?: number;
}

/**
 * The bot's state in PostgreSQL (DATABASE_URL): every port on one pool, shared by any number of instances. Applies the
 * migrations first (safe when several instances start together); refuses a database migrated by a newer version.
 */
export async function openPostgresState(url: string, deps: PostgresStateDeps = {}): Promise<StateStore> {
  const sql = poolSql(url, { size: deps.poolSize ?? 10, statementTimeoutMs: deps.statementTimeoutMs ?? 10_000 }, deps.log);
  try {
    return await openStateOn(sql, deps);
  } catch (error) {
    await sql.close().catch(() => undefined);
    throw error;
  }
}

/** The same store on any Sql (the pg pool, or PGlite in tests). */
export async function openStateOn(sql: Sql, deps: Pick<PostgresStateDeps, 'log' | 'healthTimeoutMs'> = {}): Promise<StateStore> {
  const applied = await migrate(sql, await loadMigrations());
  if (applied.length > 0) deps.log?.info({ applied }, 'PostgreSQL state migrated');
  const healthTimeoutMs = deps.healthTimeoutMs ?? 2_000;
  return {
    operators: postgresOperators(sql),
    conversations: postgresConversations(sql),
    confirmations: postgresConfirmations(sql),
    approvals: postgresApprovals(sql),
    schedule: postgresSchedule(sql),
    audit: postgresAudit(sql),
    imports: postgresImportJobs(sql),
    deletionRecords: postgresDeletionRecords(sql),
    rateLimits: postgresRateLimits(sql),
    activities: postgresActivities(sql),
    async health() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${healthTimeoutMs} ms`)), healthTimeoutMs);
      });
      try {
        await Promise.race([sql.query('SELECT 1'), timeout]);
        return { ok: true };
      } catch (error) {
        const detail = error instanceof Error ? ((error as { details?: { reason?: string } }).details?.reason ?? error.message) : String(error);
        return { ok: false, reason: `${STATE_UNAVAILABLE_MESSAGE} (${detail})` };
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => sql.close(),
  };
}

import pg from 'pg';
import type { Logger } from '../../../log.js';
import { mapError } from './errors.js';
import type { Row, Sql, SqlClient } from './sql.js';

export interface PoolSettings {
  /** Connections per instance (DATABASE_POOL_SIZE). */
  size: number;
  /** Server-side limit per statement (DATABASE_STATEMENT_TIMEOUT_MS); a stuck statement fails instead of hanging a turn. */
  statementTimeoutMs: number;
  /** How long a caller waits for a free connection or a new one before the database counts as unavailable. */
  connectTimeoutMs?: number;
}

/**
 * A `pg` pool. Connection errors become STATE_UNAVAILABLE (errors.ts); a broken connection is thrown away, and the
 * pool opens new ones on the next query, so the bot works again once the server is back, without a restart.
 */
export function poolSql(url: string, settings: PoolSettings, log?: Logger): Sql {
  const pool = new pg.Pool({
    connectionString: url,
    max: settings.size,
    statement_timeout: settings.statementTimeoutMs,
    // A little longer than the server's limit: covers a server that stops answering altogether.
    query_timeout: settings.statementTimeoutMs + 2_000,
    connectionTimeoutMillis: settings.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'license-desk',
  });
  // An idle connection that dies (server restart, admin shutdown) is reported here; without a listener it would
  // crash the process. The pool has already dropped it.
  pool.on('error', (error) => log?.warn({ err: error.message }, 'a PostgreSQL connection was lost; the pool will open a new one'));

  const run = async <R = Row>(client: pg.Pool | pg.PoolClient, text: string, params?: readonly unknown[]): Promise<R[]> => {
    try {
      return (await client.query(text, params as unknown[] | undefined)).rows as R[];
    } catch (error) {
      throw mapError(error);
    }
  };

  return {
    query: (text, params) => run(pool, text, params),
    async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw mapError(error);
      }
      let broken: Error | undefined;
      try {
        await run(client, 'BEGIN');
        const result = await fn({ query: (text, params) => run(client, text, params) });
        await run(client, 'COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw error;
      } finally {
        // A connection whose ROLLBACK failed is in an unknown state: destroyed rather than reused.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

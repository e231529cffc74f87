import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Row, Sql, SqlClient } from '../../src/adapters/state/postgres/sql.js';

/**
 * PGlite (PostgreSQL in WebAssembly, in process) behind the adapter's Sql, for machines without a server. PGlite is
 * one connection whose queries and transactions run one at a time, so a "pool" here is a schema on the shared
 * instance: every statement runs in a short transaction that first sets the search path to it.
 */
export function pgliteSql(db: PGlite, schema: string): Sql {
  const clientOf = (tx: Transaction): SqlClient => ({
    async query<R = Row>(text: string, params?: readonly unknown[]): Promise<R[]> {
      // Without parameters the text may hold several statements (a migration): exec runs them all.
      if (!params || params.length === 0) return ((await tx.exec(text)).at(-1)?.rows ?? []) as R[];
      return (await tx.query(text, params as unknown[])).rows as R[];
    },
  });
  const inSchema = <T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> =>
    db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL search_path TO ${schema}`);
      return fn(clientOf(tx));
    });
  return {
    query: (text, params) => inSchema((tx) => tx.query(text, params)),
    transaction: inSchema,
    close: async () => undefined,
  };
}

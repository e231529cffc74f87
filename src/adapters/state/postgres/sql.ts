/**
 * The little this adapter needs from a PostgreSQL connection: parameterised queries and transactions. Two
 * implementations: a `pg` pool (pg-pool.ts, production and the tests on a real server) and PGlite (test helpers, for
 * machines without a server), so the same SQL runs on both.
 */
export type Row = Record<string, unknown>;

export interface SqlClient {
  /** Runs one statement; jsonb parameters are passed as JSON text, timestamps as ISO text (both cast in the SQL). */
  query<R = Row>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface Sql extends SqlClient {
  /** Runs fn inside BEGIN ... COMMIT on one connection (ROLLBACK when it throws). */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** JSON text for a jsonb parameter: never let a driver turn a JS array into a PostgreSQL array. */
export const json = (value: unknown): string => JSON.stringify(value);

/** Timestamps go in as ISO text with an explicit ::timestamptz cast, so both drivers send the same thing. */
export const iso = (date: Date): string => date.toISOString();

/** timestamptz comes back as a Date from both drivers. */
export const isoOf = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();

/** bigint comes back as a string from pg and as a number from PGlite. */
export const num = (value: unknown): number => Number(value);

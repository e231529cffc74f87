import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresState, openStateOn } from '../../src/adapters/state/postgres/index.js';
import { poolSql } from '../../src/adapters/state/postgres/pg-pool.js';
import type { Sql } from '../../src/adapters/state/postgres/sql.js';
import type { StateStore } from '../../src/ports/state/index.js';
import { pgliteSql } from './pglite-sql.js';

/**
 * The PostgreSQL the tests run on. With a server at TEST_DATABASE_URL (default: the local one) each run creates its
 * own database and drops it at the end; every `fresh()` store gets a schema of its own in it, so tests never see each
 * other's rows. Without a server: under CI=true that is a failure (CI must test the real thing); elsewhere the same
 * SQL runs on PGlite, and tests that need several processes or connections say they were skipped.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestPostgres {
  kind: 'server' | 'pglite';
  /** The run's database (server only). */
  url?: string;
  /** Why there is no server (pglite only). */
  why?: string;
  /** A new, empty schema: its name and a URL (server) that points a pool at it. */
  schema(): Promise<{ name: string; url?: string }>;
  /** A raw Sql on a schema (a new pool on the server). */
  sql(schema: string): Sql;
  /** An empty StateStore on a new schema. */
  fresh(): Promise<StateStore>;
  /** A StateStore on an existing schema (a second instance, or the same one reopened). */
  open(schema: string): Promise<StateStore>;
  drop(): Promise<void>;
}

/**
 * One per test run, shared by every suite. Kept on globalThis: mocha loads some spec files through require and others
 * (top-level await) through import, which gives this module two instances.
 */
const run = globalThis as { licenseDeskTestPostgres?: Promise<TestPostgres>; licenseDeskTestPostgresHook?: boolean };

export function testPostgres(): Promise<TestPostgres> {
  run.licenseDeskTestPostgres ??= connect();
  return run.licenseDeskTestPostgres;
}

const schemaUrl = (url: string, schema: string): string => {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
};

async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? ((error as { code?: string }).code ?? error.message) : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function connect(): Promise<TestPostgres> {
  const down = await reachable(TEST_DATABASE_URL);
  if (!down) return onServer();
  const why = `no PostgreSQL server at ${new URL(TEST_DATABASE_URL).host} (${down})`;
  if (process.env.CI === 'true') throw new Error(`${why}: CI must run the PostgreSQL suites on a real server (set TEST_DATABASE_URL or start one).`);
  console.log(`  [postgres] ${why}: running the PostgreSQL suites on PGlite; tests needing several connections or processes are skipped.`);
  return onPglite(why);
}

let counter = 0;
const nextSchema = (): string => `s${++counter}_${randomBytes(3).toString('hex')}`;

async function onServer(): Promise<TestPostgres> {
  const database = `license_desk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  const dbUrl = url.toString();
  const setup = poolSql(dbUrl, { size: 2, statementTimeoutMs: 10_000 });
  const opened: StateStore[] = [];
  const t: TestPostgres = {
    kind: 'server',
    url: dbUrl,
    async schema() {
      const name = nextSchema();
      await setup.query(`CREATE SCHEMA ${name}`);
      return { name, url: schemaUrl(dbUrl, name) };
    },
    sql: (schema) => poolSql(schemaUrl(dbUrl, schema), { size: 5, statementTimeoutMs: 10_000 }),
    async fresh() {
      return t.open((await t.schema()).name);
    },
    async open(schema) {
      const store = await openPostgresState(schemaUrl(dbUrl, schema), { poolSize: 5, statementTimeoutMs: 10_000 });
      opened.push(store);
      return store;
    },
    async drop() {
      await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
      await setup.close();
      const dropper = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await dropper.end();
    },
  };
  return t;
}

async function onPglite(why: string): Promise<TestPostgres> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite();
  await db.waitReady;
  const t: TestPostgres = {
    kind: 'pglite',
    why,
    async schema() {
      const name = nextSchema();
      await db.exec(`CREATE SCHEMA ${name}`);
      return { name };
    },
    sql: (schema) => pgliteSql(db, schema),
    async fresh() {
      return t.open((await t.schema()).name);
    },
    open: (schema) => openStateOn(pgliteSql(db, schema)),
    drop: () => db.close(),
  };
  return t;
}

// A root-level hook (registered while mocha loads the first spec that imports this): the run's database is dropped
// once, after every suite.
if (typeof after === 'function' && !run.licenseDeskTestPostgresHook) {
  run.licenseDeskTestPostgresHook = true;
  after(async function () {
    this.timeout(60_000);
    if (run.licenseDeskTestPostgres) await (await run.licenseDeskTestPostgres).drop();
  });
}

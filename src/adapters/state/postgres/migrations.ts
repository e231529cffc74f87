import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceError } from '../../../domain/errors.js';
import type { Sql } from './sql.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Any constant: the advisory lock every instance takes while migrating, so two instances starting together queue. */
const MIGRATION_LOCK = 1_564_215_001;
const FILE = /^(\d{3,})_[a-z0-9_]+\.sql$/;

/**
 * Beside this module under tsx (src/...); `npm run build` copies them beside the compiled module (dist/src/...); the
 * source folder, found from the package root, covers a dist built without the copy.
 */
export function migrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'migrations'), path.resolve(here, '../../../../../src/adapters/state/postgres/migrations')];
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`PostgreSQL migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

export async function loadMigrations(dir = migrationsDir()): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => FILE.test(n)).sort();
  const migrations = await Promise.all(names.map(async (name) => ({ version: Number(FILE.exec(name)?.[1]), name, sql: await readFile(path.join(dir, name), 'utf8') })));
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`PostgreSQL migrations must be numbered 001, 002, ... without gaps: ${m.name}`);
  });
  return migrations;
}

/**
 * Applies the migrations the database lacks, in one transaction under a transaction-scoped advisory lock: a second
 * instance starting at the same time waits, then finds them applied. A database migrated by a newer version of the bot
 * refuses to start (this code cannot know what the newer tables mean). Returns the versions it applied.
 */
export async function migrate(sql: Sql, migrations: readonly Migration[]): Promise<number[]> {
  const known = migrations.at(-1)?.version ?? 0;
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    const applied = new Set(rows.map((r) => Number(r.version)));
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new ServiceError('STORE_CORRUPT', `The database was migrated by a newer version of the bot (schema ${newest}; this version knows up to ${known}): run that version, or restore a backup.`, { newest, known });
    }
    const done: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await tx.query(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      done.push(m.version);
    }
    return done;
  });
}

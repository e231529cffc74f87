/**
 * `npm run migrate-state -- --from-files DATA_DIR`: copies the bot's file state (app.json, audit.jsonl, imports/,
 * graph-deleted-users.json) into the PostgreSQL database of DATABASE_URL (from the environment or .env), once. Run it
 * with the bot stopped; a second run adds nothing.
 */
import 'dotenv/config';
import path from 'node:path';
import { copyFileState } from '../src/adapters/state/postgres/copy-file-state.js';
import { loadMigrations, migrate } from '../src/adapters/state/postgres/migrations.js';
import { poolSql } from '../src/adapters/state/postgres/pg-pool.js';
import { loadConfig } from '../src/config.js';

async function main(argv: string[]): Promise<number> {
  const at = argv.indexOf('--from-files');
  const dataDir = at >= 0 ? argv[at + 1] : undefined;
  if (!dataDir) {
    console.error('usage: npm run migrate-state -- --from-files DATA_DIR');
    return 2;
  }
  const config = loadConfig();
  if (!config.DATABASE_URL) {
    console.error('DATABASE_URL: is required to copy the file state into PostgreSQL');
    return 2;
  }
  const sql = poolSql(config.DATABASE_URL, { size: 2, statementTimeoutMs: Math.max(config.DATABASE_STATEMENT_TIMEOUT_MS, 120_000) });
  try {
    await migrate(sql, await loadMigrations());
    const result = await copyFileState(path.resolve(dataDir), sql, new Date());
    const counts = Object.entries(result.counts).map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(result.copied ? `Copied ${path.resolve(dataDir)} into PostgreSQL: ${counts}.` : `Nothing added: a file state was already copied into this database on ${result.importedAt} (${counts}).`);
    return 0;
  } finally {
    await sql.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`migrate-state: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    process.exit(1);
  },
);

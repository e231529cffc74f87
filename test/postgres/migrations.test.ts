import assert from 'node:assert/strict';
import { openStateOn } from '../../src/adapters/state/postgres/index.js';
import { loadMigrations, migrate, migrationsDir } from '../../src/adapters/state/postgres/migrations.js';
import { testPostgres, type TestPostgres } from '../helpers/postgres.js';

describe('PostgreSQL state: migrations', function () {
  this.timeout(120_000);
  let pgt: TestPostgres;
  before(async () => {
    pgt = await testPostgres();
  });

  it('finds the versioned SQL files, numbered without gaps', async () => {
    const migrations = await loadMigrations();
    assert.ok(migrationsDir().endsWith('migrations'));
    assert.equal(migrations[0]?.name, '001_init.sql');
    assert.deepEqual(migrations.map((m) => m.version), migrations.map((_, i) => i + 1));
  });

  it('two instances migrating a fresh database at once both succeed, and each migration is applied once', async () => {
    const { name } = await pgt.schema();
    const [one, two] = [pgt.sql(name), pgt.sql(name)];
    const migrations = await loadMigrations();
    try {
      const applied = await Promise.all([migrate(one, migrations), migrate(two, migrations)]);
      assert.deepEqual(applied.map((a) => a.length).sort(), [0, migrations.length], 'one applied everything, the other nothing');
      const rows = await one.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(rows.map((r) => Number(r.version)), migrations.map((m) => m.version));
      assert.deepEqual(await migrate(two, migrations), [], 'a restart applies nothing');
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('a database migrated by a newer version refuses to start, with one clear line', async () => {
    const { name } = await pgt.schema();
    const sql = pgt.sql(name);
    try {
      await openStateOn(sql);
      await sql.query("INSERT INTO schema_migrations (version, name) VALUES (999, '999_future.sql')");
      await assert.rejects(openStateOn(sql), (e: Error) => {
        assert.match(e.message, /migrated by a newer version of the bot \(schema 999; this version knows up to \d+\)/);
        assert.doesNotMatch(e.message, /\n/);
        return true;
      });
    } finally {
      await sql.close();
    }
  });
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, ENDPOINT_OVERRIDE_KEYS, botFrameworkSettings, graphSettings, loadConfig } from '../../src/config.js';

const APP_ID = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
const linesOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.lines;
  }
  assert.fail('expected a ConfigError');
};

describe('configuration', () => {
  it('has working defaults for local use', () => {
    const c = loadConfig({});
    assert.equal(c.PORT, 3978);
    assert.equal(c.LOG_LEVEL, 'info');
    assert.equal(c.DATA_DIR, './data');
    assert.equal(c.DIRECTORY, 'embedded');
    assert.equal(c.NODE_ENV, 'development');
    assert.deepEqual(c.BOT_OWNERS, []);
    assert.equal(c.MicrosoftAppId, undefined);
    assert.equal(c.CONFIRMATION_TTL_MINUTES, 15);
    assert.equal(c.ALLOW_EMULATOR, false);
    assert.equal(botFrameworkSettings(c).MicrosoftAppType, undefined, 'no app type without an app id');
  });

  it('reads lists and numbers, and treats empty .env values as unset', () => {
    const c = loadConfig({ PORT: '8080', BOT_OWNERS: ` ${APP_ID} ,, `, MicrosoftAppId: '', APPROVAL_REQUIRED_FOR: 'delete,import' });
    assert.equal(c.PORT, 8080);
    assert.deepEqual(c.BOT_OWNERS, [APP_ID]);
    assert.equal(c.MicrosoftAppId, undefined);
    assert.deepEqual(c.APPROVAL_REQUIRED_FOR, ['delete', 'import']);
  });

  const bad: [string, string][] = [
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['DIRECTORY', 'ldap'],
    ['BOT_OWNERS', 'olivia'],
    ['ALLOWED_TENANTS', `${APP_ID},contoso`],
    ['MicrosoftAppType', 'Whatever'],
    ['ALLOW_EMULATOR', 'yes'],
    ['PASSWORD_VISIBLE_MINUTES', '0'],
    ['MUTATIONS_PER_MINUTE', '-1'],
    ['CONFIRMATION_TTL_MINUTES', '1.5'],
    ['APPROVAL_REQUIRED_FOR', 'create,teleport'],
    ['GRAPH_BASE_URL', 'http://graph.microsoft.com'],
    ['DATABASE_URL', 'mysql://root:secret@db/app'],
    ['DATABASE_URL', 'postgres:not-a-url-secret'],
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', 'soon'],
  ];
  for (const [key, value] of bad) {
    it(`${key}=${value} gives one line naming ${key}, without echoing the value`, () => {
      const lines = linesOf({ [key]: value });
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0] as string, new RegExp(`^${key}(\\.\\d+)?: `));
      if (value.length > 3) assert.ok(!(lines[0] as string).includes(value), lines[0]);
    });
  }

  it('DATABASE_URL: empty means file state; postgres:// and postgresql:// URLs are taken as they are', () => {
    assert.equal(loadConfig({ DATABASE_URL: '' }).DATABASE_URL, undefined);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://bot:pw@db.example.com:5432/desk' }).DATABASE_URL, 'postgres://bot:pw@db.example.com:5432/desk');
    assert.equal(loadConfig({ DATABASE_URL: 'postgresql://db/desk?sslmode=require' }).DATABASE_URL, 'postgresql://db/desk?sslmode=require');
    const c = loadConfig({});
    assert.equal(c.DATABASE_POOL_SIZE, 10);
    assert.equal(c.DATABASE_STATEMENT_TIMEOUT_MS, 10_000);
  });

  it('reports every bad key, one line each', () => {
    const lines = linesOf({ PORT: 'x', LOG_LEVEL: 'y', DIRECTORY: 'z' });
    assert.deepEqual(lines.map((l) => l.split(':')[0]).sort(), ['DIRECTORY', 'LOG_LEVEL', 'PORT']);
  });

  it('refuses production without an app id, or with an app id but no credential', () => {
    assert.deepEqual(linesOf({ NODE_ENV: 'production' }).map((l) => l.split(':')[0]), ['MicrosoftAppId']);
    assert.deepEqual(linesOf({ NODE_ENV: 'production', MicrosoftAppId: APP_ID }).map((l) => l.split(':')[0]), ['MicrosoftAppPassword']);
    assert.equal(loadConfig({ NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's3cret' }).MicrosoftAppId, APP_ID);
    assert.equal(loadConfig({ NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: APP_ID }).MicrosoftAppType, 'UserAssignedMSI');
    assert.deepEqual(linesOf({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'SingleTenant' }).map((l) => l.split(':')[0]), ['MicrosoftAppTenantId']);
  });

  it('refuses endpoint overrides in production unless BOT_CLOUD names the cloud', () => {
    const prod = { NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's3cret' };
    for (const key of ENDPOINT_OVERRIDE_KEYS) {
      assert.deepEqual(linesOf({ ...prod, [key]: 'https://login.example.net' }).map((l) => l.split(':')[0]), [key]);
      assert.equal(loadConfig({ ...prod, [key]: 'https://login.example.net', BOT_CLOUD: 'USGov' })[key], 'https://login.example.net');
      assert.equal(loadConfig({ [key]: 'https://login.example.net' })[key], 'https://login.example.net', 'allowed outside production');
    }
  });

  it('DIRECTORY=graph requires the customers file, the client id and one credential', () => {
    const keys = (env: Record<string, string>) => linesOf({ DIRECTORY: 'graph', ...env }).map((l) => l.split(':')[0]).sort();
    assert.deepEqual(keys({}), ['CUSTOMERS_FILE', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET']);
    assert.deepEqual(keys({ CUSTOMERS_FILE: 'c.json', GRAPH_CLIENT_ID: 'not-a-guid', GRAPH_CLIENT_SECRET: 'x' }), ['GRAPH_CLIENT_ID']);
    assert.deepEqual(keys({ CUSTOMERS_FILE: 'c.json', GRAPH_CLIENT_ID: APP_ID, GRAPH_CLIENT_SECRET: 'x', GRAPH_CERTIFICATE_PATH: 'c.pem' }), ['GRAPH_CERTIFICATE_PATH']);
    const c = loadConfig({ DIRECTORY: 'graph', CUSTOMERS_FILE: 'c.json', GRAPH_CLIENT_ID: APP_ID, GRAPH_CLIENT_SECRET: 'x' });
    assert.equal(graphSettings(c).GRAPH_CLIENT_ID, APP_ID);
    assert.equal(graphSettings(c).GRAPH_BASE_URL, 'https://graph.microsoft.com');
  });
});

function runMain(env: Record<string, string>, cwd: string): Promise<{ code: number | null; stderr: string }> {
  const root = path.resolve(import.meta.dirname, '../..');
  // Run in a temp cwd so a developer's .env cannot change the outcome.
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'src/main.ts')], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('start-up with a bad configuration', function () {
  // A cold tsx compile of the whole app can take a while on a loaded machine; this is not a timing assertion.
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-main-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints one line naming the key and exits with code 2', async () => {
    const { code, stderr } = await runMain({ PORT: 'eighty', DATA_DIR: dir }, dir);
    assert.equal(code, 2);
    assert.deepEqual(stderr.trim().split('\n'), ['config: PORT: Invalid input: expected number, received NaN']);
  });

  it('names CUSTOMERS_FILE when DIRECTORY=graph points at a broken file', async () => {
    const file = path.join(dir, 'customers.json');
    await writeFile(file, '[{"name": "Contoso"}]');
    const env = { DIRECTORY: 'graph', CUSTOMERS_FILE: file, GRAPH_CLIENT_ID: APP_ID, GRAPH_CLIENT_SECRET: 'x', DATA_DIR: dir, LOG_LEVEL: 'silent' };
    const { code, stderr } = await runMain(env, dir);
    assert.equal(code, 1);
    assert.match(stderr.trim(), /^config: CUSTOMERS_FILE: .*customers\.json: entry 1 \("Contoso"\) is invalid: tenantId/);
    assert.equal(stderr.trim().split('\n').length, 1);
  });
});

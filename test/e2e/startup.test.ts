import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openEmbeddedDirectory } from '../../src/adapters/directory/embedded/seed.js';
import { EmbeddedDirectory } from '../../src/adapters/directory/embedded/embedded-directory.js';
import { DEMO_CUSTOMER_IDS } from '../../src/adapters/directory/embedded/demo-data.js';
import { TestClock } from '../helpers/test-clock.js';

const root = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Status of every /healthz answer received while the process ran. */
  answers: number[];
}

/**
 * Runs `src/main.ts` on DATA_DIR and asks GET /healthz over and over while it runs; `stopWhen` ends it (SIGTERM).
 * Runs in DATA_DIR (or `cwd`) as the working directory, so a developer's .env cannot change the outcome.
 */
function runMain(dataDir: string, stopWhen: (answers: number[]) => boolean = () => false, cwd = dataDir): Promise<Run> {
  return freePort().then(
    (port) =>
      new Promise((resolve, reject) => {
        const env = { PATH: process.env.PATH ?? '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'development' };
        const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'src/main.ts')], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
        const run: Run = { code: null, stdout: '', stderr: '', answers: [] };
        let running = true;
        child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString('utf8')));
        child.on('error', reject);
        child.on('exit', (code) => {
          running = false;
          run.code = code;
          resolve(run);
        });
        const poll = async () => {
          while (running) {
            const status = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
            if (status) run.answers.push(status);
            if (stopWhen(run.answers)) child.kill('SIGTERM');
            await new Promise((r) => setTimeout(r, 50));
          }
        };
        void poll();
      }),
  );
}

describe('start-up: the bot listens only once every store is loaded and checked', function () {
  // A cold tsx compile of the whole app can take a while on a loaded machine; this is not a timing assertion.
  this.timeout(120_000);
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-startup-'));
    const { directory } = await openEmbeddedDirectory(dataDir, new TestClock());
    await directory.idle();
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('a healthy DATA_DIR: /healthz answers 200 once it listens', async () => {
    const run = await runMain(dataDir, (answers) => answers.includes(200));
    assert.ok(run.answers.includes(200), run.stderr);
    assert.match(run.stdout, /license-desk listening/);
  });

  it('says in one line where to talk to the bot and which directory and state store it uses', async () => {
    const run = await runMain(dataDir, (answers) => answers.includes(200));
    const line = run.stdout.split('\n').find((l) => l.includes('talk to the bot at'));
    assert.ok(line, run.stdout);
    assert.match(line, /http:\/\/localhost:\d+\/api\/messages \(Bot Framework Emulator, or Teams through a tunnel\)/);
    assert.ok(line.includes(`directory: embedded store in ${dataDir}`), line);
    assert.ok(line.includes(`bot state: files in ${dataDir}`), line);
  });

  it('a corrupt change journal: never an answer, exit 1 with one line naming the file', async () => {
    const journal = path.join(EmbeddedDirectory.customersDir(dataDir), `${DEMO_CUSTOMER_IDS.contoso}.journal`);
    await writeFile(journal, 'not a record\n{"users":[],"removedUserIds":[],"deleted":[],"removedDeletedIds":[]}\n');
    const run = await runMain(dataDir);
    assert.equal(run.code, 1);
    assert.deepEqual(run.answers, [], 'the port was never bound');
    assert.doesNotMatch(run.stdout, /listening/);
    assert.deepEqual(run.stderr.trim().split('\n'), [`license-desk: ${journal} line 1 is not a valid change record; it was left untouched.`]);
  });

  it('a DATA_DIR that cannot be written: never an answer, exit 1 with one line naming it', async () => {
    // Tests run as root, for whom chmod 0555 blocks nothing: a path under a regular file cannot be written by anyone.
    const file = path.join(dataDir, 'a-file');
    await writeFile(file, '');
    const run = await runMain(path.join(file, 'data'), undefined, dataDir);
    assert.equal(run.code, 1);
    assert.deepEqual(run.answers, []);
    assert.deepEqual(run.stderr.trim().split('\n'), [`license-desk: DATA_DIR ${path.join(file, 'data')} is not writable (ENOTDIR); make it writable and start again.`]);
  });
});

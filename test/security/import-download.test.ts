import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BotHarness, OWNER, persona } from '../helpers/bot-harness.js';
import { cardText } from '../helpers/cards.js';
import { TEAMS_FILE } from '../../src/features/import/support/source.js';
import { importsFor } from '../../src/features/import/support/runner.js';
import { DEMO_CUSTOMER_IDS } from '../../src/adapters/directory/embedded/demo-data.js';

const CSV = 'User Name,First Name,Last Name\nfile.user@contoso.com,File,User\n';

/** A loopback HTTP server that counts the requests it gets and answers with `respond`. */
class CountingServer {
  readonly paths: string[] = [];
  private server!: http.Server;
  port = 0;

  constructor(private readonly respond: (path: string, res: http.ServerResponse) => void) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.paths.push(req.url ?? '');
      this.respond(req.url ?? '', res);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('security: import downloads only from IMPORT_DOWNLOAD_HOSTS', () => {
  let bot: BotHarness;
  let secret: CountingServer;
  let files: CountingServer;
  const henry = persona('Henry Helpdesk');

  beforeEach(async () => {
    // An internal service the bot must never be made to call.
    secret = await new CountingServer((_path, res) => res.end('admin secret')).start();
    // The allowed file host: serves the CSV, redirects within itself, and redirects to the internal service.
    files = await new CountingServer((path, res) => {
      const send = (status: number, headers: Record<string, string>, body = '') => {
        res.writeHead(status, headers);
        res.end(body);
      };
      if (path === '/files/users.csv') return send(200, { 'content-type': 'text/csv' }, CSV);
      if (path === '/hop') return send(302, { location: '/files/users.csv' });
      if (path === '/loop') return send(307, { location: '/loop' });
      if (path === '/away') return send(302, { location: secret.url('/admin/secret?token=1') });
      send(404, {});
    }).start();
  });
  afterEach(async () => {
    await importsFor(bot.runtime.app).idle();
    await bot.stop();
    await Promise.all([secret.stop(), files.stop()]);
  });

  const start = async (env: Record<string, string>) => {
    bot = await BotHarness.start({ env });
    await bot.grant(henry, 'helpdesk', [DEMO_CUSTOMER_IDS.contoso]);
    await bot.say(henry, 'use contoso');
  };
  const importFrom = async (downloadUrl: string) => {
    const attached = bot.activity(henry, {}, { type: 'message', text: 'import users', attachments: [{ contentType: TEAMS_FILE, name: 'users.csv', content: { downloadUrl, fileType: 'csv' } }] });
    const before = bot.connector.calls.length;
    await bot.post(attached);
    return bot.connector.calls.slice(before).filter((c) => c.activity.replyToId === attached.id).map((c) => cardText((c.activity.attachments as { content: unknown }[])[0]?.content)).join('\n');
  };
  const jobs = () => importsFor(bot.runtime.app).jobs.latest(DEMO_CUSTOMER_IDS.contoso, 10);

  it('refuses a loopback service not on the list with a clear card, and requests nothing from it', async () => {
    await start({ IMPORT_DOWNLOAD_HOSTS: `127.0.0.1:${files.port}` });
    const text = await importFrom(secret.url('/admin/secret?token=1'));
    assert.match(text, /The bot only downloads files from 127\.0\.0\.1:\d+/);
    assert.match(text, /Attach the CSV file in Teams, or paste its rows/);
    assert.equal(secret.paths.length, 0, 'nothing was fetched');
    assert.ok(bot.logs.some((l) => l.includes('not in IMPORT_DOWNLOAD_HOSTS') && l.includes(`127.0.0.1:${secret.port}`) && !l.includes('token=1')), 'logged by host, never the URL');
    assert.equal((await jobs()).length, 0, 'no import job');
  });

  it('checks every redirect: within the list it follows, to another host it refuses after the first hop', async () => {
    await start({ IMPORT_DOWNLOAD_HOSTS: `127.0.0.1:${files.port}` });
    assert.match(await importFrom(files.url('/hop')), /Review: users\.csv for Contoso[\s\S]*Ready to create\n1/);
    assert.deepEqual(files.paths, ['/hop', '/files/users.csv']);

    files.paths.length = 0;
    assert.match(await importFrom(files.url('/away')), /The bot only downloads files from/);
    assert.deepEqual(files.paths, ['/away']);
    assert.equal(secret.paths.length, 0, 'the redirect target was never requested');

    files.paths.length = 0;
    assert.match(await importFrom(files.url('/loop')), /too many redirects/);
    assert.equal(files.paths.length, 6, 'the first request and five redirects, no more');
  });

  it('by default downloads only from SharePoint over https: a loopback URL is refused unrequested', async () => {
    await start({ IMPORT_DOWNLOAD_HOSTS: '' });
    assert.deepEqual(bot.runtime.app.config.IMPORT_DOWNLOAD_HOSTS, ['*.sharepoint.com']);
    assert.match(await importFrom(files.url('/files/users.csv')), /only downloads files from \*\.sharepoint\.com/);
    assert.equal(files.paths.length, 0);
    // The owner too: the list is not a matter of role.
    await bot.say(OWNER, 'use contoso');
    const before = bot.connector.calls.length;
    await bot.post(bot.activity(OWNER, {}, { type: 'message', text: 'import users', attachments: [{ contentType: TEAMS_FILE, name: 'users.csv', content: { downloadUrl: secret.url('/x'), fileType: 'csv' } }] }));
    assert.match(bot.connector.calls.slice(before).map((c) => JSON.stringify(c.activity)).join(), /only downloads files from/);
    assert.equal(secret.paths.length, 0);
  });
});

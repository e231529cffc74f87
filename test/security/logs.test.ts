import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { generateKeyPair } from 'jose';
import { createLogger } from '../../src/log.js';
import { BotHarness, OWNER, persona } from '../helpers/bot-harness.js';
import { cardText } from '../helpers/cards.js';
import { APP_PASSWORD, TokenServer } from './token-server.js';

const JWT = /eyJ[\w-]{8,}\.[\w-]{8,}/;

describe('security: logs and error responses carry no secrets', () => {
  const tokens = new TokenServer();
  const issued: string[] = [];
  let bot: BotHarness;

  before(async () => {
    await tokens.start();
    bot = await BotHarness.start({
      env: { ...tokens.env(), LOG_LEVEL: 'debug' },
      credentialsFactory: tokens.credentialsFactory(),
      authorization: async (activity) => {
        const token = await tokens.token(String(activity.serviceUrl));
        issued.push(token);
        return `Bearer ${token}`;
      },
    });
  });
  after(async () => {
    await bot.stop();
    await tokens.stop();
  });

  it('a full session at debug level logs no bearer token, no app password, no JWT', async () => {
    const helper = persona('Hal Helpdesk');
    const script = ['help', 'whoami', 'customers', 'use contoso', 'users', 'users unlicensed', 'user adele.vance@contoso.onmicrosoft.com', 'user nobody@nowhere', 'licenses', `grant helpdesk to ${helper.aadObjectId}`, 'roles', 'lisences', 'grant nonsense', `revoke helpdesk from ${helper.aadObjectId}`];
    for (const text of script) assert.equal((await bot.say(OWNER, text)).status, 200, text);
    await bot.say(helper, 'customers');
    await bot.click(OWNER, 'users.page', { filter: '', skip: '20' });
    await bot.click(OWNER, 'no.such.verb', { password: APP_PASSWORD });
    await bot.click(OWNER, 'users.page', { skip: 'x'.repeat(5000) });
    // Refused requests: a forged token and a missing one.
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await tokens.token(bot.connector.url, { signWith: privateKey });
    issued.push(forged);
    assert.equal((await bot.post(bot.activity(OWNER, {}, { type: 'message', text: 'help' }), { authorization: `Bearer ${forged}` })).status, 401);
    assert.equal((await bot.post(bot.activity(OWNER, {}, { type: 'message', text: 'help' }), { authorization: '' })).status, 401);

    assert.ok(issued.length > 15 && bot.logs.length > 20, `the session ran and logged (${issued.length} tokens, ${bot.logs.length} lines)`);
    assert.ok(bot.connector.calls.length > 10, 'replies went out with the outbound token');
    const all = bot.logs.join('\n');
    for (const token of issued) assert.ok(!all.includes(token), 'an inbound token was logged');
    for (const secret of [tokens.outboundToken, APP_PASSWORD]) assert.ok(!all.includes(secret), 'a secret was logged');
    assert.doesNotMatch(all, /Bearer /i);
    assert.doesNotMatch(all, JWT);
  });

  it('an internal failure answers with a generic card and error response: no message, no stack', async () => {
    const service = bot.runtime.app.service as { listSubscriptions: (id: string) => Promise<unknown> };
    const original = service.listSubscriptions;
    service.listSubscriptions = async () => {
      throw new TypeError('INTERNAL-DETAIL: cannot read /srv/license-desk/data/secret.json');
    };
    try {
      await bot.say(OWNER, 'use contoso');
      const said = cardText((await bot.say(OWNER, 'licenses')).cards[0]);
      assert.match(said, /Something went wrong/);
      const clicked = await bot.click(OWNER, 'licenses.show', {});
      for (const text of [said, JSON.stringify(clicked.body)]) {
        assert.doesNotMatch(text, /INTERNAL-DETAIL|secret\.json|TypeError|\bat \w+ \(/);
      }
      assert.ok(bot.logs.some((l) => l.includes('INTERNAL-DETAIL')), 'the detail is in the log for the operator of the bot');
    } finally {
      service.listSubscriptions = original;
    }
  });

  it('pino redaction covers Authorization headers and app secrets in any case', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, cb) => (lines.push(chunk.toString('utf8')), cb()) });
    const log = createLogger('debug', sink);
    log.info({ req: { headers: { authorization: 'Bearer aaa.bbb.ccc', Authorization: 'Bearer ddd.eee.fff' } }, headers: { Authorization: 'Bearer ggg' } }, 'request');
    log.info({ config: { MicrosoftAppPassword: APP_PASSWORD, CertificatePrivateKey: '-----BEGIN KEY' }, password: 'p', token: 't' }, 'settings');
    const text = lines.join('\n');
    assert.doesNotMatch(text, /Bearer|BEGIN KEY/);
    assert.ok(!text.includes(APP_PASSWORD));
    assert.equal((text.match(/\[redacted\]/g) ?? []).length, 7);
  });
});

import assert from 'node:assert/strict';
import { BotHarness, OWNER } from '../helpers/bot-harness.js';
import { MAX_BODY_BYTES } from '../../src/bot/server.js';

interface Reply {
  status: number;
  type: string;
  text: string;
}

async function request(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, init);
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** Nothing in an error body may reveal code, paths or library messages. */
function assertTerse(reply: Reply, status: number): void {
  assert.equal(reply.status, status, reply.text);
  assert.match(reply.type, /application\/json/);
  const body = JSON.parse(reply.text) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body), ['error']);
  assert.doesNotMatch(reply.text, /\bat .*\(|node_modules|\.ts:|\.js:|Error:|stack|Unexpected token|JSON\.parse|exceeded|restify/i);
}

describe('HTTP surface', () => {
  let bot: BotHarness;
  const messages = () => `${bot.runtime.url}/api/messages`;
  const postJson = (body: string, type = 'application/json') => request(messages(), { method: 'POST', headers: { 'content-type': type }, body });

  describe('unauthenticated (local) mode', () => {
    before(async () => {
      bot = await BotHarness.start();
    });
    after(() => bot.stop());

    it('answers GET /healthz', async () => {
      const reply = await request(`${bot.runtime.url}/healthz`);
      assert.equal(reply.status, 200);
      assert.deepEqual(JSON.parse(reply.text), { status: 'ok' });
    });

    it('refuses a body over 256 KB with 413', async () => {
      const activity = bot.activity(OWNER, {}, { type: 'message', text: 'x'.repeat(MAX_BODY_BYTES) });
      assertTerse(await postJson(JSON.stringify(activity)), 413);
    });

    it('refuses malformed JSON with 400', async () => {
      assertTerse(await postJson('{"type": "message", "text": '), 400);
      assertTerse(await postJson('[1, 2, 3]'), 400);
      assertTerse(await postJson('{"text": "no type"}'), 400);
    });

    it('refuses a body that is not JSON with 415', async () => {
      assertTerse(await postJson('type=message&text=help', 'application/x-www-form-urlencoded'), 415);
      assertTerse(await postJson('help', 'text/plain'), 415);
    });

    it('answers 404 for unknown routes and 405 for the wrong method', async () => {
      assertTerse(await request(`${bot.runtime.url}/api/nothing`), 404);
      assertTerse(await request(`${bot.runtime.url}/../../etc/passwd`), 404);
      assertTerse(await request(messages()), 405);
    });

    it('still answers a normal message after all that', async () => {
      const { status, cards } = await bot.say(OWNER, 'help');
      assert.equal(status, 200);
      assert.equal(cards.length, 1);
    });
  });

  describe('authenticated mode', () => {
    before(async () => {
      bot = await BotHarness.start({ env: { MicrosoftAppId: '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d', MicrosoftAppPassword: 'not-used-in-this-test' } });
    });
    after(() => bot.stop());

    it('answers 401 without the SDK\'s message to a request with no or a forged token', async () => {
      const activity = JSON.stringify(bot.activity(OWNER, {}, { type: 'message', text: 'help' }));
      assertTerse(await postJson(activity), 401);
      const forged = await request(messages(), { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' }, body: activity });
      assertTerse(forged, 401);
      assert.equal(bot.connector.calls.length, 0, 'nothing was sent to the connector');
    });

    it('refuses a compressed body with 415 before authentication, and keeps running', async () => {
      const garbage = await request(messages(), { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'this is not gzip at all' });
      assertTerse(garbage, 415);
      assert.equal((await request(`${bot.runtime.url}/healthz`)).status, 200);
    });
  });
});

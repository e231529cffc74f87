import assert from 'node:assert/strict';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { BotHarness, OWNER, persona } from '../helpers/bot-harness.js';
import { rawRequest, type RawReply } from '../helpers/raw-http.js';
import { HTTP_LIMITS } from '../../src/bot/server.js';

const portOf = (bot: BotHarness) => Number(new URL(bot.runtime.url).port);

function assertTerse(reply: RawReply, status: number, what: string): void {
  assert.equal(reply.status, status, `${what}: ${reply.head}`);
  assert.match(reply.head, /content-type: application\/json/i, what);
  assert.deepEqual(Object.keys(JSON.parse(reply.body) as object), ['error'], what);
}

/** The bot still works: help answers 200 with one card. */
async function assertHelpAnswers(bot: BotHarness): Promise<void> {
  const { status, cards } = await bot.say(OWNER, 'help');
  assert.equal(status, 200);
  assert.equal(cards.length, 1);
}

describe('security: the HTTP edge', () => {
  const nobody = persona('Nora Nobody');

  describe('compressed and torn bodies', () => {
    let bot: BotHarness;
    before(async () => {
      bot = await BotHarness.start();
    });
    after(() => bot.stop());

    const help = () => Buffer.from(JSON.stringify(bot.activity(nobody, {}, { type: 'message', text: 'help' })));
    const post = (encoding: string | undefined, body: Buffer, extra: string[] = [], then: 'wait' | 'end' | 'reset' = 'wait') =>
      rawRequest(portOf(bot), { headers: ['Content-Type: application/json', ...(encoding === undefined ? [] : [`Content-Encoding: ${encoding}`]), ...extra, `Content-Length: ${body.length}`], body, then });

    it('refuses every Content-Encoding but identity with 415, garbage, bombs and valid bodies alike, and runs none', async () => {
      const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
      assert.ok(bomb.length < 256 * 1024, 'the bomb is under the body limit');
      const cases: Array<[string, string, Buffer]> = [
        ['gzip garbage', 'gzip', Buffer.from('this is not gzip at all')],
        ['deflate garbage', 'deflate', Buffer.from('this is not deflate at all')],
        ['br garbage', 'br', Buffer.from('this is not brotli at all')],
        ['gzip bomb (50 MB of zeros)', 'gzip', bomb],
        ['torn gzip stream', 'gzip', gzipSync(help()).subarray(0, 40)],
        ['valid gzip help', 'gzip', gzipSync(help())],
        ['valid deflate help', 'deflate', deflateSync(help())],
        ['valid br help', 'br', brotliCompressSync(help())],
        ['upper-case GZIP', 'GZIP', gzipSync(help())],
        ['identity then gzip', 'identity, gzip', gzipSync(help())],
        ['unknown encoding', 'x-garbage', help()],
        ['empty encoding', '', help()],
      ];
      const before = bot.connector.calls.length;
      for (const [what, encoding, body] of cases) assertTerse(await post(encoding, body), 415, what);
      // The realistic client: fetch on a kept-alive connection.
      const reply = await fetch(`${bot.runtime.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: bomb });
      assert.equal(reply.status, 415);
      assert.deepEqual(await reply.json(), { error: 'Unsupported media type' });
      assert.equal(bot.connector.calls.length, before, 'nothing ran');
      await assertHelpAnswers(bot);
    });

    it('lets no client hold a socket over 30 s with the production limits', () => {
      const http = bot.runtime.server.server;
      assert.equal(http.requestTimeout, HTTP_LIMITS.requestTimeoutMs);
      assert.equal(http.headersTimeout, HTTP_LIMITS.headersTimeoutMs);
      assert.ok(HTTP_LIMITS.headersTimeoutMs <= HTTP_LIMITS.requestTimeoutMs);
      assert.ok(HTTP_LIMITS.requestTimeoutMs + HTTP_LIMITS.checkIntervalMs <= 30_000, 'cut off within 30 s');
    });

    it('answers 415 before reading the body: a request that promises 10 MB and sends 10 bytes is refused at once', async () => {
      const reply = await rawRequest(portOf(bot), { headers: ['Content-Type: application/json', 'Content-Encoding: gzip', 'Content-Length: 10000000'], body: gzipSync(help()).subarray(0, 10) });
      assertTerse(reply, 415, 'headers only');
      await assertHelpAnswers(bot);
    });

    it('takes Content-Encoding: identity as no encoding', async () => {
      const activity = bot.activity(OWNER, {}, { type: 'message', text: 'help' });
      const { status } = await bot.post(activity, { 'content-encoding': 'identity' });
      assert.equal(status, 200);
      assert.equal(bot.connector.calls.filter((c) => c.activity.replyToId === activity.id).length, 1);
    });

    it('never runs a body that ends early (half-closed or reset socket, torn chunked stream) and keeps answering', async () => {
      const before = bot.connector.calls.length;
      const body = help();
      const short = [`Content-Length: ${body.length + 100}`];
      for (const then of ['end', 'reset'] as const) {
        const reply = await rawRequest(portOf(bot), { headers: ['Content-Type: application/json', ...short], body, then });
        assert.ok(reply.status === undefined || reply.status === 400, `${then}: ${reply.head}`);
        const gz = await rawRequest(portOf(bot), { headers: ['Content-Type: application/json', 'Content-Encoding: gzip', ...short], body: gzipSync(body).subarray(0, 30), then });
        assert.ok(gz.status === undefined || gz.status === 415, `gzip ${then}: ${gz.head}`);
        const chunked = await rawRequest(portOf(bot), { headers: ['Content-Type: application/json', 'Transfer-Encoding: chunked'], body: Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n')]), then });
        assert.ok(chunked.status === undefined || chunked.status === 400, `chunked ${then}: ${chunked.head}`);
      }
      await assertHelpAnswers(bot);
      assert.equal(bot.connector.calls.length - before, 1, 'only the final help ran');
    });
  });

  describe('slow clients', () => {
    let bot: BotHarness;
    before(async () => {
      // The production limits (HTTP_LIMITS) are 20 s + 5 s; shortened here so the test stays quick.
      bot = await BotHarness.start({ httpLimits: { requestTimeoutMs: 500, headersTimeoutMs: 400, checkIntervalMs: 100 } });
    });
    after(() => bot.stop());

    /** Sends the head, then `drip` every 100 ms until the server hangs up (at most 100 times). */
    async function trickle(head: string, drip: string): Promise<{ closed: boolean; reply: string }> {
      const socket = net.connect(portOf(bot), '127.0.0.1');
      let closed = false;
      let reply = '';
      socket.on('data', (chunk: Buffer) => (reply += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => (closed = true));
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(head);
      for (let i = 0; i < 100 && !closed; i++) {
        await sleep(100);
        if (!closed) socket.write(drip);
      }
      socket.destroy();
      return { closed, reply };
    }

    it('closes the socket (or answers 408) for a client that trickles its body', async () => {
      const { closed, reply } = await trickle('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n', '{"type": "message", "text": "help"}');
      assert.ok(closed, 'the server hung up');
      assert.ok(reply === '' || /^HTTP\/1\.1 408/.test(reply), reply);
      await assertHelpAnswers(bot);
    });

    it('closes the socket for a client that keeps sending a body already refused with 415', async () => {
      const { closed, reply } = await trickle('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 100000000\r\n\r\n', 'x'.repeat(1000));
      assert.ok(closed, 'the server hung up');
      assert.match(reply, /^HTTP\/1\.1 415/);
      await assertHelpAnswers(bot);
    });

    it('closes the socket (or answers 408) for a client that trickles its headers', async () => {
      const { closed, reply } = await trickle('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: aaaaaaaaaaaaaaaaa\r\n');
      assert.ok(closed, 'the server hung up');
      assert.ok(reply === '' || /^HTTP\/1\.1 408/.test(reply), reply);
      await assertHelpAnswers(bot);
    });
  });
});

import assert from 'node:assert/strict';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { commands } from '../../src/features/commands.js';
import { actions } from '../../src/features/actions.js';
import { matchCommand, normalizeText, suggestCommand } from '../../src/core/command-grammar.js';
import { payloadProblem } from '../../src/core/payload-guard.js';
import { BotHarness, OWNER, persona, type Persona } from '../helpers/bot-harness.js';
import { dataSnapshot } from './data-snapshot.js';
import { rawRequest } from '../helpers/raw-http.js';

/** Commands that change stored data (conversation choice, grants); the OWNER only sends the others. */
// Commands that change state when they succeed (or start a change): the owner only sends read-only text.
const MUTATING = new Set([
  'use', 'grant', 'revoke', 'approvals here', 'approvals off',
  // Not a change, but its answer is a file-consent card rather than an Adaptive Card.
  'audit export',
  ...commands.filter((c) => c.approvable || c.permission === 'user.resetPassword').map((c) => c.name),
]);
const POLLUTING = ['__proto__', 'constructor', 'prototype'];
const FIELDS = ['skip', 'filter', 'userId', 'customerId', 'confirmationId', 'action', 'data'];

const control = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: fc.oneof(control, fc.constantFrom(' ', '\u00a0', '\u200b', '<at>', '</at>', '&nbsp;', '<p>', '"', "'", '\\', '@', '*', '%00')), maxLength: 60 }),
  fc.string({ unit: 'binary-ascii', minLength: 5000, maxLength: 20000 }),
);
/** Text that starts with a command's words often, so the argument parsers are exercised too. */
const chatText = fc.tuple(fc.constantFrom('', ...commands.map((c) => c.name), ...commands.map((c) => c.name.toUpperCase())), anyText).map(([name, rest]) => `${name} ${rest}`);

const jsonValue = fc.oneof(anyText, fc.jsonValue({ maxDepth: 3 }), fc.constant(null));
/** Card data as raw JSON text, so keys like __proto__ arrive as own properties, as in a crafted request. */
const rawData = fc.oneof(
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...POLLUTING, ...FIELDS), fc.string({ maxLength: 20 })), jsonValue), { maxLength: 6 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`),
  jsonValue.map((v) => JSON.stringify(v) ?? 'null'),
);
/** Raw HTTP: how the body is encoded, labelled and framed; torn framings half-close or reset the socket. */
const ACTIVITY_FIELDS = ['text', 'channelData', 'entities', 'value', 'locale', 'attachments', 'replyToId', 'conversation', 'recipient', 'id', 'timestamp', 'name'];
const bodyShape = fc.oneof(
  fc.record({ kind: fc.constant('activity' as const), fields: fc.dictionary(fc.oneof(fc.constantFrom(...ACTIVITY_FIELDS, ...POLLUTING), fc.string({ maxLength: 10 })), jsonValue, { maxKeys: 4 }) }),
  fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 2000 }) }),
);
const COMPRESS: Record<string, (b: Buffer) => Buffer> = {
  none: (b) => b,
  gzip: (b) => gzipSync(b),
  deflate: (b) => deflateSync(b),
  br: (b) => brotliCompressSync(b),
  torn: (b) => gzipSync(b).subarray(0, 12),
};
const wellFormed = fc.record({
  body: bodyShape,
  compress: fc.constant('none'),
  encoding: fc.constantFrom(undefined, 'identity'),
  type: fc.constantFrom('application/json', 'application/json; charset=utf-8'),
  framing: fc.constantFrom('exact', 'chunked'),
  extra: fc.constant<string[]>([]),
  then: fc.constant<'wait' | 'end' | 'reset'>('wait'),
});
const anyRequest = fc.record({
  body: bodyShape,
  compress: fc.constantFrom(...Object.keys(COMPRESS)),
  encoding: fc.constantFrom(undefined, 'gzip', 'deflate', 'br', 'identity', 'GZip', 'gzip, identity', 'identity, identity', 'x-zip', ''),
  type: fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/octet-stream', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', '*/*'),
  framing: fc.constantFrom('exact', 'chunked', 'bad-chunk', 'length-and-chunked', 'length-short', 'length-long', 'length-garbage'),
  extra: fc.array(fc.constantFrom('Content-MD5: AAAA', 'Expect: 100-continue', 'Accept-Encoding: gzip', 'Content-Length: 5', 'Transfer-Encoding: gzip, chunked', 'Authorization: Bearer x.y.z'), { maxLength: 2 }),
  then: fc.constantFrom<'wait' | 'end' | 'reset'>('wait', 'wait', 'wait', 'end', 'reset'),
});
/** A third are well-formed JSON requests of random shapes (so the bot's logic runs), the rest anything. */
const httpCase = fc.oneof({ arbitrary: wellFormed, weight: 1 }, { arbitrary: anyRequest, weight: 2 });

function frame(framing: string, body: Buffer): { headers: string[]; body: Buffer; torn: boolean } {
  const chunked = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n0\r\n\r\n')]);
  switch (framing) {
    case 'chunked': return { headers: ['Transfer-Encoding: chunked'], body: chunked(body), torn: false };
    case 'bad-chunk': return { headers: ['Transfer-Encoding: chunked'], body: Buffer.concat([Buffer.from('zz\r\n'), body]), torn: false };
    case 'length-and-chunked': return { headers: [`Content-Length: ${body.length}`, 'Transfer-Encoding: chunked'], body: chunked(body), torn: false };
    case 'length-short': return { headers: [`Content-Length: ${Math.floor(body.length / 2)}`], body, torn: false };
    case 'length-long': return { headers: [`Content-Length: ${body.length + 50}`], body, torn: true };
    case 'length-garbage': return { headers: ['Content-Length: 12abc'], body, torn: false };
    default: return { headers: [`Content-Length: ${body.length}`], body, torn: false };
  }
}

const verbs = (allowed: string[]) => fc.oneof(fc.constantFrom(...allowed), anyText, fc.jsonValue({ maxDepth: 1 }));

describe('security: property-based checks', () => {
  describe('command parser (pure)', () => {
    it('never throws, matches only whole command words, and every argument schema answers', () => {
      fc.assert(
        fc.property(fc.oneof(chatText, anyText), (text) => {
          const match = matchCommand(commands, text);
          suggestCommand(commands, text);
          const clean = normalizeText(text);
          assert.ok(clean.length <= 16_000, 'huge input is cut before any regex work');
          if (!match) return;
          assert.ok(commands.includes(match.command));
          // Greetings and a bare "?" open help with no arguments (forgiving phrasing); nothing else is an alias.
          if (match.command.name === 'help' && match.argText === '' && !clean.toLowerCase().startsWith('help')) return;
          assert.ok(clean.toLowerCase().startsWith(match.command.name), 'the command is the start of the text');
          const next = clean.slice(match.command.name.length, match.command.name.length + 1);
          assert.ok(next === '' || next === ' ', 'never a substring of a longer word');
          assert.ok(match.argText.length <= clean.length);
          const parsed = match.command.schema.safeParse(match.argText);
          assert.equal(typeof parsed.success, 'boolean');
        }),
        { numRuns: 4000 },
      );
    });

    it('every card schema and the payload guard answer any payload without throwing', () => {
      fc.assert(
        fc.property(rawData, (raw) => {
          const data: unknown = JSON.parse(raw);
          const problem = payloadProblem(data);
          for (const action of actions) if (!problem) assert.equal(typeof action.schema.safeParse(data).success, 'boolean');
          if (/"(__proto__|constructor|prototype)":/.test(raw)) assert.ok(problem, 'pollution keys are refused');
        }),
        { numRuns: 2000 },
      );
    });
  });

  describe('through HTTP', function () {
    this.timeout(120_000); // only reached while fast-check shrinks a failure
    let bot: BotHarness;
    const nobody = persona('Nora Nobody');

    before(async () => {
      bot = await BotHarness.start();
      await bot.say(OWNER, 'use contoso');
      await bot.say(nobody, 'whoami');
    });
    after(async () => {
      await bot.stop();
    });

    async function rawInvoke(who: Persona, verb: unknown, raw: string): Promise<{ status: number; text: string }> {
      const activity = bot.activity(who, {}, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: '__DATA__' } } });
      const body = JSON.stringify(activity).replace('"__DATA__"', () => raw);
      const response = await fetch(`${bot.runtime.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: response.status, text: await response.text() };
    }

    /** DATA_DIR is unchanged byte for byte, except audit lines recording refusals. */
    async function assertNothingChanged(before: Map<string, Buffer>): Promise<void> {
      const after = await dataSnapshot(bot);
      for (const [file, bytes] of before) {
        if (file === 'audit.jsonl') continue;
        assert.ok(after.get(file)?.equals(bytes), `${file} changed`);
      }
      const added = (after.get('audit.jsonl') ?? Buffer.alloc(0)).subarray(before.get('audit.jsonl')?.length ?? 0).toString('utf8');
      for (const line of added.split('\n').filter(Boolean)) assert.equal((JSON.parse(line) as { outcome: string }).outcome, 'denied', line);
      assert.deepEqual([...after.keys()].filter((f) => f !== 'audit.jsonl').sort(), [...before.keys()].filter((f) => f !== 'audit.jsonl').sort());
      assert.ok(!bot.logs.some((l) => /"level":(50|60)/.test(l)), 'no handler failed');
    }

    it('random chat text: never 5xx, always one answer, nothing stored (no role, and the owner on read-only commands)', async () => {
      const before = await dataSnapshot(bot);
      const readOnly = chatText.filter((t) => !MUTATING.has(matchCommand(commands, t)?.command.name ?? ''));
      await fc.assert(
        fc.asyncProperty(fc.oneof(chatText.map((t) => [nobody, t] as const), readOnly.map((t) => [OWNER, t] as const)), async ([who, text]) => {
          const { status, cards } = await bot.say(who, text);
          assert.equal(status, 200);
          assert.equal(cards.length, 1);
        }),
        { numRuns: 200, endOnFailure: true },
      );
      await assertNothingChanged(before);
    });

    it('random card actions and payloads: never 5xx, an error response or a card, nothing stored', async () => {
      const before = await dataSnapshot(bot);
      const ownerVerbs = actions.map((a) => a.verb).filter((v) => v !== 'customer.use');
      const cases = fc.oneof(fc.tuple(fc.constant(nobody), verbs(actions.map((a) => a.verb)), rawData), fc.tuple(fc.constant(OWNER), verbs(ownerVerbs), rawData));
      await fc.assert(
        fc.asyncProperty(cases, async ([who, verb, raw]) => {
          if (who === OWNER && verb === 'customer.use') return;
          const { status, text } = await rawInvoke(who, verb, raw);
          if (status === 413) return; // over MAX_BODY_BYTES: refused before parsing
          assert.equal(status, 200, text);
          const invoke = JSON.parse(text) as { statusCode: number; type: string };
          assert.ok([200, 400].includes(invoke.statusCode), text.slice(0, 300));
          assert.doesNotMatch(text, /\bat [\w.<>]+ \(|node_modules|ZodError|TypeError/);
        }),
        { numRuns: 300, endOnFailure: true },
      );
      await assertNothingChanged(before);
      assert.equal((await fetch(`${bot.runtime.url}/healthz`)).status, 200);
    });

    it('random invoke names (message extensions, tabs, garbage): 400, never 5xx, nothing stored', async () => {
      const before = await dataSnapshot(bot);
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.constantFrom('composeExtension/query', 'task/fetch', 'tab/fetch', 'signin/verifyState', 'actionableMessage/executeAction', ''), fc.string({ maxLength: 40 })), async (name) => {
          if (name === 'adaptiveCard/action' || name === 'fileConsent/invoke') return;
          const activity = bot.activity(OWNER, {}, { type: 'invoke', name, value: {} });
          const response = await fetch(`${bot.runtime.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
          await response.text();
          assert.equal(response.status, 400, name);
        }),
        { numRuns: 40 },
      );
      await assertNothingChanged(before);
    });

    it('random encodings, framings, headers and bodies on raw sockets: no crash, never 5xx, help still answers', async () => {
      const port = Number(new URL(bot.runtime.url).port);
      await fc.assert(
        fc.asyncProperty(httpCase, async (c) => {
          const plain = c.body.kind === 'activity'
            ? Buffer.from(JSON.stringify(bot.activity(nobody, {}, { type: 'message', text: 'whoami', ...c.body.fields })))
            : c.body.kind === 'json' ? Buffer.from(JSON.stringify(c.body.value)) : Buffer.from(c.body.bytes);
          const framed = frame(c.framing, COMPRESS[c.compress]!(plain));
          const headers = [...(c.type === undefined ? [] : [`Content-Type: ${c.type}`]), ...(c.encoding === undefined ? [] : [`Content-Encoding: ${c.encoding}`]), ...framed.headers, ...c.extra];
          // A body promised longer than sent would wait for the request timeout: such requests are torn on purpose.
          const then = framed.torn && c.then === 'wait' ? 'end' : c.then;
          const reply = await rawRequest(port, { headers, body: framed.body, then });
          if (reply.status !== undefined) assert.ok(reply.status < 500, `${reply.status} for ${JSON.stringify({ ...c, body: c.body.kind })}`);
          else assert.notEqual(then, 'wait', `no answer to a whole request: ${JSON.stringify({ ...c, body: c.body.kind })}`);
        }),
        { numRuns: 250, endOnFailure: true },
      );
      const { status, cards } = await bot.say(OWNER, 'help');
      assert.equal(status, 200);
      assert.equal(cards.length, 1);
      assert.ok(!bot.logs.some((l) => /"level":60/.test(l)), 'nothing fatal');
    });
  });
});

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SlidingWindowLimiter } from '../../src/core/rate-limit.js';
import { memoryRateLimitStore } from '../../src/adapters/state/file/rate-limits-memory.js';
import { defineChange } from '../../src/core/change.js';
import { changeGate } from '../../src/core/change-gate.js';
import type { AuditRecord, HandlerContext } from '../../src/core/handler-context.js';
import { BotHarness, OWNER, persona } from '../helpers/bot-harness.js';
import { cardText } from '../helpers/cards.js';
import { MINUTE, TestClock } from '../helpers/test-clock.js';

const id = (n: number) => `7c2d3e4f-2222-4c1a-9e7b-${String(n).padStart(12, '0')}`;

describe('security: per-operator mutation rate limit', () => {
  it('SlidingWindowLimiter: a sliding window per key; refusals are not counted; 0 turns it off', async () => {
    const clock = new TestClock();
    const limiter = new SlidingWindowLimiter(memoryRateLimitStore(), 3, MINUTE, clock);
    const start = clock.now().getTime();
    assert.equal(await limiter.take('a'), null);
    clock.advance(10_000);
    assert.equal(await limiter.take('a'), null);
    assert.equal(await limiter.take('a'), null);
    assert.equal(await limiter.take('b'), null, 'keys are independent');
    assert.equal((await limiter.take('a'))?.retryAt.getTime(), start + MINUTE);
    clock.advance(MINUTE - 10_000 - 1);
    assert.ok(await limiter.take('a'), 'still inside the window of the first attempt');
    clock.advance(1);
    assert.equal(await limiter.take('a'), null, 'the first attempt left the window');
    assert.equal((await limiter.take('a'))?.retryAt.getTime(), start + 10_000 + MINUTE);
    const off = new SlidingWindowLimiter(memoryRateLimitStore(), 0, MINUTE, clock);
    for (let i = 0; i < 1000; i++) assert.equal(await off.take('a'), null);
  });

  it('changeGate refuses a burst beyond the limit with a retry time, and audits it', async () => {
    const clock = new TestClock();
    const audits: AuditRecord[] = [];
    const ctx = {
      roles: ['global-admin'],
      caller: OWNER,
      app: { clock, config: { APPROVAL_THRESHOLD_USERS: 0, APPROVAL_REQUIRED_FOR: [] }, rateLimits: { mutations: new SlidingWindowLimiter(memoryRateLimitStore(), 2, MINUTE, clock) } },
      audit: async (record: AuditRecord) => void audits.push(record),
    } as unknown as HandlerContext;
    const op = defineChange({
      kind: 'test.change',
      permission: 'user.delete',
      policyName: 'delete',
      payloadSchema: z.object({}),
      targetUserIds: async () => [],
      describe: async () => ({ title: '', message: '', facts: [] }),
      execute: async () => [],
    });
    assert.equal(await changeGate(ctx, op, {}), null);
    assert.equal(await changeGate(ctx, op, {}), null);
    const refused = await changeGate(ctx, op, {});
    assert.match(cardText(refused), /Slow down[\s\S]*Try again at 09:01:00 UTC \(in 60 seconds\)/);
    assert.deepEqual(audits.map((a) => [a.action, a.outcome, a.details?.reason]), [['test.change', 'denied', 'rate limit']]);
    clock.advance(MINUTE);
    assert.equal(await changeGate(ctx, op, {}), null);
  });

  describe('grant and revoke through chat', () => {
    let bot: BotHarness;
    afterEach(async () => {
      await bot.stop();
    });

    it('refuses the change beyond MUTATIONS_PER_MINUTE, audits it, changes nothing, and lets it through a minute later', async () => {
      bot = await BotHarness.start({ env: { MUTATIONS_PER_MINUTE: '2' } });
      await bot.say(OWNER, `grant helpdesk to ${id(1)}`);
      await bot.say(OWNER, `revoke helpdesk from ${id(1)}`);
      const third = cardText((await bot.say(OWNER, `grant helpdesk to ${id(2)}`)).cards[0]);
      assert.match(third, /Slow down/);
      assert.match(third, /Try again at 09:01:00 UTC/);
      assert.equal((await bot.runtime.app.state.operators.allGrants()).length, 0);
      const audit = (await readFile(path.join(bot.dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { action: string; outcome: string; details?: { reason?: string } });
      assert.deepEqual(audit.map((a) => `${a.action}:${a.outcome}:${a.details?.reason ?? ''}`), ['grant:success:', 'revoke:success:', 'grant:denied:rate limit']);
      // Another operator has their own budget.
      const other = persona('Gina Admin');
      await bot.grant(other, 'global-admin');
      assert.match(cardText((await bot.say(other, `grant helpdesk to ${id(3)}`)).cards[0]), /Role granted/);
      bot.clock.advance(MINUTE);
      assert.match(cardText((await bot.say(OWNER, `grant helpdesk to ${id(2)}`)).cards[0]), /Role granted/);
    });

    it('MUTATIONS_PER_MINUTE=0 turns the limit off', async () => {
      bot = await BotHarness.start({ env: { MUTATIONS_PER_MINUTE: '0' } });
      for (let i = 0; i < 8; i++) assert.match(cardText((await bot.say(OWNER, `grant helpdesk to ${id(i)}`)).cards[0]), /Role granted/);
    });

    it('no-op grants (nothing to change) do not count', async () => {
      bot = await BotHarness.start({ env: { MUTATIONS_PER_MINUTE: '1' } });
      await bot.say(OWNER, `grant helpdesk to ${id(1)}`);
      for (let i = 0; i < 3; i++) assert.match(cardText((await bot.say(OWNER, `grant helpdesk to ${id(1)}`)).cards[0]), /Nothing to change/);
    });
  });
});

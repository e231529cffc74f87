import assert from 'node:assert/strict';
import { BotHarness, OWNER } from '../helpers/bot-harness.js';
import { cardActions, cardText } from '../helpers/fake-connector.js';
import { SKU_BASIC, SKU_E3, TENANT, startHarness, type Harness } from './harness.js';

/**
 * Issue 16: through the bot (HTTP into /api/messages), every listing is paged by Graph itself, so the requests a
 * command sends do not grow with the tenant. 3,000 users here (more than three Graph pages of 999): reading the
 * tenant to show, count or summarise would show up as extra requests.
 */
const USERS = 3000;

describe('Graph request counts do not grow with the tenant (issue 16)', function () {
  let graph: Harness;
  let bot: BotHarness;
  before(async () => {
    graph = await startHarness();
    for (let i = 0; i < USERS; i++) {
      const licenses = i % 3 === 0 ? [] : i % 3 === 1 ? [SKU_BASIC] : [SKU_E3];
      graph.fake.addUser(TENANT, { userPrincipalName: `user${i}@contoso.com`, displayName: `User ${String(i).padStart(5, '0')}` }, licenses);
    }
    for (const sku of graph.fake.tenant(TENANT).skus) sku.enabled = USERS;
    bot = await BotHarness.start({ service: graph.directory });
    await bot.say(OWNER, 'use contoso');
  });
  after(async () => {
    await bot.stop();
    await graph.teardown();
  });

  /** HTTP requests to Graph (a $batch counts once) while running `run`. */
  async function counted<T>(run: () => Promise<T>): Promise<{ result: T; requests: number; urls: string[] }> {
    const before = graph.fake.httpRequests;
    const logged = graph.fake.log.length;
    const result = await run();
    return { result, requests: graph.fake.httpRequests - before, urls: graph.fake.log.slice(logged).map((r) => `${r.method} ${decodeURIComponent(r.url)}`) };
  }

  it('use: the user count from $count and seats from subscribedSkus, at most 3 requests', async () => {
    const { result, requests, urls } = await counted(() => bot.say(OWNER, 'use contoso'));
    assert.match(cardText(result.cards[0]), new RegExp(`Users\\s*${USERS + 5}`));
    assert.ok(requests <= 3, urls.join('\n'));
    assert.ok(urls.some((u) => u.startsWith('GET /users/$count')), urls.join('\n'));
  });

  it('users, Next and Previous: one page and its admin roles each, at most 3 requests', async () => {
    const first = await counted(() => bot.say(OWNER, 'users'));
    const card = first.result.cards[0];
    assert.match(cardText(card), new RegExp(`Showing 1-20 of ${USERS + 5}`));
    assert.ok(first.requests <= 3, first.urls.join('\n'));
    const next = cardActions(card).find((a) => a.title === 'Next');
    assert.ok(next);
    const second = await counted(() => bot.click(OWNER, next.verb, next.data));
    assert.match(cardText(second.result.card), new RegExp(`Showing 21-40 of ${USERS + 5}`));
    assert.ok(second.requests <= 3, second.urls.join('\n'));
    const previous = cardActions(second.result.card).find((a) => a.title === 'Previous');
    assert.ok(previous);
    const back = await counted(() => bot.click(OWNER, previous.verb, previous.data));
    assert.match(cardText(back.result.card), new RegExp(`Showing 1-20 of ${USERS + 5}`));
    assert.ok(back.requests <= 3, back.urls.join('\n'));
  });

  it('users unlicensed and users sku:X: Graph filters and counts, at most 3 requests each', async () => {
    const unlicensed = await counted(() => bot.say(OWNER, 'users unlicensed'));
    assert.match(cardText(unlicensed.result.cards[0]), /without a license \(1001\)/);
    assert.ok(unlicensed.requests <= 3, unlicensed.urls.join('\n'));
    const e3 = await counted(() => bot.say(OWNER, 'users sku:ENTERPRISEPACK'));
    assert.match(cardText(e3.result.cards[0]), /\(1002\)/);
    assert.ok(e3.requests <= 3, e3.urls.join('\n'));
  });

  it('users <text>: a $search, at most 3 requests', async () => {
    const found = await counted(() => bot.say(OWNER, 'users user2999'));
    assert.match(cardText(found.result.cards[0]), /User 02999/);
    assert.ok(found.requests <= 3, found.urls.join('\n'));
  });

  it('assign one license: at most 6 requests', async () => {
    const assigned = await counted(async () => {
      const ask = await bot.say(OWNER, 'assign POWER_BI_PRO to user0@contoso.com');
      const confirm = cardActions(ask.cards[0]).find((a) => /assign|confirm/i.test(a.title));
      return confirm ? (await bot.click(OWNER, confirm.verb, confirm.data)).card : ask.cards[0];
    });
    assert.match(cardText(assigned.result), /Power BI Pro/);
    assert.ok(assigned.requests <= 6, assigned.urls.join('\n'));
    assert.ok(graph.fake.tenant(TENANT).users.size > 0);
  });
});

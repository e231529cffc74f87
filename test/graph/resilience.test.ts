import assert from 'node:assert/strict';
import type { ServiceError } from '../../src/domain/errors.js';
import { classifyGraphFailure, toServiceError } from '../../src/adapters/directory/graph/graph-errors.js';
import { parseRetryAfter, retryDelayMs, defaultRetryPolicy } from '../../src/adapters/directory/graph/retry-policy.js';
import { TENANT, startHarness, type Harness } from './harness.js';

describe('Graph client: retries and error mapping', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ retry: { maxAttempts: 4, baseDelayMs: 100 } });
  });
  afterEach(() => h.teardown());

  it('honours Retry-After (seconds) on 429 and succeeds', async () => {
    h.fake.inject({ method: 'GET', path: /^\/subscribedSkus/, status: 429, retryAfter: 3, times: 2 });
    const subs = await h.directory.listSubscriptions(TENANT);
    assert.equal(subs.length, 3);
    assert.deepEqual(h.sleeps, [3000, 3000]);
  });

  it('backs off exponentially with jitter on 503/504 without Retry-After, and gives up after maxAttempts', async () => {
    h.fake.inject({ method: 'GET', path: /^\/subscribedSkus/, status: 503, times: 1 });
    h.fake.inject({ method: 'GET', path: /^\/subscribedSkus/, status: 504, times: 1 });
    await h.directory.listSubscriptions(TENANT);
    assert.deepEqual(h.sleeps, [75, 150], 'random()=0.5: half fixed + half of half');
    h.fake.inject({ method: 'GET', path: /^\/subscribedSkus/, status: 503, times: 10 });
    await assert.rejects(h.directory.listSubscriptions(TENANT), (e: ServiceError) => e.code === 'UPSTREAM');
    h.fake.faults.length = 0;
    h.fake.inject({ method: 'GET', path: /^\/subscribedSkus/, status: 429, retryAfter: 1, times: 10 });
    await assert.rejects(h.directory.listSubscriptions(TENANT), (e: ServiceError) => e.code === 'THROTTLED');
  });

  it('retries throttled $batch items after their Retry-After, keeping the others', async () => {
    h.fake.inject({ method: 'GET', path: /userPrincipalName/, status: 429, retryAfter: 2, times: 1, inBatch: true });
    const names = Array.from({ length: 40 }, (_, i) => `n${i}@contoso.com`).concat('bob.berg@contoso.com');
    const inUse = await h.directory.upnsInUse(TENANT, names);
    assert.deepEqual([...inUse], ['bob.berg@contoso.com']);
    assert.ok(h.sleeps.includes(2000));
  });

  it('does not send the token to a nextLink outside the Graph base URL', async () => {
    h.fake.inject({ method: 'GET', path: /^\/subscribedSkus/, status: 200, times: 1, body: { value: [], '@odata.nextLink': 'https://evil.example.com/v1.0/subscribedSkus?page=2' } });
    await assert.rejects(h.directory.listSubscriptions(TENANT), (e: ServiceError) => e.code === 'UPSTREAM');
    assert.ok(!h.fake.log.some((r) => r.url.includes('page=2')));
  });

  it('maps Graph errors to stable codes without leaking Graph messages', () => {
    const map = (status: number, code: string, message: string) => toServiceError(classifyGraphFailure(status, { error: { code, message } }));
    assert.equal(map(404, 'Request_ResourceNotFound', "Resource 'x' does not exist").code, 'NOT_FOUND');
    assert.equal(map(400, 'Request_BadRequest', 'Subscription with SKU x does not have any available licenses.').code, 'NO_SEATS');
    assert.equal(map(400, 'CountViolation', 'Quota').code, 'NO_SEATS');
    assert.equal(map(400, 'Request_BadRequest', 'User license is inherited from a group membership and it cannot be removed directly from the user.').code, 'LICENSE_INHERITED');
    assert.equal(map(400, 'Request_BadRequest', 'Another object with the same value for property userPrincipalName already exists.').code, 'CONFLICT');
    assert.equal(map(409, 'ObjectConflict', 'conflict').code, 'CONFLICT');
    assert.equal(map(403, 'Authorization_RequestDenied', 'Insufficient privileges').code, 'FORBIDDEN');
    assert.equal(classifyGraphFailure(400, { error: { message: 'License assignment cannot be done for user with invalid usage location.' } }).reason, 'usage-location');
    const other = map(400, 'Request_BadRequest', 'client_secret=abc123 was rejected for tenant secret-tenant');
    assert.equal(other.code, 'UPSTREAM');
    assert.ok(!other.message.includes('abc123') && !JSON.stringify(other.details).includes('abc123'));
    assert.equal(toServiceError(classifyGraphFailure(500, 'not json')).code, 'UPSTREAM');
  });

  it('parses Retry-After as seconds or HTTP date; backoff is bounded', () => {
    assert.equal(parseRetryAfter('5'), 5000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', () => Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 5000);
    assert.equal(parseRetryAfter(''), null);
    assert.equal(parseRetryAfter('soon'), null);
    const policy = { ...defaultRetryPolicy, random: () => 0.99 };
    assert.ok(retryDelayMs(policy, 30, null) <= policy.maxDelayMs);
    assert.equal(retryDelayMs(policy, 1, 10 * 60_000), policy.maxDelayMs);
  });

  it('logs a failed password reset without the request body (redact() itself is tested with the settings)', async () => {
    h.fake.inject({ method: 'PATCH', status: 400, times: 1, body: { error: { code: 'Request_BadRequest', message: 'Password rejected' } } });
    await assert.rejects(h.directory.resetPassword(TENANT, h.ids.bob, { actor: { aadObjectId: 'a', name: 'b' } }), (e: ServiceError) => e.code === 'UPSTREAM');
    const failed = h.logLines.find((l) => l.includes('Graph request failed'));
    assert.ok(failed);
    assert.ok(!/passwordProfile|"password"/.test(failed));
  });
});

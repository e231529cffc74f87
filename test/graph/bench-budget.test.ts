import assert from 'node:assert/strict';
import { benchGraphCreate } from '../../bench/graph-create.js';

describe('Graph createUsers request budget', () => {
  it('creates 1,000 licensed users in about 110 HTTP requests or fewer, throttled or not', async () => {
    const plain = await benchGraphCreate(1000, { throttle: false });
    assert.ok(plain.requests <= 110, `${plain.requests} requests`);
    const throttled = await benchGraphCreate(1000, { throttle: true });
    assert.ok(throttled.requests <= 120, `${throttled.requests} requests`);
  });
});

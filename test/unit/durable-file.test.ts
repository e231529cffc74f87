import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DurableJsonFile, writeMetrics } from '../../src/adapters/files/durable-file.js';
import { CoalescingWriter } from '../../src/adapters/files/coalescing-writer.js';
import { isServiceError } from '../../src/domain/errors.js';

const schema = z.object({ version: z.literal(1), items: z.array(z.string()) });

describe('durable JSON file', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-durable-'));
    file = path.join(dir, 'state.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads a missing file as null and writes compact JSON, leaving no temp file', async () => {
    const adapter = new DurableJsonFile(file, schema);
    assert.equal(await adapter.read(), null);
    const before = writeMetrics.durableWrites;
    await adapter.write({ version: 1, items: ['a', 'b'] });
    assert.equal(writeMetrics.durableWrites, before + 1);
    assert.equal(await readFile(file, 'utf8'), '{"version":1,"items":["a","b"]}');
    assert.deepEqual(await readdir(dir), ['state.json']);
    assert.deepEqual(await adapter.read(), { version: 1, items: ['a', 'b'] });
  });

  for (const [what, text, pattern] of [
    ['not JSON', '{"version":1,"items":[', /not valid JSON/],
    ['an empty file (a torn write)', '', /not valid JSON/],
    ['the wrong shape', '{"version":2,"items":"x"}', /does not match the expected shape \(version: /],
  ] as const) {
    it(`stops with STORE_CORRUPT naming the file when it is ${what}, and leaves the file untouched`, async () => {
      await writeFile(file, text);
      const adapter = new DurableJsonFile(file, schema);
      await assert.rejects(adapter.read(), (e: unknown) => {
        assert.ok(isServiceError(e));
        assert.equal(e.code, 'STORE_CORRUPT');
        assert.ok(e.message.includes(file), e.message);
        assert.match(e.message, pattern);
        return true;
      });
      assert.equal(await readFile(file, 'utf8'), text);
    });
  }

  it('keeps the old file when a write fails', async () => {
    const adapter = new DurableJsonFile(file, schema);
    await adapter.write({ version: 1, items: ['old'] });
    // A directory where the temp file goes makes opening it fail, even for root.
    await mkdir(path.join(dir, `.state.json.${process.pid}.tmp`));
    await assert.rejects(adapter.write({ version: 1, items: ['new'] }));
    assert.deepEqual(await adapter.read(), { version: 1, items: ['old'] });
  });
});

describe('coalescing writer', () => {
  it('runs one write for the first caller and one more for everyone who arrives meanwhile', async () => {
    const releases: (() => void)[] = [];
    const writer = new CoalescingWriter(
      () => new Promise<void>((resolve) => releases.push(resolve)),
      async () => undefined,
    );
    const first = writer.persist();
    const others = [writer.persist(), writer.persist(), writer.persist()];
    assert.equal(releases.length, 1);
    releases[0]?.();
    await first;
    while (releases.length < 2) await new Promise((r) => setImmediate(r));
    releases[1]?.();
    await Promise.all(others);
    await writer.idle();
    assert.equal(releases.length, 2);
  });

  it('rejects every caller whose change a failed write carried and restores the durable state', async () => {
    let restored = 0;
    const writer = new CoalescingWriter(
      async () => {
        throw new Error('disk full');
      },
      async () => {
        restored++;
      },
    );
    const results = await Promise.allSettled([writer.persist(), writer.persist()]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.ok(restored >= 1);
  });
});

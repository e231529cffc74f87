import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CsdlModel } from './metadata/csdl.js';

/**
 * Issue 16: exactly the v1.0 API. Every request the other Graph tests send (recorded by the fake Graph into
 * GRAPH_REQUEST_LOG) is checked against Microsoft's v1.0 metadata, vendored in test/graph/metadata.
 */
const model = CsdlModel.load(path.join(import.meta.dirname, 'metadata', 'graph-v1.0-cleanMetadata.xml.gz'));

describe('Graph requests against the v1.0 metadata (issue 16)', function () {
  this.timeout(180_000);

  it('the checker finds the beta forms and passes their v1.0 counterparts', () => {
    const id = '5d027261-d21f-4aa9-b7db-7fa1f56fb163';
    assert.match(model.check('POST', `/directory/deletedItems/${id}/restore`, { newUserPrincipalName: 'a@b.com' }).join(), /not a parameter of action restore/);
    assert.deepEqual(model.check('POST', `/directory/deletedItems/${id}/restore`, undefined), []);
    assert.match(model.check('GET', `/directory/deletedItems/${id}?$select=userPrincipalName`, undefined).join(), /not a property of microsoft.graph.directoryObject/);
    assert.deepEqual(model.check('GET', `/directory/deletedItems/${id}/microsoft.graph.user?$select=userPrincipalName,deletedDateTime`, undefined), []);
    assert.match(model.check('GET', '/users?$skip=20', undefined).join(), /unknown query option/);
    assert.match(model.check('GET', '/userz', undefined).join(), /not an entity set/);
    assert.deepEqual(model.check('GET', `/users/${id}/memberOf/microsoft.graph.directoryRole?$select=displayName`, undefined), []);
    assert.deepEqual(model.check('GET', '/users/$count?$filter=assignedLicenses/$count eq 0', undefined), []);
  });

  it('every request of the Graph tests is valid v1.0: 0 violations', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'graph-requests-'));
    const log = path.join(dir, 'requests.jsonl');
    try {
      const mocha = path.join(process.cwd(), 'node_modules', 'mocha', 'bin', 'mocha.js');
      const specs = ['test/graph/*.test.ts', '--ignore', 'test/graph/v1-metadata.test.ts'];
      await promisify(execFile)(process.execPath, [mocha, '--no-config', '--node-option', 'import=tsx', '--exit', '--timeout', '60000', '--reporter', 'dot', ...specs], {
        env: { ...process.env, GRAPH_REQUEST_LOG: log },
        maxBuffer: 64 * 1024 * 1024,
      });
      const lines = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
      assert.ok(lines.length > 500, `recorded ${lines.length} requests`);
      const violations: string[] = [];
      const shapes = new Set<string>();
      for (const line of lines) {
        const r = JSON.parse(line) as { method: string; url: string; body: unknown; inBatch: boolean };
        shapes.add(`${r.method} ${r.url.split('?')[0]?.replace(/[0-9a-f-]{36}|[^/]+@[^/?]+/gi, '{id}')}`);
        for (const problem of model.check(r.method, r.url, r.body ?? undefined)) violations.push(`${r.method} ${r.url.slice(0, 140)}: ${problem}`);
      }
      assert.deepEqual([...new Set(violations)], [], `${lines.length} requests, ${shapes.size} shapes`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

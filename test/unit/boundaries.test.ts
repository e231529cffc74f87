import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { findCycles } from '../../scripts/lint/import-cycles.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('layer boundaries and import cycles', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: root });

  /** The boundary messages ESLint gives for this text as if it were the file at src/<file>. */
  async function boundaryErrors(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, 'src', file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'boundaries/layers').map((m) => m.message);
  }

  it('src has no import cycle', () => {
    assert.deepEqual(findCycles(path.join(root, 'src')), []);
  });

  it('the cycle check finds a cycle, type-only imports included', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cycles-'));
    try {
      mkdirSync(path.join(dir, 'core'));
      writeFileSync(path.join(dir, 'core/a.ts'), "import { b } from './b.js';\nexport const a = b;\n");
      writeFileSync(path.join(dir, 'core/b.ts'), "import type { C } from '../c.js';\nexport const b: C = 1;\n");
      writeFileSync(path.join(dir, 'c.ts'), "export type { A } from './core/a.js';\nexport type C = number;\n");
      assert.deepEqual(findCycles(dir), [['c.ts', path.join('core', 'a.ts'), path.join('core', 'b.ts')]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lint refuses an import across a zone', async () => {
    assert.match((await boundaryErrors('domain/zz-fixture.ts', "import { writeMetrics } from '../adapters/files/durable-file.js';\nexport const x = writeMetrics;\n"))[0] ?? '', /domain may not import adapters\/files/);
    assert.match((await boundaryErrors('features/users/support/zz-fixture.ts', "import { licenseChange } from '../../licenses/changes/change-licenses.js';\nexport const x = licenseChange;\n"))[0] ?? '', /features\/users may not import features\/licenses/);
    assert.match((await boundaryErrors('core/zz-fixture.ts', "import { TurnContext } from 'botbuilder';\nexport const x = TurnContext;\n"))[0] ?? '', /botbuilder may be imported only in bot/);
    assert.match((await boundaryErrors('bot/zz-fixture.ts', "import { commands } from '../features/commands.js';\nexport const x = commands;\n"))[0] ?? '', /bot may not import features\/index/);
  });

  it('lint lets a feature import its own folder, features/shared and the layers below', async () => {
    const code = "import { x } from '../support/y.js';\nimport { z } from '../../shared/reason.js';\nimport { c } from '../../../core/router.js';\nimport { d } from '../../../cards/verbs.js';\nexport const all = [x, z, c, d];\n";
    assert.deepEqual(await boundaryErrors('features/users/commands/zz-fixture.ts', code), []);
  });
});

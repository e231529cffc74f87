import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { ROOT, buildAppPackage, fillManifest } from '../../scripts/package.js';
import { commands } from '../../src/features/commands.js';

const APP_ID = '7d3c1b2a-9e8f-4a6b-8c5d-0e1f2a3b4c5d';

interface Manifest {
  $schema: string;
  manifestVersion: string;
  bots: { commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
}

/**
 * The official schema of this manifest version, from the copy bundled in @microsoft/app-manifest: the test never
 * goes online, and a version the package does not ship fails here instead of being skipped.
 */
async function bundledSchema(version: string): Promise<object> {
  const pkg = path.dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'));
  const text = await readFile(path.join(pkg, 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json'), 'utf8');
  // The package applies the same fix when it loads a schema: one pattern holds "\a", which is not valid in a RegExp.
  return JSON.parse(text.replace(/\\a/g, '\\x07')) as object;
}

async function schemaErrors(manifest: Manifest): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(manifest as never, await bundledSchema(manifest.manifestVersion) as never);
}

/** Words and <placeholders> of a usage line, without the brackets, commas and ellipses that only group them. */
const tokensOf = (usage: string): string[] => usage.match(/<[^>]+>|[^\s[\]|,.<>]+(?:<[^>]+>)?/g) ?? [];

/** True when every token of the hint appears in the usage, in the same order. */
function followsUsage(hint: string, usage: string): boolean {
  const wanted = tokensOf(hint);
  const have = tokensOf(usage);
  let at = 0;
  for (const token of have) if (token === wanted[at]) at++;
  return at === wanted.length;
}

describe('Teams app manifest', () => {
  let manifest: Manifest;
  before(async () => {
    manifest = JSON.parse(fillManifest(await readFile(path.join(ROOT, 'manifest', 'manifest.json'), 'utf8'), { MicrosoftAppId: APP_ID })) as Manifest;
  });

  it('names its schema by the official URL of its own version, without a locale segment', () => {
    assert.equal(manifest.$schema, `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it('manifest/manifest.json passes the official schema of its version', async () => {
    assert.deepEqual(await schemaErrors(manifest), []);
  });

  it('the built app package\'s manifest passes the official schema too', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-manifest-'));
    try {
      const outFile = path.join(dir, 'appPackage.zip');
      await buildAppPackage({ env: { MicrosoftAppId: APP_ID }, outFile });
      const files = unzipSync(await readFile(outFile));
      const packed = JSON.parse(Buffer.from(files['manifest.json'] as Uint8Array).toString('utf8')) as Manifest;
      assert.deepEqual(await schemaErrors(packed), []);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the schema check catches a broken manifest (so a pass means something)', async () => {
    const broken = { ...manifest, id: 'not-a-guid' } as Manifest & { developer?: unknown };
    delete broken.developer;
    const errors = await schemaErrors(broken);
    assert.ok(errors.some((e) => e.includes('/id')), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('developer')), errors.join('\n'));
  });

  it('every command in the manifest is a command of the bot, and its hint follows the command\'s usage', () => {
    const byName = new Map(commands.map((c) => [c.name, c]));
    for (const list of manifest.bots[0]?.commandLists ?? []) {
      for (const { title, description } of list.commands) {
        const command = byName.get(title);
        assert.ok(command, `manifest command "${title}" is not a bot command`);
        // A hint is the text before ": " when it starts with the command's words, e.g. "use <customer>: ...".
        const colon = description.indexOf(': ');
        const hint = colon > 0 ? description.slice(0, colon) : '';
        if (!hint.startsWith(title)) continue;
        assert.ok(followsUsage(hint, command.usage), `manifest hint "${hint}" does not follow the usage "${command.usage}"`);
      }
    }
  });

  it('the hint check refuses a hint with words the grammar does not know', () => {
    assert.equal(followsUsage('create user <first> <last> [license <SKU>]', 'create user [<first> <last> [as <upn>] [with <SKU>[, <SKU>...]] [because <reason>]]'), false);
    assert.equal(followsUsage('create user <first> <last> [as <upn>] [with <SKU>]', 'create user [<first> <last> [as <upn>] [with <SKU>[, <SKU>...]] [because <reason>]]'), true);
    assert.equal(followsUsage('user <upn>', 'user <upn or name>'), false);
  });
});

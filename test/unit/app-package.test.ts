import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { PackageError, ROOT, buildAppPackage, fillManifest } from '../../scripts/package.js';
import { colorIcon, outlineIcon } from '../../scripts/make-icons.js';
import { decodePng } from '../../scripts/png.js';

const APP_ID = '7d3c1b2a-9e8f-4a6b-8c5d-0e1f2a3b4c5d';

interface Manifest {
  manifestVersion: string;
  icons: { color: string; outline: string };
  bots: { botId: string; scopes: string[]; supportsFiles: boolean; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
}

describe('Teams app package', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-package-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('zips manifest.json with the bot id filled in and both icons, at the root', async () => {
    const outFile = path.join(dir, 'appPackage.zip');
    await buildAppPackage({ env: { MicrosoftAppId: APP_ID }, outFile });
    const files = unzipSync(await readFile(outFile));
    assert.deepEqual(Object.keys(files).sort(), ['color.png', 'manifest.json', 'outline.png']);
    const text = Buffer.from(files['manifest.json'] as Uint8Array).toString('utf8');
    assert.doesNotMatch(text, /\$\{\{/);
    const manifest = JSON.parse(text) as Manifest;
    const bot = manifest.bots[0];
    assert.equal(bot?.botId, APP_ID);
    assert.deepEqual(bot?.scopes, ['personal', 'team', 'groupChat']);
    assert.equal(bot?.supportsFiles, true);
    const color = decodePng(Buffer.from(files[manifest.icons.color] as Uint8Array));
    assert.deepEqual([color.width, color.height], [192, 192]);
    const outline = decodePng(Buffer.from(files[manifest.icons.outline] as Uint8Array));
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    const alphas = [...outline.rgba].filter((_, i) => i % 4 === 3);
    assert.ok(alphas.some((a) => a === 0), 'the outline icon has transparent pixels');
    assert.ok(alphas.some((a) => a === 255), 'the outline icon has opaque pixels');
  });

  it('lists at most 10 commands per command list and covers every scope', async () => {
    const manifest = JSON.parse(await readFile(path.join(ROOT, 'manifest', 'manifest.json'), 'utf8')) as Manifest;
    const lists = manifest.bots[0]?.commandLists ?? [];
    for (const list of lists) assert.ok(list.commands.length <= 10, `${list.scopes.join(',')} has ${list.commands.length} commands`);
    assert.deepEqual(lists.flatMap((l) => l.scopes).sort(), ['groupChat', 'personal', 'team']);
    assert.ok(lists.every((l) => l.commands.some((c) => c.title === 'help')));
  });

  it('refuses a missing or malformed MicrosoftAppId with a message naming it', () => {
    const template = '{"botId":"${{MicrosoftAppId}}"}';
    assert.throws(() => fillManifest(template, {}), (e: Error) => e instanceof PackageError && /MicrosoftAppId is not set/.test(e.message));
    assert.throws(() => fillManifest(template, { MicrosoftAppId: 'my-bot' }), (e: Error) => e instanceof PackageError && /must be a GUID/.test(e.message));
    assert.throws(() => fillManifest('{"a":"${{OTHER}}"}', { MicrosoftAppId: APP_ID }), /OTHER/);
    assert.equal(fillManifest(template, { MicrosoftAppId: ` ${APP_ID} ` }), `{"botId":"${APP_ID}"}`);
  });

  it('commits the icons the script draws', async () => {
    // Pixels, not bytes: another zlib may compress the same image differently.
    const pixels = (png: Buffer) => decodePng(png).rgba;
    assert.ok(pixels(await readFile(path.join(ROOT, 'manifest', 'color.png'))).equals(pixels(colorIcon())));
    assert.ok(pixels(await readFile(path.join(ROOT, 'manifest', 'outline.png'))).equals(pixels(outlineIcon())));
  });
});

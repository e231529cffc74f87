/**
 * `npm run package`: writes build/appPackage.zip (manifest.json with placeholders filled in, plus the icons),
 * ready to upload to Teams. The bot id comes from MicrosoftAppId in the environment or .env.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

export class PackageError extends Error {}

export interface PackageOptions {
  env: Record<string, string | undefined>;
  manifestDir?: string;
  outFile?: string;
}

/** Fills every ${{NAME}} from env; the bot id must be the bot registration's GUID. */
export function fillManifest(template: string, env: Record<string, string | undefined>): string {
  const appId = env.MicrosoftAppId?.trim();
  if (!appId) throw new PackageError('MicrosoftAppId is not set: put the Azure Bot registration\'s Microsoft App ID in .env or the environment.');
  if (!GUID.test(appId)) throw new PackageError('MicrosoftAppId must be a GUID (the Azure Bot registration\'s Microsoft App ID).');
  const missing = new Set<string>();
  const filled = template.replace(PLACEHOLDER, (_all, name: string) => {
    const value = name === 'MicrosoftAppId' ? appId : env[name]?.trim();
    if (!value) missing.add(name);
    return value ? JSON.stringify(value).slice(1, -1) : '';
  });
  if (missing.size > 0) throw new PackageError(`manifest placeholders without a value: ${[...missing].join(', ')}`);
  return filled;
}

export async function buildAppPackage(options: PackageOptions): Promise<{ file: string; entries: string[] }> {
  const manifestDir = options.manifestDir ?? path.join(ROOT, 'manifest');
  const outFile = options.outFile ?? path.join(ROOT, 'build', 'appPackage.zip');
  const manifestText = fillManifest(await readFile(path.join(manifestDir, 'manifest.json'), 'utf8'), options.env);
  const manifest = JSON.parse(manifestText) as { icons: { color: string; outline: string } };
  const files: Record<string, Uint8Array> = { 'manifest.json': Buffer.from(manifestText, 'utf8') };
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    if (icon.includes('/') || icon.includes('\\')) throw new PackageError(`icon ${icon} must sit next to manifest.json`);
    files[icon] = await readFile(path.join(manifestDir, icon));
  }
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, zipSync(files, { level: 9 }));
  return { file: outFile, entries: Object.keys(files) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await import('dotenv/config');
  try {
    const { file, entries } = await buildAppPackage({ env: process.env });
    console.log(`wrote ${path.relative(process.cwd(), file)} (${entries.join(', ')}); upload it in Teams: Apps > Manage your apps > Upload an app.`);
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    console.error(`package: ${error.message}`);
    process.exit(1);
  }
}

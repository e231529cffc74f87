import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BotHarness } from '../helpers/bot-harness.js';

/** Every file under the bot's DATA_DIR, byte for byte, after pending writes are flushed. */
export async function dataSnapshot(bot: BotHarness): Promise<Map<string, Buffer>> {
  await bot.idle();
  await bot.directory.idle();
  const files = new Map<string, Buffer>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.set(path.relative(bot.dataDir, full), await readFile(full));
    }
  };
  await walk(bot.dataDir);
  return files;
}

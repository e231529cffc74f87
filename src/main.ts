import 'dotenv/config';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './log.js';
import { systemClock } from './service/clock.js';
import { openEmbeddedDirectory } from './service/embedded/seed.js';
import { isServiceError } from './service/errors.js';
import { startRuntime } from './bot/runtime.js';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.lines) console.error(`config: ${line}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const log = createLogger(config.LOG_LEVEL);
  if (config.DIRECTORY === 'graph') {
    console.error('config: DIRECTORY=graph is not available in this build yet; use DIRECTORY=embedded.');
    process.exit(2);
  }
  const { directory, seeded } = await openEmbeddedDirectory(config.DATA_DIR, systemClock);
  if (seeded) log.info({ dataDir: config.DATA_DIR }, 'wrote demo customers Contoso and Fabrikam');
  const runtime = await startRuntime({ config, log, clock: systemClock, service: directory });
  const stop = async () => {
    await runtime.close();
    await directory.idle();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  // A corrupt data file stops the bot with a message naming the file; nothing is overwritten.
  console.error(isServiceError(error) ? `license-desk: ${error.message}` : error);
  process.exit(1);
});

import 'dotenv/config';
import { ConfigError, graphSettings, loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { systemClock } from './domain/clock.js';
import { openEmbeddedDirectory } from './adapters/directory/embedded/seed.js';
import { isServiceError } from './domain/errors.js';
import { createGraphDirectory } from './adapters/directory/graph/index.js';
import { CustomersFileError } from './adapters/directory/graph/customers-file.js';
import type { UserLicenseService } from './ports/directory.js';
import { startRuntime } from './bot/runtime.js';
import { prepareDataDir } from './adapters/files/data-dir.js';
import { openFileState } from './adapters/state/file/index.js';
import { openPostgresState } from './adapters/state/postgres/index.js';
import type { StateStore } from './ports/state/index.js';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.lines) console.error(`config: ${line}`);
    process.exit(2);
  }
}

interface Directory {
  service: UserLicenseService;
  /** For the start-up line: which directory this is and where its data comes from. */
  description: string;
  /** Waits for pending durable writes before exit. */
  idle(): Promise<void>;
}

async function openDirectory(config: Config, log: Logger, state: StateStore): Promise<Directory> {
  if (config.DIRECTORY === 'graph') {
    const service = await createGraphDirectory(graphSettings(config), { clock: systemClock, deletionRecords: state.deletionRecords, logger: log.child({ component: 'graph' }) });
    const customers = await service.listCustomers();
    log.info({ customers: customers.length, file: config.CUSTOMERS_FILE }, 'using Microsoft Graph');
    return { service, description: `Microsoft Graph (${customers.length} customers from ${config.CUSTOMERS_FILE})`, idle: async () => undefined };
  }
  const { directory, seeded } = await openEmbeddedDirectory(config.DATA_DIR, systemClock);
  if (seeded) log.info({ dataDir: config.DATA_DIR }, 'wrote demo customers Contoso and Fabrikam');
  return { service: directory, description: `embedded store in ${config.DATA_DIR}`, idle: () => directory.idle() };
}

/** The bot's own state: PostgreSQL with DATABASE_URL (any number of instances), else the files in DATA_DIR. */
async function openState(config: Config, log: Logger): Promise<StateStore> {
  if (!config.DATABASE_URL) {
    log.info({ dataDir: config.DATA_DIR }, 'state store: files in DATA_DIR (one instance)');
    return openFileState(config.DATA_DIR, { clock: systemClock, log });
  }
  const state = await openPostgresState(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS, log });
  log.info({ host: new URL(config.DATABASE_URL).host }, 'state store: PostgreSQL');
  return state;
}

async function main(): Promise<void> {
  const config = configOrExit();
  const log = createLogger(config.LOG_LEVEL);
  // Before anything reads or seeds: a read-only DATA_DIR stops here with one line naming it.
  const prepared = await prepareDataDir(config.DATA_DIR);
  if (prepared.removedTempFiles.length) log.warn({ files: prepared.removedTempFiles }, 'removed temp files an earlier write left behind');
  const state = await openState(config, log);
  const directory = await openDirectory(config, log, state);
  const runtime = await startRuntime({ config, log, clock: systemClock, service: directory.service, directoryDescription: directory.description, state });
  const stop = async () => {
    await runtime.close();
    await directory.idle();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  // Start-up problems the operator can fix (a corrupt data file, a bad customers file) get one clear line;
  // nothing is overwritten.
  if (isServiceError(error)) console.error(`license-desk: ${error.message}`);
  else if (error instanceof CustomersFileError) console.error(`config: CUSTOMERS_FILE: ${error.message}`);
  else console.error(error);
  process.exit(1);
});

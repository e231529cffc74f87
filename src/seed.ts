import 'dotenv/config';
import { loadConfig } from './config.js';
import { systemClock } from './domain/clock.js';
import { openEmbeddedDirectory } from './adapters/directory/embedded/seed.js';

const reset = process.argv.includes('--reset');
const config = loadConfig();
const { directory, seeded } = await openEmbeddedDirectory(config.DATA_DIR, systemClock, { reset });
await directory.idle();
console.log(seeded ? `Demo data written to ${config.DATA_DIR}.` : `${config.DATA_DIR} already has customers; use --reset to rebuild the demo data.`);

/**
 * A second bot instance in its own process, for the multi-process PostgreSQL tests: opens the state at argv[2]
 * (migrating it, as the bot does at start), then consumes confirmation argv[3] and claims what is due, and prints the
 * outcome as one JSON line.
 */
import { openPostgresState } from '../../src/adapters/state/postgres/index.js';

const [url, confirmationId] = process.argv.slice(2) as [string, string];
const store = await openPostgresState(url, { poolSize: 4 });
const now = new Date('2030-01-01T10:00:01.000Z');
const consumed = await Promise.all(Array.from({ length: 5 }, () => store.confirmations.consume(confirmationId, { tenantId: 'T1', aadObjectId: 'A1' }, 'user.delete', now)));
const claimed = (await Promise.all(Array.from({ length: 5 }, () => store.schedule.claimDue(now, new Date(now.getTime() + 60_000), 3)))).flat();
console.log(JSON.stringify({ ok: consumed.filter((c) => c.ok).length, claimed: claimed.map((c) => c.key) }));
await store.close();

import type { Server } from 'restify';
import type { AddressInfo } from 'node:net';
import { homeTenantOf, type Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Clock } from '../domain/clock.js';
import type { UserLicenseService } from '../ports/directory.js';
import { AuditLog } from '../core/audit.js';
import { Confirmations } from '../core/confirm/confirmations.js';
import { Operators } from '../core/operators.js';
import { Owners } from '../core/owners.js';
import { Router } from '../core/router.js';
import { PasswordHides } from '../core/password-hides.js';
import { Approvals } from '../core/approvals/approvals.js';
import { expireApprovals } from '../core/approvals/approval-delivery.js';
import { PURGE_INTERVAL_MS, PurgeSweeper } from '../core/purge-sweeper.js';
import { Scheduler } from '../core/scheduler.js';
import { scheduleSweep, SWEEP_APPROVALS, SWEEP_PURGE } from '../core/sweeps.js';
import { SlidingWindowLimiter } from '../core/rate-limit.js';
import type { AppServices } from '../core/handler-context.js';
import { commands } from '../features/commands.js';
import { actions } from '../features/actions.js';
import { createAdapter, type CredentialsFactory } from './adapter.js';
import { admitEnvelope } from './inbound.js';
import { TenantGate } from './tenant-gate.js';
import { BotOutbox } from './outbox.js';
import { LicenseDeskBot } from './license-desk-bot.js';
import { createServer, type HttpLimits } from './server.js';
import { prepareDataDir } from '../adapters/files/data-dir.js';
import { openFileState } from '../adapters/state/file/index.js';
import { onStorageFailure } from '../adapters/files/durable-file.js';
import type { StateStore } from '../ports/state/index.js';

export interface RuntimeDeps {
  config: Config;
  log: Logger;
  clock: Clock;
  service: UserLicenseService;
  /** Which directory `service` is, for the start-up line (e.g. "embedded store in ./data"). */
  directoryDescription?: string;
  /** Outbound credentials; by default from MicrosoftAppId/Password (tests sign with a local key instead). */
  credentialsFactory?: CredentialsFactory;
  /** Shorter HTTP timeouts for tests (see HTTP_LIMITS). */
  httpLimits?: Partial<HttpLimits>;
  /** The bot's own state (main.ts opens the file store or PostgreSQL); the file store on DATA_DIR when not given. */
  state?: StateStore;
}

export interface Runtime {
  app: AppServices;
  server: Server;
  url: string;
  purgeSweeper: PurgeSweeper;
  close(): Promise<void>;
}

/** Wires state, router, adapter and HTTP server; listens on config.PORT (0 = any free port). */
export async function startRuntime({ config, log, clock, service, directoryDescription, credentialsFactory, httpLimits, state: given }: RuntimeDeps): Promise<Runtime> {
  const prepared = await prepareDataDir(config.DATA_DIR);
  if (prepared.removedTempFiles.length) log.warn({ files: prepared.removedTempFiles }, 'removed temp files an earlier write left behind');
  if (prepared.full) log.error({ dataDir: config.DATA_DIR }, "the data disk is full: changes fail until space is freed");
  const state = given ?? (await openFileState(config.DATA_DIR, { clock, log }));
  const audit = new AuditLog(state.audit, clock);
  const stopLoggingFailures = onStorageFailure(({ file, code }) => log.error({ file, code }, code === 'ENOSPC' || code === 'EDQUOT' ? 'data disk full: a change was not stored' : 'a durable write failed'));
  const openAccess = !config.MicrosoftAppId && config.BOT_OWNERS.length === 0 && config.NODE_ENV !== 'production';
  if (!config.MicrosoftAppId) log.warn('MicrosoftAppId is not set: the bot accepts unauthenticated requests (local use only).');
  if (openAccess) log.warn('BOT_OWNERS is not set: every caller without a granted role acts as a global admin (local use only).');
  const owners = new Owners(config.BOT_OWNERS, homeTenantOf(config), state.operators, log, clock);
  await owners.load();
  owners.logBindings();
  const adapter = createAdapter(config, log, credentialsFactory);
  const outbox = new BotOutbox(adapter, config.MicrosoftAppId ?? '', state.conversations, log);
  const scheduler = new Scheduler(state.schedule, clock, log);
  const app: AppServices = {
    config,
    log,
    clock,
    service,
    state,
    operators: new Operators(state.operators, owners, openAccess),
    confirmations: new Confirmations(state.confirmations, clock, config.CONFIRMATION_TTL_MINUTES),
    audit,
    outbox,
    passwordHides: new PasswordHides(state.schedule, scheduler, outbox, clock, config.PASSWORD_VISIBLE_MINUTES),
    approvals: new Approvals(state.approvals, clock, config.APPROVAL_TTL_HOURS),
    rateLimits: { mutations: new SlidingWindowLimiter(state.rateLimits, config.MUTATIONS_PER_MINUTE, 60_000, clock) },
  };
  const router = new Router(app, commands, actions);
  const bot = new LicenseDeskBot(app, router, outbox, TenantGate.fromConfig(config, log));
  const stateReady = { name: 'data disk', check: () => state.health() };
  const server = createServer({ adapter, log, logic: (context) => bot.run(context), admit: admitEnvelope(config), readiness: [stateReady], limits: httpLimits });
  await new Promise<void>((resolve) => server.listen(config.PORT, '0.0.0.0', resolve));
  const { port } = server.address() as AddressInfo;
  log.info({ port }, 'license-desk listening');
  logWhereToTalk(log, port, directoryDescription ?? 'embedded store', config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `files in ${config.DATA_DIR}`);
  // Cards of requests nobody decided in time show "expired" without anyone pressing a button.
  // A full disk does not stop start-up (reads work, /healthz says 503): a sweep that cannot be scheduled is logged.
  const notScheduled = (e: unknown) => log.error({ err: e instanceof Error ? e.message : String(e) }, 'a periodic sweep could not be scheduled');
  await scheduleSweep(state.schedule, scheduler, clock, SWEEP_APPROVALS, 5 * 60_000, () => expireApprovals(app)).catch(notScheduled);
  const purgeSweeper = new PurgeSweeper(service, audit, clock, log);
  await scheduleSweep(state.schedule, scheduler, clock, SWEEP_PURGE, PURGE_INTERVAL_MS, () => purgeSweeper.runOnce()).catch(notScheduled);
  await scheduler.start();
  // Counts of refusals (AuditLog.append) are written once their minute is over.
  const auditTimer = setInterval(() => void audit.flushDue().catch((e: unknown) => log.warn({ err: e instanceof Error ? e.message : String(e) }, 'writing refusal counts failed')), 10_000);
  auditTimer.unref();
  return {
    app,
    server,
    url: `http://127.0.0.1:${port}`,
    purgeSweeper,
    async close() {
      await scheduler.stop();
      await purgeSweeper.idle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearInterval(auditTimer);
      await audit.close().catch((e: unknown) => log.warn({ err: e instanceof Error ? e.message : String(e) }, 'writing refusal counts failed'));
      await state.close();
      stopLoggingFailures();
    },
  };
}

/** The one line a newcomer needs: where to talk to the bot, and what it works on. Written before any request. */
function logWhereToTalk(log: Logger, port: number, directory: string, state: string): void {
  const endpoint = `http://localhost:${port}/api/messages`;
  log.info({ endpoint, directory, state }, `talk to the bot at ${endpoint} (Bot Framework Emulator, or Teams through a tunnel); directory: ${directory}; bot state: ${state}`);
}

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startRuntime, type Runtime } from '../../src/bot/runtime.js';
import type { CredentialsFactory } from '../../src/bot/adapter.js';
import type { HttpLimits } from '../../src/bot/server.js';
import { openEmbeddedDirectory } from '../../src/adapters/directory/embedded/seed.js';
import type { EmbeddedDirectory } from '../../src/adapters/directory/embedded/embedded-directory.js';
import type { Role } from '../../src/core/permissions.js';
import { cardOf } from './cards.js';
import { FakeConnector, type ConnectorCall } from './fake-connector.js';
import type { UserLicenseService } from '../../src/ports/directory.js';
import { TestClock } from './test-clock.js';

export const TENANT = '11111111-2222-4333-8444-555555555555';
export const BOT_ID = '28:license-desk-bot';

export interface Persona {
  name: string;
  aadObjectId: string;
  tenantId: string;
}

export const persona = (name: string, aadObjectId: string = randomUUID(), tenantId = TENANT): Persona => ({ name, aadObjectId, tenantId });

/** The bot owner (BOT_OWNERS) in every harness: a global admin for every customer. */
export const OWNER = persona('Olivia Owner', '0a0a0a0a-0000-4000-8000-000000000001');

export type Card = Record<string, unknown>;

export interface Where {
  /** Post in a team channel instead of the persona's personal chat. */
  channel?: boolean;
  conversationId?: string;
  /** For a button press: the id of the message holding the card (Teams sends it as replyToId). */
  replyToId?: string;
}

export interface SayResult {
  status: number;
  /** Cards the bot sent in reply to this message, in order. */
  cards: Card[];
  /** Every connector call made while the message was handled (replies, proactive messages, updates). */
  calls: ConnectorCall[];
}

export interface ClickResult {
  status: number;
  body: { statusCode: number; type: string; value: Record<string, unknown> } | undefined;
  /** The card that replaces the clicked one (statusCode 200). */
  card: Card | undefined;
  calls: ConnectorCall[];
}

export interface HarnessOptions {
  env?: Record<string, string>;
  clock?: TestClock;
  dataDir?: string;
  /** Outbound credentials for the adapter (see test/security: signs with a local test token). */
  credentialsFactory?: CredentialsFactory;
  /** The Authorization header for each request the harness posts (when the test does not pass its own). */
  authorization?: (activity: Record<string, unknown>) => Promise<string>;
  /** Shorter HTTP timeouts (see HTTP_LIMITS in src/bot/server.ts). */
  httpLimits?: Partial<HttpLimits>;
  /** The directory the bot talks to instead of the embedded store (e.g. the Graph adapter against a fake Graph). */
  service?: UserLicenseService;
}

/** The real server on a random port, the embedded store with demo data in a temp dir, and a fake connector. */
export class BotHarness {
  runtime!: Runtime;
  directory!: EmbeddedDirectory;
  readonly connector = new FakeConnector();
  readonly logs: string[] = [];
  readonly clock: TestClock;
  dataDir = '';
  private counter = 0;

  private constructor(private readonly options: HarnessOptions) {
    this.clock = options.clock ?? new TestClock();
  }

  static async start(options: HarnessOptions = {}): Promise<BotHarness> {
    const harness = new BotHarness(options);
    await harness.connector.start();
    harness.dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'license-desk-test-')));
    await harness.boot();
    return harness;
  }

  private async boot(): Promise<void> {
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: this.dataDir, LOG_LEVEL: 'debug', BOT_OWNERS: OWNER.aadObjectId, ...this.downloadHosts(), ...this.options.env });
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        this.logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        callback();
      },
    });
    const log = createLogger(config.LOG_LEVEL, sink);
    const { directory } = await openEmbeddedDirectory(this.dataDir, this.clock);
    this.directory = directory;
    this.runtime = await startRuntime({ config, log, clock: this.clock, service: this.options.service ?? directory, credentialsFactory: this.options.credentialsFactory, httpLimits: this.options.httpLimits });
  }

  /** The fake connector stands in for SharePoint, where Teams keeps attached files: imports may download from it. */
  private downloadHosts(): Record<string, string> {
    return { IMPORT_DOWNLOAD_HOSTS: new URL(this.connector.url).host };
  }

  /** Stops the bot and starts it again on the same data (what a crash or deploy does). */
  async restart(): Promise<void> {
    await this.runtime.close();
    await this.directory.idle();
    await this.boot();
  }

  async stop(): Promise<void> {
    await this.runtime.close();
    await this.directory.idle();
    await this.connector.stop();
    if (!this.options.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  async grant(who: Persona, role: Role, customers: string[] | null = null): Promise<void> {
    await this.runtime.app.state.operators.addGrant({ tenantId: who.tenantId, aadObjectId: who.aadObjectId, role, customers, grantedBy: OWNER.aadObjectId, grantedAt: this.clock.now().toISOString() });
  }

  /** Waits for the file state's writes in flight (every port call awaits its own write; this covers background work). */
  async idle(): Promise<void> {
    await (this.runtime.app.state as Partial<{ idle(): Promise<void> }>).idle?.();
  }

  conversationId(who: Persona, where: Where = {}): string {
    return where.conversationId ?? (where.channel ? '19:general@thread.tacv2' : `a:personal-${who.aadObjectId}`);
  }

  activity(who: Persona, where: Where, fields: Record<string, unknown>): Record<string, unknown> {
    const channel = where.channel ?? false;
    return {
      id: `act-${++this.counter}-${randomUUID().slice(0, 8)}`,
      timestamp: new Date().toISOString(),
      serviceUrl: this.connector.url,
      channelId: 'msteams',
      from: { id: `29:${who.aadObjectId}`, name: who.name, aadObjectId: who.aadObjectId },
      recipient: { id: BOT_ID, name: 'license-desk' },
      conversation: { id: this.conversationId(who, where), conversationType: channel ? 'channel' : 'personal', tenantId: who.tenantId, isGroup: channel || undefined },
      channelData: { tenant: { id: who.tenantId }, ...(channel ? { team: { id: '19:team@thread.tacv2' }, channel: { id: '19:general@thread.tacv2' } } : {}) },
      locale: 'en-US',
      ...(where.replyToId ? { replyToId: where.replyToId } : {}),
      ...fields,
    };
  }

  async post(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
    if (this.options.authorization && !('authorization' in headers)) headers = { ...headers, authorization: await this.options.authorization(activity) };
    const response = await fetch(`${this.runtime.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** Sends a chat message; in a channel it starts with the bot's @mention, as Teams sends it. */
  async say(who: Persona, text: string, where: Where = {}): Promise<SayResult> {
    const before = this.connector.calls.length;
    const mention = where.channel ? { text: `<at>license-desk</at> ${text}`, entities: [{ type: 'mention', text: '<at>license-desk</at>', mentioned: { id: BOT_ID, name: 'license-desk' } }] } : { text };
    const activity = this.activity(who, where, { type: 'message', ...mention });
    const { status } = await this.post(activity);
    const calls = this.connector.calls.slice(before);
    const cards = calls.filter((c) => c.activity.replyToId === activity.id).map((c) => cardOf(c.activity)).filter((c): c is Card => Boolean(c));
    return { status, cards, calls };
  }

  /** Presses an Action.Execute button the way Teams does: an adaptiveCard/action invoke. */
  async click(who: Persona, verb: unknown, data: unknown = {}, where: Where = {}): Promise<ClickResult> {
    const before = this.connector.calls.length;
    const activity = this.activity(who, where, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
    const { status, body } = await this.post(activity);
    const invoke = body as ClickResult['body'];
    return { status, body: invoke, card: invoke?.statusCode === 200 ? (invoke.value as Card) : undefined, calls: this.connector.calls.slice(before) };
  }
}

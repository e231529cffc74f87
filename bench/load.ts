import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { BenchConnector } from './connector.js';

export interface Persona {
  name: string;
  aadObjectId: string;
  tenantId: string;
}

export interface LoadResult {
  activities: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** Teams-shaped personal-chat messages, POSTed with keep-alive so the generator measures the bot, not TCP set-up. */
export class ChatClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private counter = 0;

  constructor(
    private readonly botUrl: string,
    private readonly connector: BenchConnector,
  ) {}

  /** Sends one message and resolves with the milliseconds from the POST to the reply reaching the connector. */
  async say(who: Persona, text: string): Promise<number> {
    return (await this.exchange(who, text)).ms;
  }

  /** Like say(), and also the reply activity (when the connector keeps bodies). */
  async ask(who: Persona, text: string): Promise<{ ms: number; reply: unknown }> {
    const { id, ms } = await this.exchange(who, text);
    return { ms, reply: this.connector.bodyOf(id) };
  }

  private async exchange(who: Persona, text: string): Promise<{ id: string; ms: number }> {
    const id = `bench-${++this.counter}`;
    const activity = {
      type: 'message',
      id,
      timestamp: new Date().toISOString(),
      serviceUrl: this.connector.url,
      channelId: 'msteams',
      from: { id: `29:${who.aadObjectId}`, name: who.name, aadObjectId: who.aadObjectId },
      recipient: { id: '28:license-desk-bot', name: 'license-desk' },
      conversation: { id: `a:personal-${who.aadObjectId}`, conversationType: 'personal', tenantId: who.tenantId },
      channelData: { tenant: { id: who.tenantId } },
      locale: 'en-US',
      text,
    };
    const started = performance.now();
    const reply = this.connector.replyTo(id);
    const status = await this.post(JSON.stringify(activity));
    if (status >= 300) throw new Error(`bot answered ${status} to "${text}"`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no reply to "${text}" within 10 s`)), 10_000);
    });
    try {
      return { id, ms: (await Promise.race([reply, timeout])) - started };
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.agent.destroy();
  }

  private post(body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.botUrl}/api/messages`, { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

export interface Samples {
  latencies: number[];
  seconds: number;
  errors: number;
}

/**
 * Closed loop: every conversation sends its next message as soon as the reply to the previous one arrived,
 * so `personas.length` messages are in flight at all times.
 */
export async function runConversations(client: ChatClient, personas: readonly Persona[], messagesEach: number, textFor: (conversation: number, n: number) => string, offset = 0): Promise<Samples> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    personas.map(async (who, c) => {
      for (let n = offset; n < offset + messagesEach; n++) {
        try {
          latencies.push(await client.say(who, textFor(c, n)));
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000, errors };
}

/** Throughput and latency percentiles over one or more runs. */
export function summarize(runs: readonly Samples[]): LoadResult {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    activities: latencies.length,
    seconds: round(seconds),
    perSecond: Math.round(latencies.length / seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? NaN),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

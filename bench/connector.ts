import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * The lightest Bot Connector that keeps the bot honest: it answers every activity POST at once and tells the load
 * generator when the reply to a given activity arrived (replyToId), with the time it arrived.
 * Personal conversations are created on POST /v3/conversations like Teams does.
 */
export class BenchConnector {
  url = '';
  replies = 0;
  /** When set, the first reply to each activity is kept for bodyOf() (the mutation benchmark reads the cards). */
  keepBodies = false;
  private readonly bodies = new Map<string, unknown>();
  private server!: http.Server;
  private counter = 0;
  private readonly waiting = new Map<string, (at: number) => void>();
  /** Replies that arrived before anybody waited for them (the bot replies before its POST returns). */
  private readonly early = new Map<string, number>();

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves with performance.now() at the moment the first reply to activityId reached the connector. */
  replyTo(activityId: string): Promise<number> {
    const at = this.early.get(activityId);
    if (at !== undefined) {
      this.early.delete(activityId);
      return Promise.resolve(at);
    }
    return new Promise((resolve) => this.waiting.set(activityId, resolve));
  }

  /** The first reply to activityId (only with keepBodies), removed once read. */
  bodyOf(activityId: string): unknown {
    const body = this.bodies.get(activityId);
    this.bodies.delete(activityId);
    return body;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method === 'POST' && path === '/v3/conversations') return this.json(res, 201, { id: `personal-${++this.counter}`, activityId: `a${this.counter}` });
      if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(path)) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { replyToId?: string };
        this.replies++;
        if (body.replyToId && this.keepBodies && !this.bodies.has(body.replyToId)) this.bodies.set(body.replyToId, body);
        if (body.replyToId) this.arrived(body.replyToId, at);
        return this.json(res, 200, { id: `a${++this.counter}` });
      }
      if (req.method === 'PUT') return this.json(res, 200, { id: `a${++this.counter}` });
      this.json(res, 404, { error: { code: 'NotFound', message: path } });
    });
  }

  private arrived(replyToId: string, at: number): void {
    const resolve = this.waiting.get(replyToId);
    if (resolve) {
      this.waiting.delete(replyToId);
      resolve(at);
    } else if (!this.early.has(replyToId)) this.early.set(replyToId, at);
  }

  private json(res: http.ServerResponse, status: number, value: unknown): void {
    const body = JSON.stringify(value);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }
}

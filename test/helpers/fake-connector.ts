import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string;
  /** The activity sent or updated. */
  activity: Record<string, unknown>;
}

export interface CreatedConversation {
  id: string;
  members: { id: string }[];
}

/**
 * A Bot Connector on loopback: records what the bot sends, updates and creates, and serves files for downloads.
 * Everything the bot says to Teams is in `calls`.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  readonly conversationsCreated: CreatedConversation[] = [];
  /** Members for whom creating a personal chat fails (the bot cannot reach them). */
  readonly unreachable = new Set<string>();
  private readonly files = new Map<string, { body: Buffer; contentType: string }>();
  /** Files the bot uploaded (file consent flow), by upload name, with the Content-Range it sent. */
  readonly uploads = new Map<string, { body: Buffer; contentRange: string | undefined }>();
  private server!: http.Server;
  url = '';
  private counter = 0;
  private waiters: (() => void)[] = [];

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Serves a file at url + 'files/' + name (for Teams file download URLs). */
  serveFile(name: string, body: string | Buffer, contentType = 'text/csv'): string {
    this.files.set(`/files/${name}`, { body: Buffer.isBuffer(body) ? body : Buffer.from(body), contentType });
    return `${this.url}files/${name}`;
  }

  /** An upload URL like the OneDrive one Teams puts in uploadInfo; PUTs to it are kept in `uploads`. */
  uploadUrl(name: string): string {
    return `${this.url}uploads/${encodeURIComponent(name)}`;
  }

  /** Resolves when predicate holds for the calls recorded so far. */
  async waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the bot to send something');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    const file = this.files.get(path);
    if (req.method === 'GET' && file) {
      res.writeHead(200, { 'content-type': file.contentType });
      res.end(file.body);
      return;
    }
    if (req.method === 'PUT' && path.startsWith('/uploads/')) {
      this.uploads.set(path.slice('/uploads/'.length), { body: Buffer.concat(chunks), contentRange: req.headers['content-range'] });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'drive-item' }));
      return;
    }
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
      for (const w of this.waiters.splice(0)) w();
    };
    if (req.method === 'POST' && path === '/v3/conversations') {
      const members = (body.members as { id: string }[] | undefined) ?? [];
      if (members.some((m) => this.unreachable.has(m.id))) return json(403, { error: { code: 'BotNotInConversationRoster', message: 'not reachable' } });
      const id = `personal:${members.map((m) => m.id).join(',')}`;
      this.conversationsCreated.push({ id, members });
      return json(201, { id, activityId: `a${++this.counter}` });
    }
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (!match) return json(404, { error: { code: 'NotFound', message: path } });
    const [, conversationId, activityId] = match;
    const id = req.method === 'PUT' ? (activityId as string) : `a${++this.counter}`;
    this.calls.push({ method: req.method ?? '', path, conversationId: conversationId as string, ...(activityId ? { activityId } : {}), activity: { ...body, id } });
    json(200, { id });
  }
}

// The card readers moved to cards.ts (one card walker); re-exported so tests written against this path still compile.
export { cardActions, cardOf, cardText } from './cards.js';

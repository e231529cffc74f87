import restify, { type Request, type Response, type Server } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from '../log.js';
import type { ReadinessCheck } from '../ports/readiness.js';

export const MAX_BODY_BYTES = 256 * 1024;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Request body too large',
  415: 'Unsupported media type',
  500: 'Internal error',
};

function fail(res: Response, status: number): void {
  res.status(status);
  res.json({ error: STATUS_TEXT[status] ?? 'Error' });
}

/** A response double for CloudAdapter.process, so the SDK's error text never reaches the client. */
function capture(): { status: number; body: unknown; res: Record<string, unknown> } {
  const out = { status: 200, body: undefined as unknown, res: {} as Record<string, unknown> };
  out.res = {
    status: (code: number) => {
      out.status = code;
    },
    send: (body: unknown) => {
      out.body = body;
    },
    end: () => undefined,
    header: () => undefined,
  };
  return out;
}

/**
 * The SDK answers 500 with its own message for tokens it rejects without AuthenticationError (forged signature,
 * HS256, future nbf, a failed claims check). Anything refused before the bot's logic ran is a refused request: 401.
 */
function rejectedStatus(status: number, logicRan: boolean, log: Logger): number {
  if (logicRan || status === 400) return status;
  log.info({ status }, 'request refused before the bot ran (authentication)');
  return 401;
}

export interface ServerDeps {
  adapter: CloudAdapter;
  log: Logger;
  logic: (context: TurnContext) => Promise<void>;
  /** Checked before the SDK sees the request (channel, service URL); false answers 401. */
  admit?: (req: Request) => Promise<boolean>;
  /** What GET /healthz checks (the data disk, later the database); 503 with the reasons while any fails. */
  readiness?: readonly ReadinessCheck[];
}

export function createServer({ adapter, log, logic, admit, readiness = [] }: ServerDeps): Server {
  const server = restify.createServer({ name: 'license-desk', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }));

  // Readiness: may this instance get traffic? Liveness (/livez): is the process alive at all (never restart it for a full disk).
  server.get('/healthz', async (_req: Request, res: Response) => {
    const failed = (await Promise.all(readiness.map((c) => c.check().catch(() => ({ ok: false as const, reason: `${c.name} check failed` }))))).flatMap((r) => (r.ok ? [] : [r.reason]));
    if (failed.length) res.status(503);
    res.json(failed.length ? { status: 'unavailable', reason: failed.join('; ') } : { status: 'ok' });
  });
  server.get('/livez', async (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    const type = (req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return fail(res, 415);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : String(req.body ?? ''));
    } catch {
      return fail(res, 400);
    }
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') return fail(res, 400);
    req.body = body;
    let logicRan = false;
    try {
      if (admit && !(await admit(req))) return fail(res, 401);
      const out = capture();
      await adapter.process(req as never, out.res as never, async (context) => {
        logicRan = true;
        await logic(context);
      });
      if (out.status >= 400) return fail(res, rejectedStatus(out.status, logicRan, log));
      res.status(out.status);
      if (out.body !== undefined) res.json(out.body);
      else res.end();
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error) }, 'request failed');
      fail(res, logicRan ? 500 : 401);
    }
  });

  // Errors raised by restify itself (404, 405, 413, ...) get the same terse body: no internal messages.
  server.on('restifyError', (_req: Request, _res: Response, err: { statusCode?: number; toJSON?: () => unknown; body?: unknown }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    err.toJSON = () => ({ error: STATUS_TEXT[status] ?? 'Error' });
    callback();
  });
  return server;
}

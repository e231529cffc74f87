import restify, { type Next, type Request, type Response, type Server } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from '../log.js';
import type { ReadinessCheck } from '../ports/readiness.js';

export const MAX_BODY_BYTES = 256 * 1024;

/** How long one client may hold a socket; Node's defaults let a trickled body hold it for 300 s. */
export interface HttpLimits {
  /** Headers and body must both have arrived within this (408, or the socket is closed). */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  /** Node checks the two limits above this often, so a slow client is cut off at most this much later. */
  checkIntervalMs: number;
  /** A socket with no traffic at all for this long is closed, whatever it is waiting for. */
  idleTimeoutMs: number;
}

/** A slow client loses its socket after at most 20 + 5 s (the bound is 30 s). */
export const HTTP_LIMITS: HttpLimits = { requestTimeoutMs: 20_000, headersTimeoutMs: 10_000, checkIntervalMs: 5_000, idleTimeoutMs: 60_000 };

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

/**
 * Teams never compresses what it posts, and restify's body reader inflates gzip without a limit and crashes the
 * process on a malformed stream. So any Content-Encoding but identity is refused before a byte of the body is read.
 */
function refuseEncodedBody(req: Request, res: Response, next: Next): void {
  const encoding = req.headers['content-encoding'];
  if (encoding === undefined) return next();
  if (encoding.split(',').every((e) => e.trim().toLowerCase() === 'identity')) {
    delete req.headers['content-encoding']; // the body reader would refuse "identity" only after reading it all
    return next();
  }
  fail(res, 415);
  next(false);
}

export interface ServerDeps {
  adapter: CloudAdapter;
  log: Logger;
  logic: (context: TurnContext) => Promise<void>;
  /** Checked before the SDK sees the request (channel, service URL); false answers 401. */
  admit?: (req: Request) => Promise<boolean>;
  /** What GET /healthz checks (the data disk, later the database); 503 with the reasons while any fails. */
  readiness?: readonly ReadinessCheck[];
  /** Shorter limits for tests; production uses HTTP_LIMITS. */
  limits?: Partial<HttpLimits>;
}

export function createServer({ adapter, log, logic, admit, readiness = [], limits }: ServerDeps): Server {
  const server = restify.createServer({ name: 'license-desk', handleUncaughtExceptions: false });
  const { requestTimeoutMs, headersTimeoutMs, checkIntervalMs, idleTimeoutMs } = { ...HTTP_LIMITS, ...limits };
  // Read by Node when the server starts listening, so they hold from the first connection.
  Object.assign(server.server, { requestTimeout: requestTimeoutMs, headersTimeout: headersTimeoutMs, connectionsCheckingInterval: checkIntervalMs, timeout: idleTimeoutMs });
  server.pre((req: Request, _res: Response, next: Next) => {
    // A reset socket or torn body is the client's problem: with a listener it can never become an uncaught error.
    req.on('error', (err: Error) => log.debug({ err: err.message }, 'request stream failed'));
    next();
  });
  server.pre(refuseEncodedBody);
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
    // The body reader goes on when the client hangs up mid-body: a torn request is never run, even if it parses.
    if (!req.complete) return fail(res, 400);
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

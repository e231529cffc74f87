import type { z } from 'zod';
import { ServiceError } from '../../../domain/errors.js';
import { batchResponseSchema, collectionSchema } from './wire.js';
import { classifyGraphFailure, failureReason, redact, toServiceError, type GraphFailureReason } from './graph-errors.js';
import { isTransientStatus, parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry-policy.js';
import type { TokenProvider } from './credentials.js';
import type { GraphLogger } from './logger.js';
import { settleWithConcurrency, type Settled } from './concurrency.js';

export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface GraphCall {
  method: GraphMethod;
  /** Relative to /v1.0 and starting with "/", built with the odata.ts helpers; or a nextLink from Graph. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Retry 404s this many times: the object was just created or restored and may not have replicated yet. */
  notFoundRetries?: number;
  /** Text sent in the body that must never be logged (passwords). */
  secrets?: readonly string[];
}

export type BatchItemResult =
  | { ok: true; status: number; body: unknown }
  | { ok: false; status: number; reason: GraphFailureReason; error: ServiceError };

export interface GraphClientOptions {
  /** https://graph.microsoft.com, without a trailing slash. */
  baseUrl: string;
  tokens: TokenProvider;
  fetch: typeof fetch;
  retry: RetryPolicy;
  logger: GraphLogger;
  timeoutMs?: number;
  /** $batch requests in flight at once per call. */
  batchConcurrency?: number;
}

/** Graph allows at most 20 requests in one $batch. */
export const BATCH_LIMIT = 20;
export const DEFAULT_PAGE_SIZE = 999;

/** A small fetch-based Graph v1.0 client: bearer token per tenant, JSON, retries, $batch, paging. */
export class GraphClient {
  /** HTTP requests sent (a $batch counts once); for benchmarks. */
  requests = 0;
  private readonly root: string;

  constructor(private readonly o: GraphClientOptions) {
    this.root = `${o.baseUrl}/v1.0`;
  }

  /** The absolute URL Graph wants in an @odata.id reference (members/$ref) for a directory object. */
  directoryObjectUrl(id: string): string {
    return `${this.root}/directoryObjects/${id}`;
  }

  /** One request with retries; throws ServiceError on failure. Returns the parsed JSON body (undefined if none). */
  async send(tenantId: string, call: GraphCall): Promise<unknown> {
    const { maxAttempts } = this.o.retry;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetchOnce(tenantId, call);
      } catch (error) {
        if (error instanceof ServiceError) throw error;
        // A lost connection may have applied a write, so only reads are repeated blindly.
        if (call.method === 'GET' && attempt < maxAttempts) {
          await this.o.retry.sleep(retryDelayMs(this.o.retry, attempt, null));
          continue;
        }
        this.o.logger.warn({ method: call.method, err: (error as Error).name }, 'Graph request failed without a response');
        throw new ServiceError('UPSTREAM', 'Microsoft Graph could not be reached.', { reason: 'other' });
      }
      const body = await readBody(response);
      if (response.ok) return body;
      const again = attempt < maxAttempts && (isTransientStatus(response.status) || (response.status === 404 && attempt <= (call.notFoundRetries ?? 0)));
      if (again) {
        const wait = retryDelayMs(this.o.retry, attempt, parseRetryAfter(response.headers.get('retry-after')));
        this.o.logger.debug({ method: call.method, status: response.status, attempt, wait }, 'Graph request will be retried');
        await this.o.retry.sleep(wait);
        continue;
      }
      throw this.failure(call, response.status, body, response.headers.get('request-id') ?? undefined);
    }
  }

  async get<T>(tenantId: string, path: string, schema: z.ZodType<T>, headers?: Record<string, string>, notFoundRetries?: number): Promise<T> {
    return this.parse(schema, await this.send(tenantId, { method: 'GET', path, ...(headers ? { headers } : {}), ...(notFoundRetries ? { notFoundRetries } : {}) }));
  }

  /** Every item of a collection, following @odata.nextLink (Graph has no $skip on directory objects). */
  async getAll<T>(tenantId: string, path: string, item: z.ZodType<T>, headers?: Record<string, string>): Promise<T[]> {
    const schema = collectionSchema(item);
    const items: T[] = [];
    for (let next: string | undefined = path; next !== undefined; ) {
      const body: unknown = await this.send(tenantId, { method: 'GET', path: next, ...(headers ? { headers } : {}) });
      const page = this.parse(schema, body);
      items.push(...(page.value as T[]));
      next = page['@odata.nextLink'];
    }
    return items;
  }

  /**
   * Many calls as $batch requests of up to 20. Each item's status is checked; throttled or unavailable items (and
   * 404s of items that allow it) are sent again after the longest Retry-After. Results come back in call order.
   * Never throws for a failed $batch: once one fails (after its retries), no further $batch is sent; its items fail
   * with its error, items not sent fail as 'not-sent', and items waiting for a retry keep their last failure. So the
   * caller knows, per call, what was done.
   */
  async batch(tenantId: string, calls: GraphCall[]): Promise<BatchItemResult[]> {
    const results: (BatchItemResult | undefined)[] = new Array(calls.length);
    const attempts = new Array<number>(calls.length).fill(0);
    const lastFailure = new Map<number, BatchItemResult>();
    let pending = calls.map((_, i) => i);
    while (pending.length > 0) {
      const retry: number[] = [];
      let wait = 0;
      const chunks: number[][] = [];
      for (let i = 0; i < pending.length; i += BATCH_LIMIT) chunks.push(pending.slice(i, i + BATCH_LIMIT));
      const settled = await settleWithConcurrency(chunks, this.o.batchConcurrency ?? 4, async (chunk) => {
        const responses = await this.sendBatch(tenantId, chunk, calls);
        for (const index of chunk) {
          const call = calls[index] as GraphCall;
          attempts[index] = (attempts[index] ?? 0) + 1;
          const response = responses.get(index);
          const status = response?.status ?? 503;
          if (status >= 200 && status < 300) {
            results[index] = { ok: true, status, body: response?.body };
            continue;
          }
          const attempt = attempts[index] ?? 1;
          const transient = isTransientStatus(status) || (status === 404 && attempt <= (call.notFoundRetries ?? 0));
          if (transient && attempt < this.o.retry.maxAttempts) {
            retry.push(index);
            lastFailure.set(index, this.itemFailure(call, status, response?.body, headerOf(response?.headers, 'request-id'), true));
            wait = Math.max(wait, retryDelayMs(this.o.retry, attempt, parseRetryAfter(headerOf(response?.headers, 'retry-after'))));
            continue;
          }
          results[index] = this.itemFailure(call, status, response?.body, headerOf(response?.headers, 'request-id'));
        }
      });
      if (settled.some((s) => s.status === 'failed')) {
        this.settleStopped(chunks, settled, retry, lastFailure, results);
        break;
      }
      if (retry.length > 0) await this.o.retry.sleep(wait);
      pending = retry.sort((a, b) => a - b);
    }
    return results as BatchItemResult[];
  }

  private itemFailure(call: GraphCall, status: number, body: unknown, requestId: string | undefined, quiet = false): BatchItemResult {
    const error = quiet ? toServiceError(classifyGraphFailure(status, body, requestId)) : this.failure(call, status, body, requestId);
    return { ok: false, status, reason: (error.details.reason as GraphFailureReason) ?? 'other', error };
  }

  /** After a $batch failed: every call without a result gets what happened to it (see batch). */
  private settleStopped(chunks: number[][], settled: Settled<unknown>[], retry: number[], lastFailure: Map<number, BatchItemResult>, results: (BatchItemResult | undefined)[]): void {
    const notSent = toServiceError({ status: 0, reason: 'not-sent', graphCode: 'NotSent', graphMessage: '' });
    settled.forEach((s, k) => {
      if (s.status === 'done') return;
      const error = s.status === 'failed' ? asServiceError(s.error) : notSent;
      for (const index of chunks[k] ?? []) results[index] = { ok: false, status: Number(error.details.status ?? 0), reason: failureReason(error) ?? 'other', error };
    });
    for (const index of retry) results[index] = lastFailure.get(index);
    const counts = { failed: settled.filter((s) => s.status === 'failed').length, notSent: settled.filter((s) => s.status === 'not-started').length };
    this.o.logger.warn(counts, 'A Graph $batch failed; the $batch requests after it were not sent');
  }

  private async sendBatch(tenantId: string, chunk: number[], calls: GraphCall[]): Promise<Map<number, { status: number; headers?: Record<string, string> | null; body?: unknown }>> {
    const requests = chunk.map((index) => {
      const call = calls[index] as GraphCall;
      return {
        id: String(index),
        method: call.method,
        url: call.path,
        ...(call.body !== undefined ? { body: call.body, headers: { 'Content-Type': 'application/json', ...call.headers } } : call.headers ? { headers: call.headers } : {}),
      };
    });
    const secrets = chunk.flatMap((i) => calls[i]?.secrets ?? []);
    const raw = await this.send(tenantId, { method: 'POST', path: '/$batch', body: { requests }, secrets });
    const parsed = this.parse(batchResponseSchema, raw);
    return new Map(parsed.responses.map((r) => [Number(r.id), r]));
  }

  private async fetchOnce(tenantId: string, call: GraphCall): Promise<Response> {
    const url = this.urlFor(call.path);
    const token = await this.o.tokens.getToken(tenantId);
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json', ...call.headers };
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    this.requests++;
    return this.o.fetch(url, {
      method: call.method,
      headers,
      ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 60_000),
    });
  }

  /** The bearer token only ever goes to the configured Graph root, nextLinks included. */
  private urlFor(path: string): string {
    if (path.startsWith('/')) return `${this.root}${path}`;
    if (path.startsWith(`${this.root}/`)) return path;
    throw new ServiceError('UPSTREAM', 'Microsoft Graph returned a link outside its own address.', { reason: 'other' });
  }

  private failure(call: GraphCall, status: number, body: unknown, requestId: string | undefined): ServiceError {
    const failure = classifyGraphFailure(status, body, requestId);
    const level = failure.reason === 'not-found' ? 'debug' : 'warn';
    this.o.logger[level](
      { method: call.method, status, graphCode: failure.graphCode, requestId: failure.requestId, graphMessage: redact(failure.graphMessage, call.secrets ?? []).slice(0, 300) },
      'Graph request failed',
    );
    return toServiceError(failure);
  }

  private parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      this.o.logger.warn({ issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) }, 'Unexpected Graph response');
      throw new ServiceError('UPSTREAM', 'Microsoft Graph sent a response this app does not understand.', { reason: 'other' });
    }
    return parsed.data;
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function headerOf(headers: Record<string, string> | null | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : undefined;
}

/** A thrown value as the ServiceError the adapter reports (anything unexpected is an upstream failure). */
function asServiceError(error: unknown): ServiceError {
  return error instanceof ServiceError ? error : new ServiceError('UPSTREAM', 'Microsoft Graph could not complete the request.', { reason: 'other' });
}

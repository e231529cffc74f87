/** When and how long to wait before trying a Graph request again. Injectable so tests run without real waits. */
export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  /** Upper bound for one wait, Retry-After included (a server asking for minutes is treated as failing). */
  maxDelayMs: number;
  sleep(ms: number): Promise<void>;
  /** 0 <= x < 1, for jitter. */
  random(): number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Statuses Graph uses for "try again later". */
export const isTransientStatus = (status: number): boolean => status === 429 || status === 503 || status === 504;

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unusable. */
export function parseRetryAfter(value: string | null | undefined, now: () => number = Date.now): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now());
}

/** Retry-After when given, else exponential backoff with "equal jitter" (half fixed, half random). */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs: number | null): number {
  if (retryAfterMs !== null) return Math.min(policy.maxDelayMs, retryAfterMs);
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (policy.random() * exponential) / 2);
}

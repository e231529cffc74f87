import { ServiceError } from '../../../domain/errors.js';

export const STATE_UNAVAILABLE_MESSAGE = "The bot's database is unavailable; nothing was changed.";

/** SQLSTATE classes and codes that mean "the server or the connection is gone", not "this statement was wrong". */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '57014', '53300', '08000', '08001', '08003', '08004', '08006', '08P01']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);
/** What pg and pg-pool throw without a code when a connection dies or the pool cannot hand one out in time. */
const UNAVAILABLE_MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /connection timeout/i, /query read timeout/i, /client has encountered a connection error/i, /cannot use a pool after calling end/i];

/** True when the error says the database cannot be reached now (so retrying later may work). */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_STATES.has(code) || UNAVAILABLE_NODE_CODES.has(code))) return true;
  if (error instanceof AggregateError) return error.errors.some(isUnavailable);
  return UNAVAILABLE_MESSAGES.some((m) => m.test(error.message));
}

/**
 * The one error every caller sees while PostgreSQL is down: a stable code the bot shows as a card. The statement that
 * failed was never committed (each port method is one statement or one transaction), so "nothing was changed" holds.
 */
export function mapError(error: unknown): unknown {
  if (!isUnavailable(error)) return error;
  const reason = error instanceof Error ? ((error as { code?: string }).code ?? error.message) : 'unknown';
  return new ServiceError('STATE_UNAVAILABLE', STATE_UNAVAILABLE_MESSAGE, { reason });
}

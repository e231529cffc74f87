/** Errors with stable codes: the bot maps codes to friendly cards, never messages from below. */
export const ERROR_CODES = [
  'NOT_FOUND',
  'CONFLICT',
  'NO_SEATS',
  'FORBIDDEN',
  'RESTORE_WINDOW_EXPIRED',
  'INVALID_INPUT',
  'NO_CUSTOMER',
  'RATE_LIMITED',
  'CONFIRMATION_EXPIRED',
  'CONFIRMATION_USED',
  'CONFIRMATION_FOREIGN',
  'LICENSE_INHERITED',
  'THROTTLED',
  'UPSTREAM',
  'STORE_CORRUPT',
  'STORAGE_FULL',
  'STORAGE_UNAVAILABLE',
  'STATE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const isServiceError = (e: unknown): e is ServiceError => e instanceof ServiceError;

export const notFound = (what: string, key: string): ServiceError =>
  new ServiceError('NOT_FOUND', `${what} ${key} was not found.`, { what, key });

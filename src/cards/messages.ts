import { isServiceError, type ErrorCode } from '../domain/errors.js';
import type { AdaptiveCard } from './card-template.js';
import { errorCard, noticeCard, type CardAction } from './common.js';

/** Friendly titles per stable error code; the message shown is the service's own, which never carries secrets. */
const TITLES: Record<ErrorCode, string> = {
  NOT_FOUND: 'Not found',
  CONFLICT: 'Already exists',
  NO_SEATS: 'Not enough seats',
  FORBIDDEN: 'Not allowed',
  RESTORE_WINDOW_EXPIRED: 'Too late to restore',
  INVALID_INPUT: "That didn't look right",
  NO_CUSTOMER: 'Choose a customer first',
  RATE_LIMITED: 'Slow down',
  CONFIRMATION_EXPIRED: 'This confirmation has expired',
  CONFIRMATION_USED: 'Already done',
  CONFIRMATION_FOREIGN: 'Not your confirmation',
  LICENSE_INHERITED: 'License comes from a group',
  THROTTLED: 'Microsoft 365 is busy',
  UPSTREAM: 'Microsoft 365 did not answer as expected',
  STORE_CORRUPT: 'Stored data problem',
  STORAGE_FULL: 'Data disk full',
  STORAGE_UNAVAILABLE: 'Data disk unavailable',
  STATE_UNAVAILABLE: 'Database unavailable',
  INTERNAL: 'Something went wrong',
};

const HINTS: Partial<Record<ErrorCode, string>> = {
  NO_CUSTOMER: 'Type `customers` to see the ones you may manage, then `use <customer>`.',
  CONFIRMATION_EXPIRED: 'Nothing was changed. Ask again to get a fresh confirmation.',
  CONFIRMATION_USED: 'Nothing more was changed.',
  CONFIRMATION_FOREIGN: 'Nothing was changed. Ask the bot yourself to get your own confirmation.',
  THROTTLED: 'Nothing was changed. Try again in a minute.',
  RATE_LIMITED: 'Nothing was changed.',
  STORAGE_FULL: 'Ask whoever runs the bot to free space on its data disk, then try again.',
  STATE_UNAVAILABLE: 'Try again in a minute; if it lasts, tell whoever runs the bot.',
};

export function errorCardFor(code: ErrorCode, message: string, actions: CardAction[] = [], hint?: string, suggestions: { title: string; command: string }[] = []): AdaptiveCard {
  return errorCard.render({ title: TITLES[code], message, hint: hint ?? HINTS[code] ?? '', code, actions, suggestions });
}

/** Any thrown value as a card: service errors by code, anything else as a generic failure with no internals. */
export function cardForError(error: unknown): AdaptiveCard {
  if (isServiceError(error)) return errorCardFor(error.code, error.message);
  return errorCardFor('INTERNAL', 'The request could not be completed and nothing was changed. The problem has been logged.');
}

export function notice(title: string, message: string, options: { color?: 'Default' | 'Good' | 'Attention' | 'Warning' | 'Accent'; facts?: { title: string; value: string }[]; actions?: CardAction[] } = {}): AdaptiveCard {
  return noticeCard.render({ title, message, color: options.color ?? 'Default', facts: options.facts ?? [], actions: options.actions ?? [] });
}

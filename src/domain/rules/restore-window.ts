import { DAY_MS } from '../clock.js';
import { RESTORE_WINDOW_DAYS } from '../types.js';

/** Entra keeps a deleted user restorable for 30 days; every directory reports and enforces the same window. */
export const RESTORE_WINDOW_MS = RESTORE_WINDOW_DAYS * DAY_MS;

/** Last moment a user deleted at deletedAt can be restored (ISO). */
export const restorableUntil = (deletedAt: string): string => new Date(Date.parse(deletedAt) + RESTORE_WINDOW_MS).toISOString();

/** Strictly past the window: a user deleted exactly 30 days ago can still be restored. */
export const isPastRestoreWindow = (deletedAt: string, now: Date): boolean => now.getTime() - Date.parse(deletedAt) > RESTORE_WINDOW_MS;

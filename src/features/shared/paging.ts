import { z } from 'zod';
import type { Page } from '../../domain/types.js';

/**
 * Next/Previous over a directory's opaque cursors. Directories only page forwards (Graph has a nextLink, no previous
 * link), so the card carries the cursors of the pages before it: `back`, space-separated, most recent last, '-' for
 * the first page. Only the last BACK_MAX are kept so card data stays small; beyond them Previous goes to the start.
 */
const BACK_MAX = 10;
const FIRST = '-';
const CURSOR_MAX = 4000;

/** Where a listing card is; what its Next/Previous buttons send. */
export interface PagePosition {
  cursor: string;
  back: string;
}

export const pagePositionFields = {
  cursor: z.string().max(CURSOR_MAX).regex(/^[^\s]*$/).default(''),
  back: z.string().max((CURSOR_MAX + 1) * BACK_MAX).default(''),
};

export const FIRST_PAGE: PagePosition = { cursor: '', back: '' };

export interface PageLinks {
  previous?: PagePosition;
  next?: PagePosition;
}

export function pageLinks(at: PagePosition, page: Page<unknown>): PageLinks {
  const stack = at.back.split(' ').filter(Boolean);
  const before = stack.at(-1);
  const previous = before !== undefined ? { cursor: before === FIRST ? '' : before, back: stack.slice(0, -1).join(' ') } : page.offset > 0 ? FIRST_PAGE : undefined;
  const next = page.next ? { cursor: page.next, back: [...stack, at.cursor || FIRST].slice(-BACK_MAX).join(' ') } : undefined;
  return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
}

/** "Showing 21-40 of 95." or '' for an empty listing. */
export const showing = (page: Page<unknown>): string =>
  page.total === 0 || page.items.length === 0 ? '' : `Showing ${page.offset + 1}-${page.offset + page.items.length} of ${page.total}.`;

import type { Page, PageRequest } from './types.js';

/**
 * Pages of a list held in memory (the embedded store; Graph's small recycle bin): the cursor is the position, as
 * text. A cursor that is not one (tampered card data) reads as the first page rather than failing.
 */
export function offsetOf(page: PageRequest): number {
  const text = page.cursor ?? '';
  return /^\d{1,9}$/.test(text) ? Number(text) : 0;
}

/** A Page from an offset, the items on it and the total; next only while items remain after it. */
export function offsetPage<T>(items: T[], total: number, offset: number, top: number): Page<T> {
  const end = offset + items.length;
  return { items, total, offset, top, ...(top > 0 && end < total && items.length > 0 ? { next: String(end) } : {}) };
}

/** One page of an in-memory list. */
export function sliceToPage<T>(all: readonly T[], page: PageRequest): Page<T> {
  const offset = offsetOf(page);
  return offsetPage(all.slice(offset, offset + page.top), all.length, offset, page.top);
}

import { z } from 'zod';

/** "a@x.com, b@x.com; c@x.com" -> trimmed, non-empty items (order kept, duplicates dropped case-insensitively). */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter((s) => s && !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
}

/** Ids as they travel in card data: Entra object ids and the embedded store's ids. */
export const userIdText = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9-]+$/, 'is not a user id');

import { z } from 'zod';

/**
 * The opaque cursor of a Graph listing: Graph's own @odata.nextLink (relative to /v1.0), with the position and the
 * total, which Graph sends only on the first page. It comes back from card data, i.e. from the caller: it is used
 * only when it continues the very query being asked for (same path, same parameters, plus Graph's $skiptoken), so a
 * forged cursor can neither reach another resource nor widen a filter; anything else starts at the first page.
 */
const cursorSchema = z.object({ l: z.string().max(4000), o: z.number().int().min(0), t: z.number().int().min(0) });

export interface GraphCursor {
  /** The next page's path and query, after /v1.0. */
  link: string;
  offset: number;
  total: number;
}

export function encodeCursor(nextLink: string, offset: number, total: number): string | undefined {
  const url = parseLink(nextLink);
  if (!url) return undefined;
  const l = `${url.pathname.replace(/^\/v1\.0/, '')}${url.search}`;
  return Buffer.from(JSON.stringify({ l, o: offset, t: total })).toString('base64url');
}

/** The cursor if it continues `firstPage` (path?query as this adapter builds it), else undefined. */
export function decodeCursor(cursor: string | undefined, firstPage: string): GraphCursor | undefined {
  if (!cursor || cursor.length > 6000) return undefined;
  let parsed: z.infer<typeof cursorSchema>;
  try {
    const result = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (!result.success) return undefined;
    parsed = result.data;
  } catch {
    return undefined;
  }
  return continues(parsed.l, firstPage) ? { link: parsed.l, offset: parsed.o, total: parsed.t } : undefined;
}

const CONTINUATION = new Set(['$skiptoken', '$skip']);

function continues(link: string, firstPage: string): boolean {
  if (!link.startsWith('/')) return false;
  const next = parseLink(`https://graph.invalid${link}`);
  const first = parseLink(`https://graph.invalid${firstPage}`);
  if (!next || !first || next.pathname !== first.pathname || !next.searchParams.has('$skiptoken')) return false;
  for (const [key, value] of next.searchParams) if (!CONTINUATION.has(key) && first.searchParams.get(key) !== value) return false;
  for (const key of ['$filter', '$search']) if (first.searchParams.get(key) !== next.searchParams.get(key)) return false;
  return true;
}

function parseLink(link: string): URL | undefined {
  try {
    return new URL(link);
  } catch {
    return undefined;
  }
}

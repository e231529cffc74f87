import { isValidUpn } from '../../../domain/user-names.js';

/**
 * Everything that puts caller text into a Graph URL goes through here: string literals with single quotes doubled,
 * GUIDs checked before they appear unquoted, path segments validated and URL-encoded.
 */

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const isGuid = (value: string): boolean => GUID.test(value);

/** An OData string literal: 'O''Brien'. Control characters are dropped; Graph rejects them anyway. */
export function odataString(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `'${text.replace(/[\u0000-\u001f\u007f]/g, '').replace(/'/g, "''")}'`;
}

/** A GUID for unquoted use (skuId eq 6fd2...); anything else is refused rather than escaped. */
export function odataGuid(value: string): string {
  if (!isGuid(value)) throw new TypeError('not a GUID');
  return value.toLowerCase();
}

/** A user key for a path segment: a GUID or a valid UPN, else null (such a user cannot exist). */
export function userKeySegment(idOrUpn: string): string | null {
  const key = idOrUpn.trim();
  if (isGuid(key)) return key.toLowerCase();
  if (isValidUpn(key)) return encodeURIComponent(key);
  return null;
}

/** A GUID for a path segment, else null. */
export function guidSegment(id: string): string | null {
  const key = id.trim();
  return isGuid(key) ? key.toLowerCase() : null;
}

/** path?query with every value encoded; the keys ($filter, $select...) are ours, never user text. */
export function withQuery(path: string, query: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** userPrincipalName in ('a','b') for at most 15 names (Graph's limit for "in" on users). */
export function upnInFilter(upns: string[]): string {
  return `userPrincipalName in (${upns.map(odataString).join(',')})`;
}

export const UPN_IN_LIMIT = 15;

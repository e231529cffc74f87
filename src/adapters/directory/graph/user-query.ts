import type { UserFilter } from '../../../domain/types.js';
import { isGuid, odataGuid } from './odata.js';

/**
 * How a UserFilter becomes a Graph /users query. Every listing is an advanced query (ConsistencyLevel: eventual with
 * $count=true): that is what gives the total in the first page (@odata.count), lets $filter and $orderby=displayName
 * go together, and is required by assignedLicenses/$count and $search anyway.
 */
export interface UserQuery {
  $filter?: string;
  $search?: string;
}

/** One $search clause value: Graph wants `"` and `\` escaped with a backslash inside the quotes; the URL encoding does the rest. */
function searchTerm(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, '').replace(/[\\"]/g, (c) => `\\${c}`);
}

/**
 * The query for a filter; null = nobody (e.g. a SKU id that is not a GUID). Text is a $search, as the admin center
 * does: words of the display name (tokenised) or the start of the user name. User text only appears escaped.
 */
export function userQuery(filter: UserFilter): UserQuery | null {
  switch (filter.kind) {
    case 'all':
      return {};
    case 'unlicensed':
      return { $filter: 'assignedLicenses/$count eq 0' };
    case 'licensed':
      return { $filter: 'assignedLicenses/$count ne 0' };
    case 'sku':
      return isGuid(filter.skuId) ? { $filter: `assignedLicenses/any(x:x/skuId eq ${odataGuid(filter.skuId)})` } : null;
    case 'text': {
      const text = searchTerm(filter.text.trim().slice(0, 256));
      if (!text) return {};
      return { $search: `"displayName:${text}" OR "userPrincipalName:${text}"` };
    }
  }
}

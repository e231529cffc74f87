import { ServiceError } from '../../domain/errors.js';
import type { Customer, Subscription, User } from '../../domain/types.js';
import { distance } from '../../core/command-grammar.js';

/** Exact match on any key first, then a unique prefix; ambiguous or unknown is INVALID_INPUT / NOT_FOUND. */
function pick<T>(items: readonly T[], text: string, keys: (item: T) => string[], what: string, label: (item: T) => string): T {
  const needle = text.trim().toLowerCase();
  if (!needle) throw new ServiceError('INVALID_INPUT', `Say which ${what}.`);
  const exact = items.filter((i) => keys(i).some((k) => k.toLowerCase() === needle));
  if (exact.length === 1) return exact[0] as T;
  const prefix = items.filter((i) => keys(i).some((k) => k.toLowerCase().startsWith(needle)));
  if (prefix.length === 1) return prefix[0] as T;
  if (prefix.length > 1) throw new ServiceError('INVALID_INPUT', `"${text}" matches more than one ${what}: ${prefix.slice(0, 5).map(label).join(', ')}.`);
  throw new ServiceError('NOT_FOUND', `There is no ${what} "${text}".`, { what, key: text });
}

/** Also finds "Contoso Ltd" or "Contoso, Inc." for Contoso: a legal-form suffix after the stored name. */
export function resolveCustomer(customers: readonly Customer[], text: string): Customer {
  try {
    return pick(customers, text, (c) => [c.name, c.id, c.defaultDomain, ...c.domains], 'customer', (c) => c.name);
  } catch (error) {
    const needle = text.trim().toLowerCase();
    const named = customers.filter((c) => needle.startsWith(c.name.toLowerCase()) && /^[\s,.]/.test(needle.slice(c.name.length)));
    if (named.length === 1) return named[0] as Customer;
    if (error instanceof ServiceError && error.code === 'NOT_FOUND') {
      throw new ServiceError('NOT_FOUND', `There is no customer "${text}" that you may manage. Type \`customers\` to see yours.`, { what: 'customer', key: text });
    }
    throw error;
  }
}

/** The subscriptions nearest to a mistyped name, by part number or product name (without "Microsoft 365"/"Office 365"). */
function closestSubscriptions(subscriptions: readonly Subscription[], text: string): Subscription[] {
  const needle = text.trim().toLowerCase();
  const score = (s: Subscription): number => {
    const short = s.name.toLowerCase().replace(/^(microsoft|office) 365 /, '');
    return Math.min(distance(needle, s.skuPartNumber.toLowerCase()), distance(needle, s.name.toLowerCase()), distance(needle, short));
  };
  return [...subscriptions].sort((a, b) => score(a) - score(b)).slice(0, 3);
}

/**
 * The one resolver of a subscription named in a command, the create form or an import's Licenses column: part number,
 * product name, id or a unique prefix; failing that, the one subscription whose name holds every word typed
 * ("business premium"). A miss names the closest subscriptions (details.closest, offered as buttons).
 */
export function resolveSku(subscriptions: readonly Subscription[], text: string): Subscription {
  try {
    return pick(subscriptions, text, (s) => [s.skuPartNumber, s.name, s.skuId], 'subscription', (s) => s.skuPartNumber);
  } catch (error) {
    if (!(error instanceof ServiceError) || error.code !== 'NOT_FOUND') throw error;
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = subscriptions.filter((s) => words.every((w) => `${s.name} ${s.skuPartNumber}`.toLowerCase().includes(w)));
    if (matches.length === 1) return matches[0] as Subscription;
    if (matches.length > 1) throw new ServiceError('INVALID_INPUT', `"${text}" matches more than one subscription: ${matches.map((s) => s.skuPartNumber).join(', ')}.`);
    const closest = closestSubscriptions(subscriptions, text);
    const named = closest.map((s) => `${s.name} (${s.skuPartNumber})`).join(', ');
    throw new ServiceError('NOT_FOUND', `There is no subscription "${text}".${named ? ` The closest: ${named}.` : ''} Type \`licenses\` to see them.`, {
      what: 'subscription',
      key: text,
      closest: closest.map((s) => s.skuPartNumber),
    });
  }
}

export function licenseNames(user: User, subscriptions: readonly Subscription[]): string[] {
  const byId = new Map(subscriptions.map((s) => [s.skuId, s.name]));
  return user.licenses.map((id) => byId.get(id) ?? id);
}

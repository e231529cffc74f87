import { ServiceError } from '../service/errors.js';
import type { Customer, Subscription, User } from '../service/types.js';

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

export const resolveCustomer = (customers: readonly Customer[], text: string): Customer =>
  pick(customers, text, (c) => [c.name, c.id, c.defaultDomain, ...c.domains], 'customer', (c) => c.name);

export const resolveSku = (subscriptions: readonly Subscription[], text: string): Subscription =>
  pick(subscriptions, text, (s) => [s.skuPartNumber, s.name, s.skuId], 'subscription', (s) => s.skuPartNumber);

export function licenseNames(user: User, subscriptions: readonly Subscription[]): string[] {
  const byId = new Map(subscriptions.map((s) => [s.skuId, s.name]));
  return user.licenses.map((id) => byId.get(id) ?? id);
}

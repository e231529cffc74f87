import { DAY_MS } from '../../../domain/clock.js';
import type { Subscription } from '../../../domain/types.js';

/** "2026-12-20" */
export const day = (iso: string): string => iso.slice(0, 10);

/** "2026-12-20 09:00 UTC" */
export const dayAndTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Whole days until the restore window closes (0 once closed). */
export const daysLeft = (restorableUntil: string, now: Date): number => Math.max(0, Math.ceil((Date.parse(restorableUntil) - now.getTime()) / DAY_MS));

/** SKU ids -> friendly names, in the order given. */
export function skuNames(skuIds: readonly string[], subscriptions: readonly Subscription[]): string[] {
  const byId = new Map(subscriptions.map((s) => [s.skuId, s.name]));
  return skuIds.map((id) => byId.get(id) ?? id);
}

/** "Microsoft 365 E3 (2 seats), Exchange Online (Plan 1) (1 seat)" for the licenses several users hold. */
export function seatSummary(licenseLists: readonly (readonly string[])[], subscriptions: readonly Subscription[]): string {
  const counts = new Map<string, number>();
  for (const list of licenseLists) for (const sku of list) counts.set(sku, (counts.get(sku) ?? 0) + 1);
  const names = skuNames([...counts.keys()], subscriptions);
  return [...counts.values()].map((n, i) => `${names[i]} (${n} seat${n === 1 ? '' : 's'})`).join(', ');
}

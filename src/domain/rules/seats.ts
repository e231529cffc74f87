import { ServiceError } from '../errors.js';
import type { Subscription } from '../types.js';

/** Seat arithmetic every directory shares: counts are kept per SKU id and counted down while planning. */

/** skuId -> free seats, never below 0 (an over-assigned subscription has none). */
export const freeSeats = (subs: readonly Subscription[]): Map<string, number> => new Map(subs.map((s) => [s.skuId, Math.max(0, s.seatsTotal - s.seatsAssigned)]));

/**
 * skuId -> seats bought minus seats assigned, negative when over-assigned: Entra lets a restore over-assign, and
 * fitting a restored user must see by how much.
 */
export const seatBalance = (subs: readonly Subscription[]): Map<string, number> => new Map(subs.map((s) => [s.skuId, s.seatsTotal - s.seatsAssigned]));

/** The first of these SKUs with no free seat left; undefined when each has one. */
export const firstShortSku = (skus: readonly string[], free: ReadonlyMap<string, number>): string | undefined => skus.find((sku) => (free.get(sku) ?? 0) < 1);

/** Takes one seat of each SKU (call only after firstShortSku found none short). */
export function takeSeats(free: Map<string, number>, skus: readonly string[]): void {
  for (const sku of skus) free.set(sku, (free.get(sku) ?? 0) - 1);
}

/** NO_SEATS for one new user whose license has no seat left. */
export function noFreeSeat(sku: string, subs: readonly Subscription[], free: ReadonlyMap<string, number>): ServiceError {
  const sub = subs.find((s) => s.skuId === sku);
  return new ServiceError('NO_SEATS', `${sub?.name ?? sku} has no free seat.`, { skuId: sku, skuPartNumber: sub?.skuPartNumber, available: Math.max(0, free.get(sku) ?? 0) });
}

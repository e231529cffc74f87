import type { HandlerContext } from '../../../core/handler-context.js';
import { askConfirmation } from '../../../core/confirm/ask-confirmation.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { seatsAvailable, type LicenseOutcome, type Subscription, type User } from '../../../domain/types.js';
import { licensesResult } from './license-result.js';
import { licenseChangeTarget, listNames, usersByIds, type LicenseChangePayload } from './license-payload.js';
import { VERB } from '../../../cards/verbs.js';

export interface Shortage {
  subscription: Subscription;
  needed: number;
  available: number;
}

const lacks = (user: User, sku: string): boolean => !user.licenses.includes(sku);

export function shortages(users: readonly User[], add: readonly string[], subs: readonly Subscription[]): Shortage[] {
  return add.flatMap((sku) => {
    const subscription = subs.find((s) => s.skuId === sku);
    if (!subscription) return [];
    const needed = users.filter((u) => lacks(u, sku)).length;
    const available = seatsAvailable(subscription);
    return needed > available ? [{ subscription, needed, available }] : [];
  });
}

/**
 * Splits users, in the order listed, into those whose every missing license still has a free seat and the rest.
 * A user is taken whole or not at all, so nobody ends up with half of what was asked for.
 */
export function fitInOrder(users: readonly User[], add: readonly string[], subs: readonly Subscription[]): { fits: User[]; leftOut: User[] } {
  const free = new Map(add.map((sku) => [sku, seatsAvailable(subs.find((s) => s.skuId === sku) ?? { skuId: sku, skuPartNumber: '', name: '', seatsTotal: 0, seatsAssigned: 0 })]));
  const fits: User[] = [];
  const leftOut: User[] = [];
  for (const user of users) {
    const missing = add.filter((sku) => lacks(user, sku));
    if (missing.every((sku) => (free.get(sku) ?? 0) > 0)) {
      for (const sku of missing) free.set(sku, (free.get(sku) ?? 0) - 1);
      fits.push(user);
    } else leftOut.push(user);
  }
  return { fits, leftOut };
}

const seatWord = (n: number): string => `${n} free seat${n === 1 ? '' : 's'}`;

/**
 * Null when the seats cover the request. Otherwise, before anything changes: the offer to assign to the first N
 * users (stored server-side as a confirmation), or, when no seat is free at all, every user's "no seat".
 */
export async function shortageReply(ctx: HandlerContext, payload: LicenseChangePayload): Promise<AdaptiveCard | null> {
  const customer = await ctx.customer();
  const [subs, users] = await Promise.all([ctx.service.listSubscriptions(customer.id), usersByIds(ctx, customer.id, payload.userIds)]);
  const short = shortages(users, payload.add, subs);
  if (short.length === 0) return null;
  const explanation = short
    .map((s) => `${s.subscription.name} has ${seatWord(s.available)}; ${s.needed} of the chosen users need one.`)
    .join(' ');
  const { fits, leftOut } = fitInOrder(users, payload.add, subs);
  const gaining = fits.filter((u) => payload.add.some((sku) => lacks(u, sku))).length;
  if (gaining === 0) {
    return licensesResult({
      title: 'Not enough seats: nothing was changed',
      message: `${explanation} Buy more seats or free some, then try again.`,
      color: 'Attention',
      users: users.map((u) => ({
        userId: u.id,
        upn: u.upn,
        displayName: u.displayName,
        outcomes: Object.fromEntries(payload.add.map((sku): [string, LicenseOutcome] => [sku, lacks(u, sku) ? 'no-seat' : 'already-had'])),
      })),
      subscriptions: subs,
      skuIds: payload.add,
    });
  }
  const removeNames = payload.remove.map((sku) => subs.find((s) => s.skuId === sku)?.name ?? sku);
  return askConfirmation(ctx, {
    confirmVerb: VERB.licensesChangeConfirm,
    target: licenseChangeTarget({ userIds: fits.map((u) => u.id) }),
    payload: { userIds: fits.map((u) => u.id), add: payload.add, remove: payload.remove, leftOut: [...payload.leftOut, ...leftOut.map((u) => u.id)] },
    title: 'Not enough seats',
    message: `${explanation} Nothing has been changed. Assign to the first ${gaining} in the order listed, or cancel.`,
    facts: [
      { title: 'Gets the licenses', value: listNames(fits.map((u) => u.displayName)) },
      { title: 'Left out (no seat)', value: listNames(leftOut.map((u) => u.displayName)) },
      ...(removeNames.length ? [{ title: 'Also removes', value: removeNames.join(', ') }] : []),
    ],
    confirmTitle: `Assign to the first ${gaining}`,
    destructive: payload.remove.length > 0,
  });
}

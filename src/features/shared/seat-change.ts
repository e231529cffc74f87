import type { HandlerContext } from '../../core/handler-context.js';
import { seatsAvailable, type Subscription } from '../../domain/types.js';

export interface Fact {
  title: string;
  value: string;
}

/** Seats an operation takes (+) or frees (-) per SKU id. */
export class SeatDelta {
  private readonly bySku = new Map<string, number>();

  add(skuId: string, seats = 1): this {
    this.bySku.set(skuId, (this.bySku.get(skuId) ?? 0) + seats);
    return this;
  }

  /** Each license of each list takes one seat. */
  addAll(licenseLists: readonly (readonly string[])[], sign: 1 | -1 = 1): this {
    for (const list of licenseLists) for (const sku of list) this.add(sku, sign);
    return this;
  }

  entries(): [string, number][] {
    return [...this.bySku.entries()].filter(([, seats]) => seats !== 0);
  }
}

/**
 * "Microsoft 365 E3: 2 of 10 free now, 0 after" per subscription the operation changes, so that whoever confirms or
 * approves sees what it does to the seats. A shortfall is said, not hidden behind a negative number.
 */
export function seatChangeFact(delta: SeatDelta, subscriptions: readonly Subscription[]): Fact | undefined {
  const byId = new Map(subscriptions.map((s) => [s.skuId, s]));
  const lines = delta.entries().map(([skuId, seats]) => {
    const sub = byId.get(skuId);
    if (!sub) return `${skuId}: subscription not found`;
    const free = seatsAvailable(sub);
    const after = free - seats;
    const short = after < 0 ? ` (${-after} short)` : '';
    return `${sub.name}: ${free} of ${sub.seatsTotal} free now, ${Math.max(0, after)} after${short}`;
  });
  return lines.length ? { title: 'Seats', value: lines.join('; ') } : undefined;
}

/** The seat fact for new users holding these licenses, against the customer's subscriptions now. */
export async function seatFacts(ctx: HandlerContext, licenseLists: readonly (readonly string[])[]): Promise<Fact[]> {
  const subscriptions = await ctx.service.listSubscriptions((await ctx.customer()).id);
  const fact = seatChangeFact(new SeatDelta().addAll(licenseLists), subscriptions);
  return fact ? [fact] : [];
}

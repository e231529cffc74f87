import { LRUCache } from 'lru-cache';

/**
 * Short-lived results per tenant (the recycle bin, a tenant's domains): read once and served from memory for a
 * while. Any change in the tenant through this app drops its entries.
 * Bounded by lru-cache (max entries, least recently used dropped first, and a TTL): one entry per distinct search
 * text per tenant would otherwise grow for as long as the bot runs.
 */
export class ListingCache<T> {
  private readonly entries: LRUCache<string, Promise<T>>;

  constructor(options: { ttlMs: number; max: number; now: () => number }) {
    this.entries = new LRUCache<string, Promise<T>>({ max: options.max, ttl: options.ttlMs, perf: { now: options.now } });
  }

  get(tenantId: string, key: string, load: () => Promise<T>): Promise<T> {
    const id = `${tenantId}\u0000${key}`;
    const hit = this.entries.get(id);
    if (hit) return hit;
    const value = load();
    this.entries.set(id, value);
    // A failed load is not remembered.
    value.catch(() => {
      if (this.entries.peek(id) === value) this.entries.delete(id);
    });
    return value;
  }

  invalidate(tenantId: string): void {
    const prefix = `${tenantId}\u0000`;
    for (const id of [...this.entries.keys()]) if (id.startsWith(prefix)) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}

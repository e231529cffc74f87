/**
 * Short-lived results per tenant: the port pages with skip/top while Graph only walks nextLinks, so a listing is
 * fetched once and paged from memory for a few seconds. Any change in the tenant through this app drops its entries.
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(tenantId: string, key: string, load: () => Promise<T>): Promise<T> {
    const id = `${tenantId}\u0000${key}`;
    const hit = this.entries.get(id);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = load();
    this.entries.set(id, { at: this.now(), value });
    // A failed load is not remembered.
    value.catch(() => {
      if (this.entries.get(id)?.value === value) this.entries.delete(id);
    });
    return value;
  }

  invalidate(tenantId: string): void {
    for (const id of this.entries.keys()) if (id.startsWith(`${tenantId}\u0000`)) this.entries.delete(id);
  }
}

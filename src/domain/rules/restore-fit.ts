/**
 * Which licenses a restored user gets back. A directory may already have given some back (Entra restores every
 * license without looking at seats); those are counted in the balance. We never leave a subscription over-assigned
 * because of a restore: a license goes back only where a seat is free, in the order the user held them.
 */
export interface RestoreFit {
  licensesRestored: string[];
  licensesNotRestored: string[];
  /** Licenses to assign: wanted, not held, and a seat was free. */
  add: string[];
  /** Licenses the directory gave back beyond the seats bought (or of a subscription that is gone): take them away. */
  remove: string[];
}

/**
 * wanted: what the user held when deleted; held: what the directory gave back already; balance: skuId -> seats bought
 * minus assigned (negative when over-assigned). Counts the balance down (and up for a removal) so the next user of
 * the same batch sees the seats this one took.
 */
export function fitRestoredLicenses(wanted: readonly string[], held: readonly string[], balance: Map<string, number>): RestoreFit {
  const fit: RestoreFit = { licensesRestored: [], licensesNotRestored: [], add: [], remove: [] };
  for (const sku of [...new Set(wanted)]) {
    const seats = balance.get(sku);
    const has = held.includes(sku);
    if (seats !== undefined && has && seats >= 0) fit.licensesRestored.push(sku);
    else if (seats !== undefined && !has && seats > 0) {
      balance.set(sku, seats - 1);
      fit.add.push(sku);
      fit.licensesRestored.push(sku);
    } else {
      if (has) {
        fit.remove.push(sku);
        if (seats !== undefined) balance.set(sku, seats + 1);
      }
      fit.licensesNotRestored.push(sku);
    }
  }
  return fit;
}

/** The outcome when the assignments of a fit failed (someone took the seats meanwhile): what was to be added was not. */
export function withoutAdds(fit: RestoreFit): { licensesRestored: string[]; licensesNotRestored: string[] } {
  return { licensesRestored: fit.licensesRestored.filter((s) => !fit.add.includes(s)), licensesNotRestored: [...fit.licensesNotRestored, ...fit.add] };
}

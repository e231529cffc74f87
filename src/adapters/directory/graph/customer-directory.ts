import { notFound } from '../../../domain/errors.js';
import type { Customer } from '../../../domain/types.js';
import type { CustomerEntry } from './customers-file.js';
import type { GraphClient } from './graph-client.js';
import type { GraphLogger } from './logger.js';
import type { ListingCache } from './listing-cache.js';
import { domainSchema } from './wire.js';

/** The customers of CUSTOMERS_FILE; verified domains are read from Graph on first use and kept a while. */
export class CustomerDirectory {
  private readonly byId: Map<string, CustomerEntry>;
  private readonly known = new Map<string, string[]>();

  constructor(
    entries: CustomerEntry[],
    private readonly client: GraphClient,
    private readonly domainCache: ListingCache<string[]>,
    private readonly logger: GraphLogger,
  ) {
    this.byId = new Map(entries.map((e) => [e.tenantId, e]));
  }

  /** Without a network call: domains are those read so far, else the default domain. */
  list(): Customer[] {
    return [...this.byId.values()].map((e) => this.toCustomer(e, this.known.get(e.tenantId))).sort((a, b) => a.name.localeCompare(b.name));
  }

  entry(customerId: string): CustomerEntry {
    const entry = this.byId.get(customerId.toLowerCase());
    if (!entry) throw notFound('Customer', customerId);
    return entry;
  }

  async get(customerId: string): Promise<Customer> {
    const entry = this.entry(customerId);
    const domains = await this.domainCache.get(entry.tenantId, 'domains', () => this.fetchDomains(entry));
    this.known.set(entry.tenantId, domains);
    return this.toCustomer(entry, domains);
  }

  private async fetchDomains(entry: CustomerEntry): Promise<string[]> {
    try {
      const domains = await this.client.getAll(entry.tenantId, '/domains?$select=id,isVerified,isDefault', domainSchema);
      return domains.filter((d) => d.isVerified).map((d) => d.id);
    } catch (error) {
      // Without Domain.Read.All the default domain from the file still works for everything.
      this.logger.warn({ tenantId: entry.tenantId, code: (error as { code?: string }).code }, 'Could not read the customer domains; using the default domain only');
      return [];
    }
  }

  private toCustomer(entry: CustomerEntry, verified: string[] | undefined): Customer {
    const others = (verified ?? []).filter((d) => d.toLowerCase() !== entry.defaultDomain.toLowerCase());
    return {
      id: entry.tenantId,
      name: entry.name,
      domains: [entry.defaultDomain, ...others],
      defaultDomain: entry.defaultDomain,
      usageLocation: entry.usageLocation,
      tenantId: entry.tenantId,
    };
  }
}

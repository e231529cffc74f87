import type { Logger } from '../log.js';
import type { Clock } from '../domain/clock.js';
import type { OperatorStore, OwnerBinding } from '../ports/state/operators.js';
import type { OperatorKey } from '../ports/state/records.js';

/** One BOT_OWNERS entry: an object id, with the tenant it was written with (`<tenantId>:<objectId>`) if any. */
interface OwnerEntry {
  tenantId: string | undefined;
  aadObjectId: string;
}

export type OwnerTenantSource = 'entry' | 'home' | 'bound' | 'unbound';

/**
 * The bot owners (BOT_OWNERS), each identified by the pair (tenant id, object id) like every operator: an object id
 * alone is not unique across tenants, and any tenant's admin can give a user of theirs any object id they see. A bare
 * id belongs to the home tenant; without one (local development only, production refuses to start) to the tenant it
 * first writes from, a binding kept in the state store so that it survives restarts. Bindings are read once at start
 * (load) and kept here, so permission checks stay synchronous; a binding another instance made is learnt on the
 * owner's next activity here (bindOwner answers with the binding that holds).
 */
export class Owners {
  private readonly entries: OwnerEntry[];
  private readonly bound = new Map<string, OwnerBinding>();

  constructor(
    owners: readonly string[],
    private readonly homeTenant: string | undefined,
    private readonly store: OperatorStore,
    private readonly log: Logger,
    private readonly clock: Clock,
  ) {
    this.entries = owners.map((o) => {
      const [first, second] = o.toLowerCase().split(':');
      return second === undefined ? { tenantId: undefined, aadObjectId: first as string } : { tenantId: first, aadObjectId: second };
    });
  }

  /** Reads the bindings of bare owner ids (start-up, before the first activity). */
  async load(): Promise<void> {
    if (this.homeTenant) return;
    for (const e of this.entries) {
      if (e.tenantId) continue;
      const binding = await this.store.ownerTenant(e.aadObjectId);
      if (binding) this.bound.set(e.aadObjectId, binding);
    }
  }

  get count(): number {
    return this.entries.length;
  }

  /** Logs each owner's tenant and where it comes from (start-up). */
  logBindings(): void {
    for (const e of this.entries) {
      const { tenantId, source } = this.tenantOf(e);
      if (source === 'unbound') this.log.warn(`owner ${e.aadObjectId} is not bound to a tenant yet: the first tenant it writes from becomes its tenant (no HOME_TENANT_ID; local development only)`);
      else if (source === 'bound') this.log.info(`owner ${e.aadObjectId} bound to tenant ${tenantId} (first write, kept in app.json)`);
      else this.log.info(`owner ${e.aadObjectId} in tenant ${tenantId} (${source === 'entry' ? 'BOT_OWNERS entry' : 'home tenant'})`);
    }
  }

  /**
   * Called for every activity that passed the tenant gate, before any permission check: binds a bare owner id that
   * has no tenant yet to the caller's tenant. The binding is set before the write so that a second tenant racing
   * the first cannot also be bound (the store keeps the first binding).
   */
  async noteCaller(caller: OperatorKey): Promise<void> {
    const aadObjectId = caller.aadObjectId.toLowerCase();
    const tenantId = caller.tenantId.toLowerCase();
    if (!aadObjectId || !tenantId) return;
    const entry = this.entries.find((e) => e.aadObjectId === aadObjectId && this.tenantOf(e).source === 'unbound');
    if (!entry) return;
    const binding = await this.store.bindOwner(aadObjectId, tenantId, this.clock.now());
    this.bound.set(aadObjectId, binding);
    if (binding.tenantId === tenantId) this.log.warn(`owner ${aadObjectId} bound to tenant ${tenantId}`);
  }

  includes(caller: OperatorKey): boolean {
    const aadObjectId = caller.aadObjectId.toLowerCase();
    const tenantId = caller.tenantId.toLowerCase();
    return this.entries.some((e) => e.aadObjectId === aadObjectId && this.tenantOf(e).tenantId === tenantId);
  }

  /** For `whoami`: how the caller's ownership was decided, or '' when their object id is no owner's. */
  describe(caller: OperatorKey): string {
    const aadObjectId = caller.aadObjectId.toLowerCase();
    const mine = this.entries.filter((e) => e.aadObjectId === aadObjectId);
    if (mine.length === 0) return '';
    const own = mine.map((e) => this.tenantOf(e)).find((t) => t.tenantId === caller.tenantId.toLowerCase());
    if (!own) return 'Your object id is in BOT_OWNERS, but for another tenant: in this tenant you are not the bot owner.';
    if (own.source === 'entry') return `Bot owner in tenant ${own.tenantId} (BOT_OWNERS names the tenant).`;
    if (own.source === 'home') return `Bot owner in tenant ${own.tenantId}, the home tenant.`;
    const at = this.bound.get(aadObjectId)?.boundAt.slice(0, 10) ?? '';
    return `Bot owner bound to tenant ${own.tenantId} on ${at}: the first tenant this object id wrote from (local development, no HOME_TENANT_ID).`;
  }

  /** Owners as the roles card shows them: object id and tenant. */
  list(): string[] {
    return this.entries.map((e) => {
      const { tenantId } = this.tenantOf(e);
      return `${e.aadObjectId} (${tenantId ? `tenant ${tenantId}` : 'tenant not bound yet'})`;
    });
  }

  private tenantOf(e: OwnerEntry): { tenantId: string | undefined; source: OwnerTenantSource } {
    if (e.tenantId) return { tenantId: e.tenantId, source: 'entry' };
    if (this.homeTenant) return { tenantId: this.homeTenant, source: 'home' };
    const bound = this.bound.get(e.aadObjectId);
    return bound ? { tenantId: bound.tenantId.toLowerCase(), source: 'bound' } : { tenantId: undefined, source: 'unbound' };
  }
}

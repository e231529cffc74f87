import type { Config } from '../config.js';
import type { Logger } from '../log.js';

/**
 * Which Entra tenants may talk to the bot: ALLOWED_TENANTS, else the partner's own tenant (MicrosoftAppTenantId),
 * else everyone (with a warning at start-up, as a multi-tenant bot without a list is open to any Teams user).
 */
export class TenantGate {
  private constructor(private readonly allowed: ReadonlySet<string> | 'all') {}

  static fromConfig(config: Config, log: Logger): TenantGate {
    const list = config.ALLOWED_TENANTS.length ? config.ALLOWED_TENANTS : config.MicrosoftAppTenantId ? [config.MicrosoftAppTenantId] : [];
    if (list.length === 0) {
      log.warn('ALLOWED_TENANTS is empty and MicrosoftAppTenantId is not set: users of any Microsoft 365 tenant can talk to the bot (outside local open mode they still need a role to act).');
      return new TenantGate('all');
    }
    log.info({ tenants: list.length }, 'tenant allow-list active');
    return new TenantGate(new Set(list.map((t) => t.toLowerCase())));
  }

  allows(tenantId: string): boolean {
    return this.allowed === 'all' || this.allowed.has(tenantId.toLowerCase());
  }
}

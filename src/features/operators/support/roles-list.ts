import type { HandlerContext } from '../../../core/handler-context.js';
import { ROLE_LABELS } from '../../../core/permissions.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { rolesCard } from '../../../cards/operators.js';

export async function rolesList(ctx: HandlerContext): Promise<AdaptiveCard> {
  const names = new Map((await ctx.service.listCustomers()).map((c) => [c.id, c.name]));
  return rolesCard.render({
    owners: ctx.app.operators.owners.list().join(', ') || 'none configured',
    grants: (await ctx.app.state.operators.allGrants()).map((g) => ({
      aadObjectId: g.aadObjectId,
      tenantId: g.tenantId,
      role: ROLE_LABELS[g.role],
      scope: g.customers === null ? 'All customers' : g.customers.map((id) => names.get(id) ?? id).join(', '),
    })),
  });
}

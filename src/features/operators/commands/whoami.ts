import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { ROLE_LABELS } from '../../../core/permissions.js';
import { whoamiCard } from '../../../cards/operators.js';

export default defineCommand({
  name: 'whoami',
  permission: 'public',
  customerScoped: false,
  category: 'Start here',
  summary: 'Your AAD object id, tenant id and roles.',
  usage: 'whoami',
  schema: z.string(),
  async handle(ctx) {
    const { operators, service } = ctx.app;
    const names = new Map((await service.listCustomers()).map((c) => [c.id, c.name]));
    const grants = await operators.grantsOf(ctx.caller);
    const roles = grants.map((g) => ({
      role: ROLE_LABELS[g.role],
      scope: g.customers === null ? 'All customers' : g.customers.map((id) => names.get(id) ?? id).join(', '),
    }));
    const owner = await operators.isOwner(ctx.caller, grants);
    if (owner) roles.unshift({ role: ROLE_LABELS['global-admin'], scope: 'All customers (bot owner)' });
    return whoamiCard.render({
      name: ctx.caller.name,
      aadObjectId: ctx.caller.aadObjectId,
      tenantId: ctx.caller.tenantId,
      owner,
      ownerNote: operators.owners.describe(ctx.caller),
      roles,
      noRoleText: `You have no role yet. Ask a global admin to type: grant helpdesk to ${ctx.caller.aadObjectId}`,
    });
  },
});

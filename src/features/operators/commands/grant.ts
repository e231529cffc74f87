import { defineCommand } from '../../../core/command.js';
import { ROLE_LABELS } from '../../../core/permissions.js';
import { notice } from '../../../cards/messages.js';
import { visibleCustomers } from '../../shared/visible-customers.js';
import { resolveCustomer } from '../../shared/resolve.js';
import { roleChange } from '../support/role-grammar.js';
import { mutationRateRefusal } from '../../../core/mutation-rate.js';

export default defineCommand({
  name: 'grant',
  permission: 'roles.manage',
  customerScoped: false,
  category: 'Operators',
  summary: 'Give an operator a role, for every customer or one.',
  usage: 'grant <role> to <aadObjectId> [for <customer>]',
  examples: ['grant helpdesk to 7c2d3e4f-2222-4c1a-9e7b-1a2b3c4d5e02 for contoso'],
  schema: roleChange('to'),
  async handle(ctx, { role, aadObjectId, customer: customerText }) {
    const customer = customerText ? resolveCustomer(await visibleCustomers(ctx), customerText) : undefined;
    // The grant is for (the granter's tenant, that object id). The granter's tenant is the one Teams vouched for on
    // this very activity, and a global admin can only ever have been made one within their own tenant (owners in the
    // home tenant or a tenant named in BOT_OWNERS), so a grant never crosses into another tenant. Keying it to the
    // home tenant instead would let a global admin of a sister tenant hand roles to identities of the home tenant.
    const key = { tenantId: ctx.caller.tenantId, aadObjectId };
    const existing = (await ctx.app.state.operators.grantsOf(key)).find((g) => g.role === role);
    const scope = customer ? customer.name : 'all customers';
    if (existing && (existing.customers === null || (customer && existing.customers.includes(customer.id)))) {
      return notice('Nothing to change', `${aadObjectId} is already ${ROLE_LABELS[role]} for ${scope}.`);
    }
    const limited = await mutationRateRefusal(ctx, 'grant');
    if (limited) return limited;
    // Added to the operator's grant of this role when there is one (its customers grow, or it becomes all customers).
    await ctx.app.state.operators.addGrant({ ...key, role, customers: customer ? [customer.id] : null, grantedBy: ctx.caller.aadObjectId, grantedAt: ctx.app.clock.now().toISOString() });
    await ctx.audit({ action: 'grant', target: aadObjectId, outcome: 'success', details: { role, scope }, ...(customer ? { customerId: customer.id, customerName: customer.name } : {}) });
    return notice('Role granted', `${aadObjectId} is now ${ROLE_LABELS[role]} for ${scope}.`, { color: 'Good' });
  },
});

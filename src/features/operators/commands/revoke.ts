import { defineCommand } from '../../../core/command.js';
import { ROLE_LABELS } from '../../../core/permissions.js';
import { notice } from '../../../cards/messages.js';
import { visibleCustomers } from '../../shared/visible-customers.js';
import { resolveCustomer } from '../../shared/resolve.js';
import { roleChange } from '../support/role-grammar.js';
import { mutationRateRefusal } from '../../../core/mutation-rate.js';

export default defineCommand({
  name: 'revoke',
  permission: 'roles.manage',
  customerScoped: false,
  category: 'Operators',
  summary: 'Take a role away, everywhere or for one customer.',
  usage: 'revoke <role> from <aadObjectId> [for <customer>]',
  examples: ['revoke helpdesk from 7c2d3e4f-2222-4c1a-9e7b-1a2b3c4d5e02'],
  schema: roleChange('from'),
  async handle(ctx, { role, aadObjectId, customer: customerText }) {
    const customer = customerText ? resolveCustomer(await visibleCustomers(ctx), customerText) : undefined;
    const key = { tenantId: ctx.caller.tenantId, aadObjectId };
    const grant = (await ctx.app.state.operators.grantsOf(key)).find((g) => g.role === role);
    const scope = customer ? customer.name : 'every customer';
    if (!grant || (customer && grant.customers !== null && !grant.customers.includes(customer.id))) {
      return notice('Nothing to change', `${aadObjectId} is not ${ROLE_LABELS[role]} for ${scope}.`);
    }
    if (customer && grant.customers === null) {
      return notice('Not changed', `${aadObjectId} is ${ROLE_LABELS[role]} for all customers; revoke it without "for" and grant it again for the customers you want.`, { color: 'Warning' });
    }
    const limited = await mutationRateRefusal(ctx, 'revoke');
    if (limited) return limited;
    await ctx.app.state.operators.removeGrants(key, role, customer ? customer.id : null);
    await ctx.audit({ action: 'revoke', target: aadObjectId, outcome: 'success', details: { role, scope }, ...(customer ? { customerId: customer.id, customerName: customer.name } : {}) });
    return notice('Role revoked', `${aadObjectId} is no longer ${ROLE_LABELS[role]} for ${scope}.`, { color: 'Good' });
  },
});

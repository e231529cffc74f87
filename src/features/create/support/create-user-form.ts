import type { HandlerContext } from '../../../core/handler-context.js';
import { access } from '../../../core/permissions.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { createUserFormCard } from '../../../cards/user-create.js';
import { ADMIN_ROLE_CHOICES } from './new-user-name.js';
import { seatsAvailable, type Subscription } from '../../../domain/types.js';

export interface CreateFormValues {
  firstName: string;
  lastName: string;
  displayName: string;
  localPart: string;
  domain: string;
  usageLocation: string;
  licenses: string;
  adminRole: string;
  addAnother: 'true' | 'false';
  reason: string;
}

const seatText = (s: Subscription): string => {
  const free = seatsAvailable(s);
  return free === 0 ? 'no seat free' : `${free} of ${s.seatsTotal} free`;
};

/** The `create user` form for the conversation's customer, optionally filled in, with an error or a status line. */
export async function createUserForm(ctx: HandlerContext, options: { values?: Partial<CreateFormValues>; error?: string; status?: string } = {}): Promise<AdaptiveCard> {
  const customer = await ctx.customer();
  const subscriptions = await ctx.service.listSubscriptions(customer.id);
  const mayGiveRoles = access(ctx.roles, 'user.assignAdminRole') === 'perform';
  return createUserFormCard.render({
    title: `New user for ${customer.name}`,
    customerId: customer.id,
    status: options.status ?? '',
    error: options.error ?? '',
    values: {
      firstName: '',
      lastName: '',
      displayName: '',
      localPart: '',
      licenses: '',
      adminRole: 'none',
      addAnother: 'false',
      reason: '',
      ...options.values,
      domain: options.values?.domain || customer.defaultDomain,
      usageLocation: options.values?.usageLocation || customer.usageLocation,
    },
    domains: customer.domains,
    licenseChoices: subscriptions.map((s) => ({ title: `${s.name} (${s.skuPartNumber}): ${seatText(s)}`, value: s.skuId })),
    showAdminRole: mayGiveRoles,
    showReason: access(ctx.roles, 'user.create') === 'request',
    adminRoleChoices: [{ title: 'None', value: 'none' }, ...ADMIN_ROLE_CHOICES.map((r) => ({ title: r, value: r }))],
  });
}

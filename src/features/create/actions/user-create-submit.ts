import { z } from 'zod';
import { defineAction, type ActionReply } from '../../../core/action.js';
import type { HandlerContext } from '../../../core/handler-context.js';
import { changeGate } from '../../../core/change-gate.js';
import { access } from '../../../core/permissions.js';
import { errorCardFor } from '../../../cards/messages.js';
import { createUserForm, type CreateFormValues } from '../support/create-user-form.js';
import { createUser, createUserChange } from '../changes/create-user.js';
import { clashText, draftNewUser } from '../support/new-user-draft.js';
import { isServiceError } from '../../../domain/errors.js';
import { splitUpn } from '../../../domain/user-names.js';
import { MAX_REASON_LENGTH } from '../../shared/reason.js';
import { VERB } from '../../../cards/verbs.js';

const text = (max: number) => z.string().max(max).default('');

// Teams sends every input as a string, and may leave out empty ones.
const formData = z.object({
  customerId: z.string().min(1).max(64),
  firstName: text(64),
  lastName: text(64),
  displayName: text(256),
  localPart: text(64),
  domain: text(253),
  usageLocation: text(8),
  licenses: text(2000),
  adminRole: text(64),
  addAnother: z.enum(['true', 'false']).default('false'),
  reason: text(MAX_REASON_LENGTH),
});
type FormData = z.infer<typeof formData>;

const valuesOf = (data: FormData): CreateFormValues => {
  const { customerId: _customerId, ...values } = data;
  return values;
};

async function submit(ctx: HandlerContext, data: FormData): Promise<ActionReply> {
  if (data.customerId !== ctx.customerId) {
    return { card: errorCardFor('INVALID_INPUT', 'This form was made for another customer than the one this conversation works on now. Nothing was created.', [], 'Type `create user` for a fresh form.') };
  }
  const values = valuesOf(data);
  const again = async (error: string, changed: Partial<CreateFormValues> = {}): Promise<ActionReply> => ({ card: await createUserForm(ctx, { values: { ...values, ...changed }, error }) });
  const customer = await ctx.customer();
  const subscriptions = await ctx.service.listSubscriptions(customer.id);
  const adminRole = data.adminRole === 'none' ? '' : data.adminRole;
  if (adminRole && access(ctx.roles, 'user.assignAdminRole') !== 'perform') return again('Only a Global admin or Admin agent may give an admin role.', { adminRole: 'none' });
  let draft;
  try {
    draft = await draftNewUser(ctx.service, customer, subscriptions, {
      givenName: data.firstName,
      surname: data.lastName,
      displayName: data.displayName,
      localPart: data.localPart,
      domain: data.domain,
      usageLocation: data.usageLocation,
      skuIds: data.licenses.split(',').map((s) => s.trim()).filter(Boolean),
      adminRole,
    });
  } catch (error) {
    if (isServiceError(error) && error.code === 'INVALID_INPUT') return again(error.message);
    throw error;
  }
  // A taken name is never swapped silently: the form comes back with the free one filled in, to press Create again.
  if (draft.clash) return again(`${clashText(draft.clash)} It is filled in below; press Create user to use it.`, { localPart: splitUpn(draft.clash.suggestion).localPart });
  const refused = await changeGate(ctx, createUserChange, draft.payload, data.reason.trim() || undefined);
  if (refused) return { card: refused };
  let created;
  try {
    created = await createUser(ctx, draft.payload);
  } catch (error) {
    if (isServiceError(error) && ['NO_SEATS', 'CONFLICT', 'INVALID_INPUT', 'FORBIDDEN'].includes(error.code)) return again(error.message);
    throw error;
  }
  if (data.addAnother !== 'true') return { card: created.summary };
  const status = `Created ${created.user.displayName} (${created.user.upn}). ${created.delivery.note}`;
  return { card: await createUserForm(ctx, { status, values: { domain: data.domain, usageLocation: data.usageLocation, licenses: data.licenses, addAnother: 'true' } }) };
}

export default defineAction({
  verb: VERB.userCreateSubmit,
  permission: 'user.create',
  customerScoped: true,
  approvable: true,
  schema: formData,
  handle: submit,
});

import { z } from 'zod';
import { defineChange } from '../../../core/change.js';
import type { HandlerContext } from '../../../core/handler-context.js';
import { access } from '../../../core/permissions.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { notice } from '../../../cards/messages.js';
import { isServiceError, ServiceError } from '../../../domain/errors.js';
import { splitUpn } from '../../../domain/user-names.js';
import { type Subscription, type User, adminRolesKnown } from '../../../domain/types.js';
import { deliverPassword, type DeliveryResult } from '../../shared/password-delivery.js';
import { seatFacts } from '../../shared/seat-change.js';
import { ADMIN_ROLE_CHOICES, proposeUpn } from '../support/new-user-name.js';
import { VERB } from '../../../cards/verbs.js';

export const CREATE_ACTION = 'user.create';

const payloadSchema = z.object({
  givenName: z.string().trim().min(1).max(64),
  surname: z.string().trim().min(1).max(64),
  displayName: z.string().trim().min(1).max(256),
  upn: z.string().min(3).max(320),
  usageLocation: z.string().regex(/^[A-Z]{2}$/),
  /** SKU ids. */
  licenses: z.array(z.string().min(1).max(64)).max(30),
  adminRoles: z.array(z.enum(ADMIN_ROLE_CHOICES)).max(1),
});
export type CreateUserPayload = z.infer<typeof payloadSchema>;

const skuLabel = (subscriptions: readonly Subscription[], skuId: string): string => {
  const s = subscriptions.find((x) => x.skuId === skuId);
  return s ? `${s.name} (${s.skuPartNumber})` : skuId;
};

export async function newUserFacts(ctx: HandlerContext, payload: CreateUserPayload): Promise<{ title: string; value: string }[]> {
  const subscriptions = await ctx.service.listSubscriptions((await ctx.customer()).id);
  return [
    { title: 'Name', value: payload.displayName },
    { title: 'User name', value: payload.upn },
    { title: 'Usage location', value: payload.usageLocation },
    { title: 'Licenses', value: payload.licenses.map((id) => skuLabel(subscriptions, id)).join(', ') || 'None' },
    { title: 'Admin role', value: payload.adminRoles.join(', ') || 'None' },
  ];
}

/** A failure from the directory, said so that the admin knows nothing was created and what to do. */
async function explainFailure(ctx: HandlerContext, error: unknown, payload: CreateUserPayload, subscriptions: Subscription[]): Promise<unknown> {
  if (!isServiceError(error)) return error;
  if (error.code === 'NO_SEATS') {
    const skuId = String(error.details.skuId ?? '');
    return new ServiceError('NO_SEATS', `Nothing was created: ${skuLabel(subscriptions, skuId)} has no free seat. Free a seat, buy more, or leave that license out.`, { skuId });
  }
  if (error.code === 'CONFLICT') {
    const { localPart, domain } = splitUpn(payload.upn);
    const free = await proposeUpn(ctx.service, (await ctx.customer()).id, localPart, domain);
    return new ServiceError('CONFLICT', `Nothing was created: ${payload.upn} is taken (by a user, or a deleted user who keeps the name for 30 days). ${free.upn} is free.`, {
      suggestion: free.upn,
    });
  }
  return new ServiceError(error.code, `Nothing was created: ${error.message}`, error.details);
}

export interface CreatedUser {
  user: User;
  delivery: DeliveryResult;
  /** For the conversation the request came from; never the password. */
  summary: AdaptiveCard;
}

/** Creates the account and its licenses together (atomic), audits it, and sends the password to the requester only. */
export async function createUser(ctx: HandlerContext, payload: CreateUserPayload): Promise<CreatedUser> {
  const customer = await ctx.customer();
  if (payload.adminRoles.length > 0 && access(ctx.roles, 'user.assignAdminRole') !== 'perform') {
    await ctx.audit({ action: CREATE_ACTION, target: payload.upn, outcome: 'denied', details: { reason: 'admin role', adminRoles: payload.adminRoles } });
    throw new ServiceError('FORBIDDEN', 'Only a Global admin or Admin agent may give a new user an admin role. Nothing was created.');
  }
  const subscriptions = await ctx.service.listSubscriptions(customer.id);
  let user: User;
  let temporaryPassword: string;
  try {
    const [outcome] = await ctx.service.createUsers(customer.id, [payload], { actor: { aadObjectId: ctx.caller.aadObjectId, name: ctx.caller.name } }, { atomic: true });
    if (outcome?.status !== 'created') throw new ServiceError(outcome?.status === 'exists' ? 'CONFLICT' : 'INTERNAL', `${payload.upn} was not created.`);
    ({ user, temporaryPassword } = outcome);
  } catch (error) {
    await ctx.audit({ action: CREATE_ACTION, target: payload.upn, outcome: 'failure', details: { code: isServiceError(error) ? error.code : 'INTERNAL' } });
    throw await explainFailure(ctx, error, payload, subscriptions);
  }
  ctx.app.log.info({ action: CREATE_ACTION, customerId: customer.id, userId: user.id, upn: user.upn, licenses: user.licenses }, 'user created');
  await ctx.audit({
    action: CREATE_ACTION,
    target: user.upn,
    outcome: 'success',
    details: { userId: user.id, licenses: user.licenses.map((id) => skuLabel(subscriptions, id)), adminRoles: user.adminRoles },
  });
  const createAnother = { title: 'Create another', verb: VERB.userCreateForm, data: { customerId: customer.id } };
  // What the directory reports, not what was asked: a backend that could not give the role must not be papered over.
  const facts = await newUserFacts(ctx, { ...payload, upn: user.upn, licenses: user.licenses, adminRoles: user.adminRoles as CreateUserPayload['adminRoles'] });
  const given = adminRolesKnown(user.adminRoles) ? user.adminRoles : [];
  const missingRoles = payload.adminRoles.filter((r) => !given.includes(r));
  if (missingRoles.length > 0) facts.push({ title: 'Not assigned', value: `${missingRoles.join(', ')}: assign it in the Microsoft 365 admin center` });
  const delivery = await deliverPassword(ctx, {
    title: `User created: ${user.displayName}`,
    displayName: user.displayName,
    upn: user.upn,
    temporaryPassword,
    facts: [{ title: 'Customer', value: customer.name }, ...facts.filter((f) => f.title !== 'Name')],
    actions: [createAnother],
  });
  const summary = notice(`${user.displayName} created`, delivery.note, {
    color: delivery.delivered ? 'Good' : 'Warning',
    facts: facts.filter((f) => f.title !== 'Name'),
    actions: [{ title: 'Show user', verb: VERB.userShow, data: { userId: user.id } }, createAnother],
  });
  return { user, delivery, summary };
}

export const createUserChange = defineChange<CreateUserPayload>({
  kind: CREATE_ACTION,
  permission: 'user.create',
  policyName: 'create',
  payloadSchema,
  // A new user has no id yet, so no existing user is touched.
  targetUserIds: async () => [],
  async describe(ctx, payload) {
    return {
      title: `Create ${payload.displayName}?`,
      message: 'The account and its licenses are created together, or not at all. You get a temporary password in your personal chat with the bot.',
      facts: [...(await newUserFacts(ctx, payload)), ...(await seatFacts(ctx, [payload.licenses]))],
    };
  },
  execute: async (ctx, payload) => [(await createUser(ctx, payload)).summary],
});

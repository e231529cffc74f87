import { ServiceError } from '../../../domain/errors.js';
import { generateTemporaryPassword } from '../../../domain/passwords.js';
import { admitNewUser } from '../../../domain/rules/new-user.js';
import { upnTaken } from '../../../domain/rules/new-upn.js';
import { freeSeats } from '../../../domain/rules/seats.js';
import type { CreateOutcome, CreateUsersOptions, NewUserInput, User } from '../../../domain/types.js';
import type { GraphContext } from './context.js';
import type { GraphCall } from './graph-client.js';
import { assignRoles, resolveRoles, roleKey, type RoleTarget } from './admin-roles.js';
import { listDeletedGraphUsers } from './deleted-users.js';
import { assignLicenses, purgeCreated } from './license-calls.js';
import { originalUpn } from './mapping.js';
import { newUserBody, newUserProblem } from './new-user-rules.js';
import { upnsInUse } from './read-users.js';
import { fetchSubscriptions } from './subscriptions.js';
import { graphUserSchema } from './wire.js';

interface Planned {
  index: number;
  input: NewUserInput;
  licenses: string[];
  usageLocation: string;
  password: string;
  roles: RoleTarget[];
}

interface Created extends Planned {
  id: string;
  createdAt: string;
}

/**
 * Creates accounts with POST /users, then licenses with assignLicense, then admin roles (members/$ref), all as $batch
 * requests. Seats and role names are checked first, so nothing is over-assigned or half-asked; a user whose license or
 * role still fails is deleted again (and purged) rather than left half-made. atomic: any failure undoes every account
 * made here and throws.
 */
export async function createUsers(ctx: GraphContext, customerId: string, inputs: NewUserInput[], options: CreateUsersOptions): Promise<CreateOutcome[]> {
  const customer = await ctx.customers.get(customerId);
  const tenantId = customer.id;
  const subs = await fetchSubscriptions(ctx, tenantId);
  const known = new Set(subs.map((s) => s.skuId));
  const roles = await resolveRoles(ctx, tenantId, inputs.flatMap((i) => i.adminRoles ?? []));
  const outcomes: (CreateOutcome | undefined)[] = new Array(inputs.length);
  const fail = (index: number, error: ServiceError): void => {
    if (options.atomic) throw error;
    outcomes[index] = { status: 'failed', input: inputs[index] as NewUserInput, code: error.code, message: error.message };
  };

  // One-off creates check live and deleted names first; imports let Graph report live clashes (one request fewer
  // per 15 rows) and only look at the recycle bin, whose names Graph would let us reuse.
  const taken = options.atomic
    ? await upnsInUse(ctx, customerId, inputs.map((i) => i.upn))
    : new Set((await listDeletedGraphUsers(ctx, tenantId)).map((u) => originalUpn(u).toLowerCase()));
  const ledger = { subscriptions: subs, free: freeSeats(subs), claimed: new Set<string>(), isTaken: (upnLower: string) => taken.has(upnLower) };
  const plan: Planned[] = [];
  inputs.forEach((input, index) => {
    const verdict = admitNewUser(input, newUserProblem(input, customer, known, new Set(roles.keys())), ledger);
    if (verdict.status === 'problem') return fail(index, verdict.error);
    if (verdict.status === 'taken') {
      if (options.atomic) throw upnTaken(input.upn);
      outcomes[index] = { status: 'exists', input };
      return;
    }
    const { licenses } = verdict;
    const userRoles = [...new Map((input.adminRoles ?? []).map((r) => roles.get(roleKey(r)) as RoleTarget).map((r) => [r.templateId, r])).values()];
    plan.push({ index, input, licenses, usageLocation: input.usageLocation ?? customer.usageLocation, password: generateTemporaryPassword(), roles: userRoles });
  });
  if (plan.length === 0) return outcomes as CreateOutcome[];

  ctx.changed(tenantId);
  const { created, failed } = await createAccounts(ctx, tenantId, plan);
  if (options.atomic && failed.length > 0) {
    await purgeCreated(ctx, tenantId, created.map((c) => c.id));
    throw (failed[0] as { error: ServiceError }).error;
  }

  let complete = created;
  // Users a step failed for are deleted and purged (all of them when atomic); the rest go on to the next step.
  const settle = async (errors: Map<string, ServiceError>): Promise<void> => {
    const broken = complete.filter((c) => errors.has(c.id));
    if (broken.length === 0) return;
    await purgeCreated(ctx, tenantId, (options.atomic ? complete : broken).map((c) => c.id));
    if (options.atomic) throw errors.get((broken[0] as Created).id) as ServiceError;
    for (const c of broken) failed.push({ planned: c, error: errors.get(c.id) as ServiceError });
    complete = complete.filter((c) => !errors.has(c.id));
  };
  await settle(
    await assignLicenses(
      ctx,
      tenantId,
      complete.filter((c) => c.licenses.length > 0).map((c) => ({ userId: c.id, add: c.licenses, remove: [], justCreated: true })),
      customer.usageLocation,
    ),
  );
  await settle(await assignRoles(ctx, tenantId, complete.filter((c) => c.roles.length > 0).map((c) => ({ userId: c.id, roles: c.roles }))));
  // Listings read while the accounts were being made miss their licenses or roles.
  ctx.changed(tenantId);

  for (const c of complete) outcomes[c.index] = { status: 'created', input: c.input, user: newUser(c), temporaryPassword: c.password };
  for (const { planned, error } of failed) {
    outcomes[planned.index] =
      error.code === 'CONFLICT' ? { status: 'exists', input: planned.input } : { status: 'failed', input: planned.input, code: error.code, message: error.message };
  }
  return outcomes as CreateOutcome[];
}

async function createAccounts(ctx: GraphContext, tenantId: string, plan: Planned[]): Promise<{ created: Created[]; failed: { planned: Planned; error: ServiceError }[] }> {
  const calls: GraphCall[] = plan.map((p) => ({ method: 'POST', path: '/users', body: newUserBody(p.input, p.usageLocation, p.password), secrets: [p.password] }));
  const results = await ctx.client.batch(tenantId, calls);
  const created: Created[] = [];
  const failed: { planned: Planned; error: ServiceError }[] = [];
  results.forEach((result, k) => {
    const planned = plan[k] as Planned;
    if (!result.ok) {
      const error = result.reason === 'conflict' ? new ServiceError('CONFLICT', `${planned.input.upn} is already taken.`, { upn: planned.input.upn }) : result.error;
      failed.push({ planned, error });
      return;
    }
    const user = graphUserSchema.safeParse(result.body);
    if (!user.success) {
      failed.push({ planned, error: new ServiceError('UPSTREAM', 'Microsoft Graph sent a response this app does not understand.') });
      return;
    }
    created.push({ ...planned, id: user.data.id, createdAt: user.data.createdDateTime ?? ctx.clock.now().toISOString() });
  });
  return { created, failed };
}

function newUser(c: Created): User {
  return {
    id: c.id,
    upn: c.input.upn,
    displayName: c.input.displayName.trim(),
    givenName: c.input.givenName.trim(),
    surname: c.input.surname.trim(),
    usageLocation: c.usageLocation,
    // Only roles Graph confirmed: every role call succeeded or the user would have been undone.
    adminRoles: c.roles.map((r) => r.name),
    licenses: [...c.licenses],
    createdAt: c.createdAt,
    ...(c.input.jobTitle ? { jobTitle: c.input.jobTitle } : {}),
    ...(c.input.department ? { department: c.input.department } : {}),
    mustChangePassword: true,
  };
}

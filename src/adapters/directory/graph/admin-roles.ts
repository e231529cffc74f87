import { ServiceError } from '../../../domain/errors.js';
import type { GraphContext } from './context.js';
import type { BatchItemResult, GraphCall } from './graph-client.js';
import { failureReason } from './graph-errors.js';
import { guidSegment, isGuid } from './odata.js';
import { directoryRoleSchema, directoryRoleTemplateSchema } from './wire.js';

/**
 * Giving new users Entra directory roles on Graph v1.0: a role can be given only once it is activated in the tenant
 * (a directoryRole made from its directoryRoleTemplate); then the user is added with members/$ref.
 */

/** A role the bot was asked for, as the tenant knows it. */
export interface RoleTarget {
  /** The name the user is shown with: Graph's display name, or the asked-for name if Graph still uses an old one. */
  name: string;
  templateId: string;
  /** Set when the role is already activated in the tenant. */
  roleId?: string;
}

/**
 * Template ids never change, display names did (Company Administrator -> Global Administrator, User Account
 * Administrator -> User Administrator...). Only consulted when no role or template carries the asked-for name.
 */
const TEMPLATE_IDS: Record<string, string> = {
  'global administrator': '62e90394-69f5-4237-9190-012177145e10',
  'user administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'helpdesk administrator': '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  'license administrator': '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  'billing administrator': 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
  'exchange administrator': '29232cdf-9323-42fd-ade2-1d097af3e4de',
  'teams administrator': '69091246-20e8-4a56-aa4d-066075b2a7a8',
  'sharepoint administrator': 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
  'global reader': 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
};

export const ROLE_PERMISSION =
  'The app may not give admin roles in this customer tenant: it needs the Microsoft Graph application permission RoleManagement.ReadWrite.Directory (with admin consent in the customer tenant).';

const forbidden = (error: unknown): ServiceError =>
  new ServiceError('FORBIDDEN', ROLE_PERMISSION, { permission: 'RoleManagement.ReadWrite.Directory', ...(error instanceof ServiceError ? error.details : {}) });

/** Maps a Graph error of a role call: a refusal becomes FORBIDDEN naming the permission; anything else as is. */
const roleError = (error: ServiceError): ServiceError => (failureReason(error) === 'forbidden' ? forbidden(error) : error);

const key = (name: string): string => name.trim().toLowerCase();

interface Named {
  id: string;
  displayName: string;
  templateId: string;
}

function match(wanted: string, candidates: Named[]): Named | undefined {
  return candidates.find((c) => key(c.displayName) === key(wanted)) ?? candidates.find((c) => c.templateId === TEMPLATE_IDS[key(wanted)]);
}

/**
 * Role names (case-insensitive) -> the tenant's role, before anything is created; names the tenant has no role or
 * template for are missing from the map. Read-only: activating a role waits until a user needs it.
 */
export async function resolveRoles(ctx: GraphContext, tenantId: string, names: string[]): Promise<Map<string, RoleTarget>> {
  const resolved = new Map<string, RoleTarget>();
  const wanted = [...new Set(names.map(key))].filter(Boolean);
  if (wanted.length === 0) return resolved;
  try {
    const active: Named[] = (await ctx.client.getAll(tenantId, '/directoryRoles?$select=id,displayName,roleTemplateId', directoryRoleSchema))
      .filter((r) => r.id && r.roleTemplateId)
      .map((r) => ({ id: r.id as string, displayName: r.displayName ?? '', templateId: (r.roleTemplateId as string).toLowerCase() }));
    const target = (asked: string, found: Named, roleId?: string): RoleTarget => ({
      name: key(found.displayName) === asked ? found.displayName : titleOf(asked, names),
      templateId: found.templateId,
      ...(roleId ? { roleId } : {}),
    });
    for (const name of wanted) {
      const role = match(name, active);
      if (role) resolved.set(name, target(name, role, role.id));
    }
    const inactive = wanted.filter((n) => !resolved.has(n));
    if (inactive.length === 0) return resolved;
    const templates: Named[] = (await ctx.client.getAll(tenantId, '/directoryRoleTemplates?$select=id,displayName', directoryRoleTemplateSchema)).map((t) => ({
      id: t.id,
      displayName: t.displayName ?? '',
      templateId: t.id.toLowerCase(),
    }));
    for (const name of inactive) {
      const template = match(name, templates);
      if (template) resolved.set(name, target(name, template));
    }
    return resolved;
  } catch (error) {
    if (failureReason(error) === 'forbidden') throw forbidden(error);
    throw error;
  }
}

/** The name as the caller wrote it (first spelling), for roles Graph still shows under an older name. */
const titleOf = (lower: string, names: string[]): string => names.find((n) => key(n) === lower)?.trim() ?? lower;

export const roleKey = key;

export interface RoleAssignment {
  userId: string;
  roles: RoleTarget[];
}

const NEW_OBJECT_404_RETRIES = 4;

/**
 * Activates the roles not yet active, then adds every user to its roles in $batch requests. Returns the users that
 * did not get all their roles, with why (a refusal names the missing permission).
 */
export async function assignRoles(ctx: GraphContext, tenantId: string, assignments: RoleAssignment[]): Promise<Map<string, ServiceError>> {
  const errors = new Map<string, ServiceError>();
  if (assignments.length === 0) return errors;
  const roleIds = new Map<string, string>();
  const activationErrors = new Map<string, ServiceError>();
  for (const role of uniqueRoles(assignments)) {
    if (role.roleId) roleIds.set(role.templateId, role.roleId);
    else {
      try {
        roleIds.set(role.templateId, await activate(ctx, tenantId, role.templateId));
      } catch (error) {
        activationErrors.set(role.templateId, roleError(error as ServiceError));
      }
    }
  }
  const calls: { userId: string; call: GraphCall }[] = [];
  for (const a of assignments) {
    const userId = guidSegment(a.userId);
    for (const role of a.roles) {
      const failed = activationErrors.get(role.templateId);
      const roleId = roleIds.get(role.templateId);
      if (failed || !userId || !roleId) {
        if (!errors.has(a.userId)) errors.set(a.userId, failed ?? new ServiceError('UPSTREAM', 'Microsoft Graph sent a role or user id this app does not understand.'));
        continue;
      }
      calls.push({
        userId: a.userId,
        call: { method: 'POST', path: `/directoryRoles/${roleId}/members/$ref`, body: { '@odata.id': ctx.client.directoryObjectUrl(userId) }, notFoundRetries: NEW_OBJECT_404_RETRIES },
      });
    }
  }
  const results = await ctx.client.batch(tenantId, calls.map((c) => c.call));
  results.forEach((result: BatchItemResult, i) => {
    const userId = (calls[i] as { userId: string }).userId;
    // "One or more added object references already exist": the user holds the role, which is what was asked.
    if (result.ok || result.reason === 'conflict' || errors.has(userId)) return;
    errors.set(userId, roleError(result.error));
  });
  return errors;
}

function uniqueRoles(assignments: RoleAssignment[]): RoleTarget[] {
  const byTemplate = new Map<string, RoleTarget>();
  for (const role of assignments.flatMap((a) => a.roles)) if (!byTemplate.has(role.templateId)) byTemplate.set(role.templateId, role);
  return [...byTemplate.values()];
}

/** POST /directoryRoles; if someone activated it meanwhile, Graph says conflict and the active role is looked up. */
async function activate(ctx: GraphContext, tenantId: string, templateId: string): Promise<string> {
  try {
    const body = directoryRoleSchema.safeParse(await ctx.client.send(tenantId, { method: 'POST', path: '/directoryRoles', body: { roleTemplateId: templateId } }));
    if (body.success && body.data.id && isGuid(body.data.id)) return body.data.id;
  } catch (error) {
    if (failureReason(error) !== 'conflict') throw error;
  }
  const roles = await ctx.client.getAll(tenantId, '/directoryRoles?$select=id,displayName,roleTemplateId', directoryRoleSchema);
  const role = roles.find((r) => r.roleTemplateId?.toLowerCase() === templateId && r.id && isGuid(r.id));
  if (!role?.id) throw new ServiceError('UPSTREAM', 'Microsoft Graph did not activate the admin role.');
  return role.id;
}

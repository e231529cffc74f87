import type { ServiceError } from '../../../domain/errors.js';
import type { GraphContext } from './context.js';
import type { GraphCall } from './graph-client.js';
import { failureReason } from './graph-errors.js';
import { guidSegment } from './odata.js';

export interface LicenseCall {
  userId: string;
  add: string[];
  remove: string[];
  /** The user was created a moment ago: a 404 is replication lag, not absence. */
  justCreated?: boolean;
}

const NEW_OBJECT_404_RETRIES = 4;

const assignLicenseCall = (c: LicenseCall): GraphCall => ({
  method: 'POST',
  path: `/users/${guidSegment(c.userId) ?? encodeURIComponent(c.userId)}/assignLicense`,
  body: { addLicenses: c.add.map((skuId) => ({ skuId, disabledPlans: [] })), removeLicenses: c.remove },
  ...(c.justCreated ? { notFoundRetries: NEW_OBJECT_404_RETRIES } : {}),
});

/**
 * assignLicense for many users in $batch requests. A user Graph refuses for lack of a usage location gets the
 * customer's default and one more try. Returns the users that still failed, with why.
 */
export async function assignLicenses(ctx: GraphContext, tenantId: string, calls: LicenseCall[], usageLocation: string): Promise<Map<string, ServiceError>> {
  const errors = new Map<string, ServiceError>();
  if (calls.length === 0) return errors;
  const results = await ctx.client.batch(tenantId, calls.map(assignLicenseCall));
  for (const [k, result] of results.entries()) {
    const call = calls[k] as LicenseCall;
    if (result.ok) continue;
    if (result.reason !== 'usage-location') {
      errors.set(call.userId, result.error);
      continue;
    }
    try {
      await setUsageLocation(ctx, tenantId, call.userId, usageLocation);
      await ctx.client.send(tenantId, assignLicenseCall(call));
    } catch (error) {
      errors.set(call.userId, error as ServiceError);
    }
  }
  return errors;
}

export async function setUsageLocation(ctx: GraphContext, tenantId: string, userId: string, usageLocation: string): Promise<void> {
  await ctx.client.send(tenantId, { method: 'PATCH', path: `/users/${guidSegment(userId)}`, body: { usageLocation }, notFoundRetries: NEW_OBJECT_404_RETRIES });
}

/** Undoes accounts this app just made: delete, then purge from the recycle bin so the name is free again at once. */
export async function purgeCreated(ctx: GraphContext, tenantId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const ids = userIds.map((id) => guidSegment(id)).filter((id): id is string => id !== null);
  const deleted = await ctx.client.batch(tenantId, ids.map((id) => ({ method: 'DELETE' as const, path: `/users/${id}`, notFoundRetries: NEW_OBJECT_404_RETRIES })));
  const purged = await ctx.client.batch(
    tenantId,
    ids.map((id) => ({ method: 'DELETE' as const, path: `/directory/deletedItems/${id}`, notFoundRetries: NEW_OBJECT_404_RETRIES })),
  );
  const left = ids.filter((_, i) => !deleted[i]?.ok || !(purged[i]?.ok || failureReason(purged[i]?.ok ? undefined : purged[i]?.error) === 'not-found'));
  if (left.length > 0) ctx.logger.error({ tenantId, userIds: left }, 'Could not undo users created by a failed operation; remove them in the admin center');
  ctx.changed(tenantId);
}

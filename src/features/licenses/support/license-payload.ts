import { z } from 'zod';
import type { HandlerContext } from '../../../core/handler-context.js';
import type { User } from '../../../domain/types.js';

export const MAX_LICENSE_USERS = 500;

const id = z.string().min(1).max(128);

export const licenseChangePayload = z.object({
  /** In the order the operator listed them: "the first N" follows it. */
  userIds: z.array(id).min(1).max(MAX_LICENSE_USERS),
  add: z.array(id).max(50).default([]),
  remove: z.array(id).max(50).default([]),
  /** Users dropped by "Assign to the first N": reported as "no seat", never touched. */
  leftOut: z.array(id).max(MAX_LICENSE_USERS).default([]),
});

export type LicenseChangePayload = z.infer<typeof licenseChangePayload>;

/** What a license-change confirmation is bound to: the users, in the order listed ("the first N" follows it). */
export const licenseChangeTarget = (payload: Pick<LicenseChangePayload, 'userIds'>): string => payload.userIds.join(',');

/** Users by id in the given order; ones deleted since the request was made are left out. */
export async function usersByIds(ctx: HandlerContext, customerId: string, ids: readonly string[]): Promise<User[]> {
  const users = await Promise.all(ids.map((userId) => ctx.service.getUser(customerId, userId).catch(() => undefined)));
  return users.filter((u): u is User => u !== undefined);
}

export const listNames = (names: readonly string[], max = 15): string =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;

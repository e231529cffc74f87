import type { z } from 'zod';
import type { AdaptiveCard } from '../cards/card-template.js';
import type { APPROVABLE_ACTIONS } from '../config.js';
import type { HandlerContext } from './handler-context.js';
import type { Permission } from './permissions.js';

export type ApprovableAction = (typeof APPROVABLE_ACTIONS)[number];

export interface ChangeSummary {
  title: string;
  message: string;
  facts: { title: string; value: string }[];
}

/**
 * A change to directory data, described by a stored payload. The same definition runs after a confirmation,
 * or after an approval under the approver's authority: what runs is exactly the payload that was stored.
 */
export interface ChangeDefinition<P> {
  /** Stable name, also the audit action, e.g. "user.delete". */
  kind: string;
  permission: Permission;
  /** Its name in APPROVAL_REQUIRED_FOR. */
  policyName: ApprovableAction;
  /** Validates a stored payload before it runs. */
  payloadSchema: z.ZodType<P>;
  /** Ids of the users it touches (for the privileged-user rule and APPROVAL_THRESHOLD_USERS). */
  targetUserIds(ctx: HandlerContext, payload: P): Promise<string[]>;
  /** Exactly what will happen, for confirmation and approval cards. */
  describe(ctx: HandlerContext, payload: P): Promise<ChangeSummary>;
  /** Does it (as ctx.caller), audits it, and returns the result cards for the requester. */
  execute(ctx: HandlerContext, payload: P): Promise<AdaptiveCard[]>;
}

export const defineChange = <P>(operation: ChangeDefinition<P>): ChangeDefinition<P> => operation;

import { z } from 'zod';
import { approvalChannelSchema, approvalSchema, confirmationSchema, grantSchema, passwordHideSchema, scheduledItemSchema } from '../../ports/state/records.js';

// One definition of DATA_DIR/app.json, read by the file state store and by `migrate-state` (which copies it into
// PostgreSQL): a field added here is copied too.

/** A scheduled item as app.json keeps it: with the lease of the run that claimed it, if any. */
const storedItemSchema = scheduledItemSchema.extend({ leaseUntil: z.string().optional() });
export type StoredItem = z.infer<typeof storedItemSchema>;

/** DATA_DIR/app.json: every file written by earlier versions stays readable (new keys default to empty). */
export const appFileSchema = z.object({
  version: z.literal(1),
  grants: z.array(grantSchema).default([]),
  /** conversation id -> chosen customer id */
  conversations: z.record(z.string(), z.object({ customerId: z.string() })).default({}),
  confirmations: z.array(confirmationSchema).default([]),
  /** operatorId -> address of the bot's personal chat with that operator (opaque to the app) */
  personalChats: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  /** Written by versions before the schedule: read, then moved into `scheduled` (kind 'password.hide'). */
  passwordHides: z.array(passwordHideSchema).default([]),
  approvals: z.array(approvalSchema).default([]),
  approvalChannels: z.array(approvalChannelSchema).default([]),
  /** Local development only (no home tenant configured): bare BOT_OWNERS object id -> the tenant it first wrote from. */
  ownerTenants: z.record(z.string(), z.object({ tenantId: z.string(), boundAt: z.string() })).default({}),
  /** operatorId -> the display name the operator last wrote with. */
  names: z.record(z.string(), z.object({ name: z.string(), seenAt: z.string() })).default({}),
  scheduled: z.array(storedItemSchema).default([]),
});

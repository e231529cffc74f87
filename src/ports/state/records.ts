import { z } from 'zod';
import { ROLES } from '../../domain/roles.js';

/**
 * The records the bot keeps about its own work, with the schemas every state backend validates them with (the file
 * store on read, PostgreSQL on the way out of a row).
 */

export const operatorKeySchema = z.object({ tenantId: z.string(), aadObjectId: z.string() });

export const grantSchema = z.object({
  tenantId: z.string(),
  aadObjectId: z.string(),
  role: z.enum(ROLES),
  /** Customer ids the role is limited to; null means every customer. */
  customers: z.array(z.string()).nullable(),
  grantedBy: z.string(),
  grantedAt: z.string(),
});

export const confirmationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  operator: operatorKeySchema,
  customerId: z.string(),
  /** What exactly will be acted on, e.g. a user id; the stored payload is what runs, never card data. */
  target: z.string(),
  payload: z.record(z.string(), z.unknown()),
  /** Why the operator asked for it ("because ..."): carried to the audit entries of the change. */
  reason: z.string().optional(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().optional(),
});

export const passwordHideSchema = z.object({
  /** The message showing a temporary password, in the requester's personal chat. */
  address: z.record(z.string(), z.unknown()),
  activityId: z.string(),
  hideAt: z.string(),
  /** The card that replaces it: user names only, never a password. */
  hiddenCard: z.record(z.string(), z.unknown()),
});

const factSchema = z.object({ title: z.string(), value: z.string() });

/** Where a copy of an approval card was posted, so every copy can be updated when the state changes. */
export const postedCardSchema = z.object({ address: z.record(z.string(), z.unknown()), activityId: z.string(), audience: z.enum(['channel', 'approver', 'requester']) });

export const approvalSchema = z.object({
  id: z.string(),
  /** The operation kind (ChangeDefinition.kind); what runs is `payload`, validated again by its payloadSchema. */
  kind: z.string(),
  permission: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  payload: z.unknown(),
  /** Why a second person must decide: the requester's role, an admin-role target, policy, or the user threshold. */
  why: z.enum(['role', 'privileged', 'policy', 'threshold']),
  /** Approvers must be allowed to act on admin-role users. */
  privileged: z.boolean(),
  summary: z.object({ title: z.string(), message: z.string(), facts: z.array(factSchema) }),
  target: z.string(),
  requester: z.object({ tenantId: z.string(), aadObjectId: z.string(), name: z.string() }),
  reason: z.string().optional(),
  createdAt: z.string(),
  expiresAt: z.string(),
  state: z.enum(['pending', 'approved', 'rejected', 'expired', 'cancelled']),
  decidedBy: z.object({ tenantId: z.string(), aadObjectId: z.string(), name: z.string() }).optional(),
  decidedAt: z.string().optional(),
  comment: z.string().optional(),
  /** After approval: whether the operation ran, and the error it failed with. */
  outcome: z.object({ status: z.enum(['running', 'done', 'failed']), message: z.string().optional(), requesterNotified: z.boolean().optional() }).optional(),
  /** Where the request went: 'channel' or the names of the approvers reached in personal chat. */
  sentTo: z.string(),
  posted: z.array(postedCardSchema).default([]),
});

export const approvalChannelSchema = z.object({
  /** null: the channel takes approvals for every customer without a channel of its own. */
  customerId: z.string().nullable(),
  conversationId: z.string(),
  address: z.record(z.string(), z.unknown()),
  setBy: z.string(),
  setAt: z.string(),
});


/** Work due at a time (see ScheduleStore). */
export const scheduledItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  /** Unique per kind, e.g. the activity id of the message showing a password. */
  key: z.string(),
  dueAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
  attempts: z.number().int(),
});

export const auditEntrySchema = z.object({
  at: z.string(),
  actor: z.object({ tenantId: z.string(), aadObjectId: z.string(), name: z.string() }),
  role: z.string(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  outcome: z.enum(['success', 'partial', 'failure', 'denied', 'requested']),
  /** Per-user outcomes, counts, error codes. Never a secret. */
  details: z.record(z.string(), z.unknown()).optional(),
  approvalId: z.string().optional(),
  /** The reason the operator gave for the change ("because ..."), on the change's own entries and its approval's. */
  reason: z.string().optional(),
});


/** What a user held when this app deleted it, and who deleted it. */
export const deletionRecordSchema = z.object({
  upn: z.string(),
  licenses: z.array(z.string()),
  /** Unknown when Graph would not tell at deletion time: a restore then treats the user as possibly an admin. */
  adminRoles: z.union([z.array(z.string()), z.object({ unknown: z.literal(true), missingPermission: z.string() })]),
  deletedAt: z.string(),
  deletedBy: z.object({ aadObjectId: z.string(), name: z.string() }),
});

const optionalText = z.string().optional();

const newUserInputSchema = z.object({
  upn: z.string(),
  givenName: z.string(),
  surname: z.string(),
  displayName: z.string(),
  usageLocation: optionalText,
  licenses: z.array(z.string()),
  jobTitle: optionalText,
  department: optionalText,
  officeLocation: optionalText,
  businessPhone: optionalText,
  mobilePhone: optionalText,
  streetAddress: optionalText,
  city: optionalText,
  state: optionalText,
  postalCode: optionalText,
  country: optionalText,
});

export const importRowSchema = z.object({ rowNumber: z.number().int(), input: newUserInputSchema });

const rowProblemSchema = z.object({ rowNumber: z.number().int(), column: z.string(), reason: z.string() });
const failureSchema = z.object({ rowNumber: z.number().int(), upn: z.string(), reason: z.string() });
const messageRefSchema = z.object({ address: z.record(z.string(), z.unknown()), activityId: z.string() });

/**
 * One import: what the review found, and how far creating got (recorded after every batch). Never a password:
 * those exist only in memory until they are sent to the operator's personal chat.
 */
export const importJobSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  fileName: z.string(),
  operator: z.object({ tenantId: z.string(), aadObjectId: z.string(), name: z.string() }),
  createdAt: z.string(),
  /** The review's Create buttons work until then. */
  expiresAt: z.string(),
  /** 'running' on disk while no process runs it means the bot stopped mid-import. */
  status: z.enum(['review', 'running', 'finished', 'cancelled', 'stopped']),
  review: z.object({
    totalRows: z.number().int(),
    readyRows: z.number().int(),
    existingRows: z.number().int(),
    invalidRows: z.number().int(),
    errors: z.array(rowProblemSchema),
  }),
  progress: z.object({
    total: z.number().int(),
    /** Rows of the rows file handled so far, in order; a resumed run starts here. */
    processed: z.number().int(),
    created: z.number().int(),
    existing: z.number().int(),
    failures: z.array(failureSchema),
    /** Row numbers the directory reported as existing that this import did not create (counted in `existing`). */
    existingRows: z.array(z.number().int()).default([]),
    /**
     * Write-ahead intent: the rows (indexes into the rows file, which holds their user names) of the batch about to be
     * written. Saved with the previous batch's progress (or the start), so it costs no write of its own. If the bot
     * stops after the directory took the batch but before its progress was saved, a resumed run counts the users of
     * this range that exist as created by this import, not as existing.
     */
    inFlight: z.object({ from: z.number().int(), to: z.number().int() }).optional(),
    /** Users created in runs whose passwords never reached the operator; their user names are in <id>.unshown.json. */
    passwordsLost: z.number().int().default(0),
    startedAt: optionalText,
    updatedAt: optionalText,
    finishedAt: optionalText,
  }),
  progressMessage: messageRefSchema.optional(),
});


export type OperatorKey = z.infer<typeof operatorKeySchema>;
export type Grant = z.infer<typeof grantSchema>;
export type Confirmation = z.infer<typeof confirmationSchema>;
export type PasswordHide = z.infer<typeof passwordHideSchema>;
export type Approval = z.infer<typeof approvalSchema>;
export type ApprovalChannel = z.infer<typeof approvalChannelSchema>;
export type PostedCard = z.infer<typeof postedCardSchema>;
export type ScheduledItem = z.infer<typeof scheduledItemSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type DeletionRecord = z.infer<typeof deletionRecordSchema>;
export type ImportJob = z.infer<typeof importJobSchema>;
export type StoredImportRow = z.infer<typeof importRowSchema>;

/** One string per operator (tenant id and object id, lower case), for keys and comparisons. */
export const operatorId = (o: OperatorKey): string => `${o.tenantId.toLowerCase()}/${o.aadObjectId.toLowerCase()}`;

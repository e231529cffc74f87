import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { CoalescingWriter } from '../adapters/files/coalescing-writer.js';
import { DurableJsonFile } from '../adapters/files/durable-file.js';
import { ROLES } from './permissions.js';

const operatorKeySchema = z.object({ tenantId: z.string(), aadObjectId: z.string() });

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

export const appStateSchema = z.object({
  version: z.literal(1),
  grants: z.array(grantSchema).default([]),
  /** conversation id -> chosen customer id */
  conversations: z.record(z.string(), z.object({ customerId: z.string() })).default({}),
  confirmations: z.array(confirmationSchema).default([]),
  /** operator key -> address of the bot's personal chat with that operator (opaque to the app) */
  personalChats: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  passwordHides: z.array(passwordHideSchema).default([]),
  approvals: z.array(approvalSchema).default([]),
  approvalChannels: z.array(approvalChannelSchema).default([]),
  /**
   * Local development only (no home tenant configured): bare BOT_OWNERS object id -> the tenant it first wrote from.
   * Absent in older files, which stay readable.
   */
  ownerTenants: z.record(z.string(), z.object({ tenantId: z.string(), boundAt: z.string() })).default({}),
});

export type Grant = z.infer<typeof grantSchema>;
export type Confirmation = z.infer<typeof confirmationSchema>;
export type PasswordHide = z.infer<typeof passwordHideSchema>;
export type Approval = z.infer<typeof approvalSchema>;
export type ApprovalChannel = z.infer<typeof approvalChannelSchema>;
export type PostedCard = z.infer<typeof postedCardSchema>;
export type AppStateData = z.infer<typeof appStateSchema>;
export type OperatorKey = z.infer<typeof operatorKeySchema>;

export const operatorId = (o: OperatorKey): string => `${o.tenantId.toLowerCase()}/${o.aadObjectId.toLowerCase()}`;

/** Bot-side state (roles, conversation choices, confirmations, ...) in DATA_DIR/app.json, written durably. */
export class AppState {
  private readonly writer: CoalescingWriter;

  private constructor(
    private readonly db: Low<AppStateData>,
    private readonly file: DurableJsonFile<AppStateData>,
  ) {
    this.writer = new CoalescingWriter(
      () => this.file.writeText(JSON.stringify(this.db.data)),
      async () => {
        await this.db.read();
        this.db.data ??= appStateSchema.parse({ version: 1 });
      },
    );
  }

  static async open(dataDir: string): Promise<AppState> {
    const file = new DurableJsonFile(path.join(dataDir, 'app.json'), appStateSchema);
    const db = new Low<AppStateData>(file, appStateSchema.parse({ version: 1 }));
    await db.read();
    db.data ??= appStateSchema.parse({ version: 1 });
    return new AppState(db, file);
  }

  get data(): AppStateData {
    return this.db.data;
  }

  persist(): Promise<void> {
    return this.writer.persist();
  }

  idle(): Promise<void> {
    return this.writer.idle();
  }
}

import type { Logger } from '../log.js';
import type { Config } from '../config.js';
import type { UserLicenseService } from '../ports/directory.js';
import type { Clock } from '../domain/clock.js';
import type { Customer } from '../domain/types.js';
import type { StateStore } from '../ports/state/index.js';
import type { AuditEntry, AuditLog } from './audit.js';
import type { Confirmations } from './confirm/confirmations.js';
import type { Approvals } from './approvals/approvals.js';
import type { Caller } from '../domain/caller.js';
import type { Operators } from './operators.js';
import type { Permission, Role } from './permissions.js';
import type { PasswordHides } from './password-hides.js';
import type { SlidingWindowLimiter } from './rate-limit.js';
import type { IncomingMessage, Messenger, Outbox } from '../ports/messaging.js';
import { ServiceError } from '../domain/errors.js';
import { ReplyNotes } from './reply-notes.js';
import { turnReads } from './turn-reads.js';

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

export interface Conversation {
  id: string;
  kind: ConversationKind;
}

export interface AppServices {
  config: Config;
  log: Logger;
  clock: Clock;
  service: UserLicenseService;
  /** The bot's own state; commands reach it through core services, never directly. */
  state: StateStore;
  operators: Operators;
  confirmations: Confirmations;
  audit: AuditLog;
  outbox: Outbox;
  passwordHides: PasswordHides;
  approvals: Approvals;
  /** Per-operator limits; `mutations` is MUTATIONS_PER_MINUTE. */
  rateLimits: { mutations: SlidingWindowLimiter };
}

/** customerId/customerName default to the conversation's customer; a partner-wide command that concerns one customer (a role limited to it) names it. */
export type AuditRecord = Pick<AuditEntry, 'action' | 'target' | 'outcome'> & Partial<Pick<AuditEntry, 'details' | 'approvalId' | 'customerId' | 'customerName' | 'reason'>>;

/** What help needs to know of a command: the router's list, without the handlers (so help needs no command index). */
export interface CommandListing {
  name: string;
  permission: Permission;
  approvable?: boolean;
  category: string;
  summary: string;
  usage: string;
}

export interface HandlerContext {
  app: AppServices;
  service: UserLicenseService;
  caller: Caller;
  /** The caller's roles for the conversation's customer (or, without one, roles covering every customer). */
  roles: Role[];
  conversation: Conversation;
  messenger: Messenger;
  /** The raw incoming message (absent when a handler runs outside a turn). */
  message?: IncomingMessage;
  /** The customer chosen for this conversation, if any. */
  customerId: string | undefined;
  /** The chosen customer; throws NO_CUSTOMER with guidance when none is chosen. */
  customer(): Promise<Customer>;
  /** Appends an audit entry with who, role and customer filled in; several records go in one durable write. */
  audit(record: AuditRecord | readonly AuditRecord[]): Promise<void>;
  /** The chat commands the router dispatches to, in the order help lists them (empty when no router made the context). */
  commands: readonly CommandListing[];
  /**
   * Why the caller asks for the change at hand ("because ..."): set by the change gate, restored from a confirmation
   * or an approval; every audit entry written through this context carries it.
   */
  reason?: string;
  /** Notes on the cards this turn answers with (which approval a card is a copy of), read by whoever sends them. */
  replies: ReplyNotes;
}

/** One turn as the router sees it: who, where, and how to answer. */
export interface Turn {
  caller: Caller;
  conversation: Conversation;
  messenger: Messenger;
  message?: IncomingMessage;
  /** Where handlers note what their reply cards are; the sender reads it (a fresh one when absent). */
  replies?: ReplyNotes;
}

/**
 * The context a handler runs in, for a caller and a customer (or none). Approvals use it to run an operation under
 * the approver's authority for the request's customer, with the approval id on every audit entry.
 */
export async function handlerContext(app: AppServices, turn: Turn, customerId: string | undefined, options: { approvalId?: string; commands?: readonly CommandListing[]; reason?: string } = {}): Promise<HandlerContext> {
  const roles = customerId ? await app.operators.rolesFor(turn.caller, customerId) : await app.operators.anyRoles(turn.caller);
  let customer: Promise<Customer> | undefined;
  const ctx: HandlerContext = {
    app,
    service: turnReads(app.service),
    caller: turn.caller,
    roles,
    conversation: turn.conversation,
    messenger: turn.messenger,
    ...(turn.message ? { message: turn.message } : {}),
    customerId,
    commands: options.commands ?? [],
    ...(options.reason ? { reason: options.reason } : {}),
    replies: turn.replies ?? new ReplyNotes(),
    customer() {
      if (!customerId) return Promise.reject(new ServiceError('NO_CUSTOMER', 'No customer is chosen in this conversation.'));
      customer ??= app.service.getCustomer(customerId);
      return customer;
    },
    async audit(records: AuditRecord | readonly AuditRecord[]) {
      const name = customerId ? (await ctx.customer().catch(() => undefined))?.name ?? null : null;
      const entry = (record: AuditRecord): AuditEntry => ({
        at: app.clock.now().toISOString(),
        actor: { tenantId: turn.caller.tenantId, aadObjectId: turn.caller.aadObjectId, name: turn.caller.name },
        role: roles.join(',') || 'none',
        customerId: customerId ?? null,
        customerName: name,
        ...(options.approvalId ? { approvalId: options.approvalId } : {}),
        ...(ctx.reason ? { reason: ctx.reason } : {}),
        ...record,
      });
      if (Array.isArray(records)) await app.audit.appendAll(records.map(entry));
      else await app.audit.append(entry(records as AuditRecord));
    },
  };
  return ctx;
}

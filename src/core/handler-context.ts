import type { z } from 'zod';
import type { Logger } from '../log.js';
import type { Config } from '../config.js';
import type { AdaptiveCard } from '../cards/card-template.js';
import type { UserLicenseService } from '../ports/directory.js';
import type { Clock } from '../domain/clock.js';
import type { Customer } from '../domain/types.js';
import type { AppState } from './app-state.js';
import type { AuditEntry, AuditLog } from './audit.js';
import type { Confirmations } from './confirm/confirmations.js';
import type { Approvals } from './approvals/approvals.js';
import type { Caller, Operators } from './operators.js';
import type { Permission, Role } from './permissions.js';
import type { PasswordHides } from './password-hides.js';
import type { SlidingWindowLimiter } from './rate-limit.js';

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

export interface Conversation {
  id: string;
  kind: ConversationKind;
}

/** Where a message can be sent later (a serialized conversation reference); opaque outside src/bot. */
export type ConversationAddress = Record<string, unknown>;

export interface SentMessage {
  address: ConversationAddress;
  activityId: string | undefined;
}

/** Sends and updates messages outside the current turn (proactive). Implemented in src/bot. */
export interface Outbox {
  send(address: ConversationAddress, card: AdaptiveCard): Promise<string | undefined>;
  update(address: ConversationAddress, activityId: string, card: AdaptiveCard): Promise<void>;
  /**
   * The bot's personal (1:1) chat with an operator, or null when the bot cannot reach them. memberId (their Teams
   * user id or AAD object id) lets the bot open a chat with an operator who never wrote to it.
   */
  personalChat(caller: Caller, memberId?: string): Promise<ConversationAddress | null>;
}

/** The current conversation, as seen by a handler. Implemented in src/bot over the turn. */
export interface Messenger {
  /** Sends a card into the current conversation; returns its activity id. */
  reply(card: AdaptiveCard): Promise<string | undefined>;
  /** Sends a card to the caller's personal chat; null when the bot cannot reach them there. */
  sendPrivate(card: AdaptiveCard): Promise<SentMessage | null>;
  /** The current conversation's address, for updating a message later. */
  address(): ConversationAddress;
  /** In a card action: the id of the message whose button was pressed (Teams sends it as replyToId). */
  clickedMessageId?(): string | undefined;
  /**
   * Offers the caller a file through Teams' file consent flow (in their personal chat; Teams allows it nowhere else).
   * Absent where files cannot be offered.
   */
  offerFile?(file: FileOffer): Promise<'sent' | 'unreachable'>;
}

export interface FileOffer {
  name: string;
  description: string;
  content: Buffer;
}

export interface AppServices {
  config: Config;
  log: Logger;
  clock: Clock;
  service: UserLicenseService;
  state: AppState;
  operators: Operators;
  confirmations: Confirmations;
  audit: AuditLog;
  outbox: Outbox;
  passwordHides: PasswordHides;
  approvals: Approvals;
  /** Per-operator limits; `mutations` is MUTATIONS_PER_MINUTE. */
  rateLimits: { mutations: SlidingWindowLimiter };
}

/** A file or card attached to a message, as the channel sent it. */
export interface MessageAttachment {
  contentType: string;
  content?: unknown;
  name?: string;
}

/** The incoming activity's own text and attachments, for handlers that need more than the folded command text. */
export interface IncomingMessage {
  /** The text as sent, newlines kept (the @mention is still in it in channels). */
  text: string;
  attachments: MessageAttachment[];
  /** For a card button: the id of the message holding the card (to update it later). */
  replyToId?: string;
}

/** customerId/customerName default to the conversation's customer; a partner-wide command that concerns one customer (a role limited to it) names it. */
export type AuditRecord = Pick<AuditEntry, 'action' | 'target' | 'outcome'> & Partial<Pick<AuditEntry, 'details' | 'approvalId' | 'customerId' | 'customerName'>>;

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
  /** Appends an audit entry with who, role and customer filled in. */
  audit(record: AuditRecord): Promise<void>;
}

export type Reply = AdaptiveCard | AdaptiveCard[] | void;

export interface CommandDefinition<A> {
  /** The command's words, matched as exact tokens, e.g. "reset password". */
  name: string;
  permission: Permission;
  /** Needs a chosen customer (answered with guidance when none is chosen). */
  customerScoped: boolean;
  /**
   * The handler sends the request through operationGate (approvals): callers whose role may only request the
   * permission reach the handler instead of being refused by the router.
   */
  approvable?: boolean;
  /** Heading the command is listed under in help. */
  category: string;
  summary: string;
  usage: string;
  examples?: string[];
  /** Parses the text after the command's words. */
  schema: z.ZodType<A, string>;
  handle(ctx: HandlerContext, args: A): Promise<Reply>;
}

export interface ActionReply {
  /** Replaces the card whose button was pressed. */
  card: AdaptiveCard;
}

export interface ActionDefinition<D> {
  verb: string;
  permission: Permission;
  customerScoped: boolean;
  /** See CommandDefinition.approvable. */
  approvable?: boolean;
  /** Parses the button's data together with the card's inputs (which Teams sends as strings). */
  schema: z.ZodType<D>;
  handle(ctx: HandlerContext, data: D): Promise<ActionReply>;
}

export const defineCommand = <A>(command: CommandDefinition<A>): CommandDefinition<A> => command;
export const defineAction = <D>(action: ActionDefinition<D>): ActionDefinition<D> => action;

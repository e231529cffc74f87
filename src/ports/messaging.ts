import type { AdaptiveCard } from '../domain/adaptive-card.js';
import type { Caller } from '../domain/caller.js';

// The messaging port: how the core talks to chat, implemented in src/bot over botbuilder.

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

import type { ConversationAddress } from '../messaging.js';
import type { ApprovalChannel, OperatorKey } from './records.js';

/** Per conversation: the chosen customer; per operator: the bot's personal chat; per team channel: approvals. */
export interface ConversationStore {
  chosenCustomer(conversationId: string): Promise<string | undefined>;
  chooseCustomer(conversationId: string, customerId: string): Promise<void>;
  personalChat(who: OperatorKey): Promise<ConversationAddress | undefined>;
  savePersonalChat(who: OperatorKey, address: ConversationAddress): Promise<void>;
  forgetPersonalChat(who: OperatorKey): Promise<void>;
  /** Every operator the bot can reach in a personal chat (possible approvers). */
  personalChats(): Promise<{ who: OperatorKey; address: ConversationAddress }[]>;
  approvalChannels(): Promise<ApprovalChannel[]>;
  /** Binds the channel for channel.customerId (null: every customer without a channel of its own), replacing the previous one. */
  setApprovalChannel(channel: ApprovalChannel): Promise<void>;
  /** Unbinds this conversation for one customer (or, with customerId undefined, every binding it has); returns what was removed. */
  removeApprovalChannel(conversationId: string, customerId?: string | null): Promise<ApprovalChannel[]>;
}

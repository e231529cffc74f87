import type { ConversationAddress } from '../../../ports/messaging.js';
import type { ConversationStore } from '../../../ports/state/conversations.js';
import { operatorId, type ApprovalChannel, type OperatorKey } from '../../../ports/state/records.js';
import { copy, type AppFile } from './app-file.js';

/** Chosen customers, personal chats and approval channels in app.json. */
export class FileConversationStore implements ConversationStore {
  constructor(private readonly file: AppFile) {}

  async chosenCustomer(conversationId: string): Promise<string | undefined> {
    return this.file.data.conversations[conversationId]?.customerId;
  }

  async chooseCustomer(conversationId: string, customerId: string): Promise<void> {
    this.file.data.conversations[conversationId] = { customerId };
    await this.file.persist();
  }

  async personalChat(who: OperatorKey): Promise<ConversationAddress | undefined> {
    const known = this.file.data.personalChats[operatorId(who)];
    return known ? copy(known) : undefined;
  }

  async savePersonalChat(who: OperatorKey, address: ConversationAddress): Promise<void> {
    this.file.data.personalChats[operatorId(who)] = copy(address);
    await this.file.persist();
  }

  async forgetPersonalChat(who: OperatorKey): Promise<void> {
    const key = operatorId(who);
    if (!(key in this.file.data.personalChats)) return;
    delete this.file.data.personalChats[key];
    await this.file.persist();
  }

  async personalChats(): Promise<{ who: OperatorKey; address: ConversationAddress }[]> {
    return Object.entries(this.file.data.personalChats).map(([key, address]) => {
      const [tenantId = '', aadObjectId = ''] = key.split('/');
      return { who: { tenantId, aadObjectId }, address: copy(address) };
    });
  }

  async approvalChannels(): Promise<ApprovalChannel[]> {
    return copy(this.file.data.approvalChannels);
  }

  async setApprovalChannel(channel: ApprovalChannel): Promise<void> {
    const data = this.file.data;
    data.approvalChannels = [...data.approvalChannels.filter((c) => c.customerId !== channel.customerId), copy(channel)];
    await this.file.persist();
  }

  async removeApprovalChannel(conversationId: string, customerId?: string | null): Promise<ApprovalChannel[]> {
    const data = this.file.data;
    const gone = (c: ApprovalChannel) => c.conversationId === conversationId && (customerId === undefined || c.customerId === customerId);
    const removed = data.approvalChannels.filter(gone);
    if (removed.length === 0) return [];
    data.approvalChannels = data.approvalChannels.filter((c) => !gone(c));
    await this.file.persist();
    return copy(removed);
  }
}

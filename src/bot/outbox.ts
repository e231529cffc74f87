import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ConversationAddress, Outbox } from '../ports/messaging.js';
import type { ConversationStore } from '../ports/state/conversations.js';
import type { Caller } from '../domain/caller.js';
import type { AdaptiveCard } from '../cards/card-template.js';
import type { Logger } from '../log.js';
import { cardActivity } from './card-activity.js';

/** Proactive messages through the Bot Connector: personal chats, later updates, background progress. */
export class BotOutbox implements Outbox {
  /** The most recent serviceUrl seen, to open personal chats with operators who never wrote to the bot. */
  lastServiceUrl: string | undefined;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly conversations: ConversationStore,
    private readonly log: Logger,
  ) {}

  async send(address: ConversationAddress, card: AdaptiveCard): Promise<string | undefined> {
    return this.sendActivity(address, cardActivity(card));
  }

  /** Any activity (e.g. a file consent card), proactively. */
  async sendActivity(address: ConversationAddress, activity: Partial<Activity>): Promise<string | undefined> {
    let id: string | undefined;
    await this.adapter.continueConversationAsync(this.appId, address as Partial<ConversationReference>, async (context) => {
      id = (await context.sendActivity(activity))?.id;
    });
    return id;
  }

  async update(address: ConversationAddress, activityId: string, card: AdaptiveCard): Promise<void> {
    await this.adapter.continueConversationAsync(this.appId, address as Partial<ConversationReference>, async (context) => {
      await context.updateActivity({ ...cardActivity(card), id: activityId, type: 'message' });
    });
  }

  /** Remembers where an operator's personal chat is, from any personal-chat activity of theirs. */
  async rememberPersonalChat(caller: Caller, context: TurnContext): Promise<void> {
    const reference = TurnContext.getConversationReference(context.activity);
    const known = (await this.conversations.personalChat(caller)) as Partial<ConversationReference> | undefined;
    if (known?.conversation?.id === reference.conversation?.id && known?.serviceUrl === reference.serviceUrl) return;
    await this.conversations.savePersonalChat(caller, JSON.parse(JSON.stringify(reference)) as ConversationAddress);
  }

  /** After an uninstall the bot can no longer post to that chat: forget it (a newer chat of theirs is kept). */
  async forgetPersonalChat(caller: Caller, conversationId: string): Promise<void> {
    const known = (await this.conversations.personalChat(caller)) as Partial<ConversationReference> | undefined;
    if (!known || known.conversation?.id !== conversationId) return;
    await this.conversations.forgetPersonalChat(caller);
  }

  async personalChat(caller: Caller, fromUserId?: string, serviceUrl = this.lastServiceUrl): Promise<ConversationAddress | null> {
    const known = await this.conversations.personalChat(caller);
    if (known) return known;
    if (!serviceUrl || !fromUserId) return null;
    try {
      let created: ConversationAddress | null = null;
      await this.adapter.createConversationAsync(
        this.appId,
        'msteams',
        serviceUrl,
        '',
        { isGroup: false, bot: { id: this.appId, name: 'license-desk' }, members: [{ id: fromUserId, name: caller.name }], tenantId: caller.tenantId, channelData: { tenant: { id: caller.tenantId } }, activity: undefined as never },
        async (context) => {
          created = JSON.parse(JSON.stringify(TurnContext.getConversationReference(context.activity))) as ConversationAddress;
        },
      );
      if (created) await this.conversations.savePersonalChat(caller, created);
      return created;
    } catch (error) {
      this.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'cannot open a personal chat with the operator');
      return null;
    }
  }
}

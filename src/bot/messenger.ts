import type { TurnContext } from 'botbuilder';
import { TurnContext as TC } from 'botbuilder';
import type { ConversationAddress, Messenger, SentMessage } from '../app/handler.js';
import type { Caller } from '../app/operators.js';
import type { AdaptiveCard } from '../cards/card-template.js';
import { cardActivity } from './card-activity.js';
import type { BotOutbox } from './outbox.js';

/** The current turn's conversation, plus the caller's personal chat. */
export class TurnMessenger implements Messenger {
  constructor(
    private readonly context: TurnContext,
    private readonly caller: Caller,
    private readonly outbox: BotOutbox,
  ) {}

  async reply(card: AdaptiveCard): Promise<string | undefined> {
    return (await this.context.sendActivity(cardActivity(card)))?.id;
  }

  address(): ConversationAddress {
    return JSON.parse(JSON.stringify(TC.getConversationReference(this.context.activity))) as ConversationAddress;
  }

  clickedMessageId(): string | undefined {
    return this.context.activity.replyToId;
  }

  async sendPrivate(card: AdaptiveCard): Promise<SentMessage | null> {
    if (this.context.activity.conversation?.conversationType === 'personal' || !this.context.activity.conversation?.conversationType) {
      return { address: this.address(), activityId: await this.reply(card) };
    }
    const address = await this.outbox.personalChat(this.caller, this.context.activity.from?.id, this.context.activity.serviceUrl);
    if (!address) return null;
    try {
      return { address, activityId: await this.outbox.send(address, card) };
    } catch {
      return null;
    }
  }
}

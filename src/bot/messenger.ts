import type { TurnContext } from 'botbuilder';
import { MessageFactory, TurnContext as TC } from 'botbuilder';
import type { ConversationAddress, FileOffer, Messenger, SentMessage } from '../ports/messaging.js';
import { consentAttachment } from './file-consent.js';
import type { FileOffers } from './file-offers.js';
import type { Caller } from '../domain/caller.js';
import type { AdaptiveCard } from '../cards/card-template.js';
import { cardActivity } from './card-activity.js';
import type { BotOutbox } from './outbox.js';

/** The current turn's conversation, plus the caller's personal chat. */
export class TurnMessenger implements Messenger {
  constructor(
    private readonly context: TurnContext,
    private readonly caller: Caller,
    private readonly outbox: BotOutbox,
    private readonly offers?: FileOffers,
  ) {}

  private get isPersonal(): boolean {
    return this.context.activity.conversation?.conversationType === 'personal' || !this.context.activity.conversation?.conversationType;
  }

  async offerFile(file: FileOffer): Promise<'sent' | 'unreachable'> {
    if (!this.offers) return 'unreachable';
    const activity = MessageFactory.attachment(consentAttachment(this.offers.add(this.caller, file), file));
    if (this.isPersonal) {
      await this.context.sendActivity(activity);
      return 'sent';
    }
    const address = await this.outbox.personalChat(this.caller, this.context.activity.from?.id, this.context.activity.serviceUrl);
    if (!address) return 'unreachable';
    await this.outbox.sendActivity(address, activity);
    return 'sent';
  }

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
    if (this.isPersonal) {
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

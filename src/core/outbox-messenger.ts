import type { AdaptiveCard } from '../cards/card-template.js';
import type { ConversationAddress, Messenger, Outbox, SentMessage } from '../ports/messaging.js';

/**
 * A messenger bound to one personal chat outside the current turn. An approved operation runs with the requester's
 * personal chat as its messenger, so everything it sends (temporary passwords included) reaches the requester only.
 * With no address (requester unreachable) nothing is sent.
 */
export class OutboxMessenger implements Messenger {
  readonly sent: SentMessage[] = [];

  constructor(
    private readonly outbox: Outbox,
    private readonly target: ConversationAddress | null,
  ) {}

  async reply(card: AdaptiveCard): Promise<string | undefined> {
    return (await this.sendPrivate(card))?.activityId;
  }

  async sendPrivate(card: AdaptiveCard): Promise<SentMessage | null> {
    if (!this.target) return null;
    const sent = { address: this.target, activityId: await this.outbox.send(this.target, card) };
    this.sent.push(sent);
    return sent;
  }

  address(): ConversationAddress {
    return this.target ?? {};
  }
}

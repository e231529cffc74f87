import type { AdaptiveCard } from '../cards/card-template.js';

/**
 * What the core says about the cards it answers one turn with, for the bot layer that sends them. Today: which approval
 * a reply is a copy of, so the sent activity is recorded and updated with the other copies. Notes are kept by card
 * identity, so nothing reads card JSON back (renaming a verb in a template cannot break tracking).
 */
export class ReplyNotes {
  private readonly approvals = new WeakMap<AdaptiveCard, string>();

  /** Marks the card as a copy of this approval's card; returns it. */
  approvalCopy(card: AdaptiveCard, approvalId: string): AdaptiveCard {
    this.approvals.set(card, approvalId);
    return card;
  }

  /** The approval the card is a copy of, if the core said so. */
  approvalOf(card: AdaptiveCard): string | undefined {
    return this.approvals.get(card);
  }
}

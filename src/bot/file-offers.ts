import { randomBytes } from 'node:crypto';
import type { FileOffer } from '../ports/messaging.js';
import { operatorId, type OperatorKey } from '../ports/state/records.js';

const OFFER_TTL_MS = 60 * 60_000;
const MAX_OFFERS = 200;

interface PendingOffer extends FileOffer {
  owner: string;
  at: number;
}

/**
 * Files offered through Teams' file consent card, waiting for Accept or Decline. The consent card carries only the
 * offer id; the bytes stay here, for the operator they were made for, for an hour (not across restarts: ask again).
 */
export class FileOffers {
  private readonly offers = new Map<string, PendingOffer>();

  add(owner: OperatorKey, file: FileOffer, now = Date.now()): string {
    for (const [id, offer] of this.offers) if (now - offer.at > OFFER_TTL_MS || this.offers.size >= MAX_OFFERS) this.offers.delete(id);
    const id = randomBytes(12).toString('base64url');
    this.offers.set(id, { ...file, owner: operatorId(owner), at: now });
    return id;
  }

  /** The offer for this operator, removed (a consent works once); undefined if unknown, expired or someone else's. */
  take(id: unknown, who: OperatorKey, now = Date.now()): FileOffer | undefined {
    if (typeof id !== 'string') return undefined;
    const offer = this.offers.get(id);
    if (!offer || offer.owner !== operatorId(who) || now - offer.at > OFFER_TTL_MS) return undefined;
    this.offers.delete(id);
    return offer;
  }
}

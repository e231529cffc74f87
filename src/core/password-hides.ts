import type { AdaptiveCard } from '../cards/card-template.js';
import type { Clock } from '../domain/clock.js';
import type { ScheduledItem } from '../ports/state/records.js';
import type { ScheduleStore } from '../ports/state/schedule.js';
import type { ConversationAddress, Outbox } from '../ports/messaging.js';
import type { Scheduler } from './scheduler.js';

export const PASSWORD_HIDE = 'password.hide';

/** A scheduled hide: the message (keyed by its activity id) and the card that replaces it (user names only). */
interface HidePayload {
  address: ConversationAddress;
  hiddenCard: AdaptiveCard;
}
const payloadOf = (item: ScheduledItem): HidePayload => item.payload as unknown as HidePayload;

/**
 * Messages that show temporary passwords are replaced by a "password hidden" card after PASSWORD_VISIBLE_MINUTES
 * (or when the Hide button is pressed). Each hide is scheduled work (kind 'password.hide', keyed by the message's
 * activity id), so hides still happen after a restart, on whichever instance claims them.
 */
export class PasswordHides {
  constructor(
    private readonly store: ScheduleStore,
    private readonly scheduler: Scheduler,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly visibleMinutes: number,
  ) {
    scheduler.register(PASSWORD_HIDE, (item) => this.hide(item));
  }

  async schedule(address: ConversationAddress, activityId: string, hiddenCard: AdaptiveCard): Promise<void> {
    const dueAt = new Date(this.clock.now().getTime() + this.visibleMinutes * 60_000).toISOString();
    await this.store.schedule({ kind: PASSWORD_HIDE, key: activityId, dueAt, payload: { address, hiddenCard } });
  }

  /** Where the message with this activity id is, while its hide is pending. */
  async pending(activityId: string): Promise<ConversationAddress | undefined> {
    const item = await this.store.get(PASSWORD_HIDE, activityId);
    return item ? payloadOf(item).address : undefined;
  }

  /** Forgets the scheduled hide of a message that was hidden by its button; returns its hidden card. */
  async cancel(activityId: string): Promise<AdaptiveCard | undefined> {
    const item = await this.store.cancel(PASSWORD_HIDE, activityId);
    return item ? payloadOf(item).hiddenCard : undefined;
  }

  /** Hides every message whose time has come; a message that cannot be updated is retried on the next run. */
  runDue(): Promise<number> {
    return this.scheduler.runDue([PASSWORD_HIDE]);
  }

  private async hide(item: ScheduledItem): Promise<void> {
    const { address, hiddenCard } = payloadOf(item);
    await this.outbox.update(address, item.key, hiddenCard);
  }
}

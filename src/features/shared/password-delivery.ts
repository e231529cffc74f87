import type { HandlerContext } from '../../core/handler-context.js';
import type { AdaptiveCard } from '../../cards/card-template.js';
import type { CardAction } from '../../cards/common.js';
import { notice } from '../../cards/messages.js';
import { passwordResultCard } from '../../cards/user-create.js';
import { VERB } from '../../cards/verbs.js';

export interface PasswordDelivery {
  title: string;
  displayName: string;
  upn: string;
  temporaryPassword: string;
  facts: { title: string; value: string }[];
  /** Buttons after "Hide password". */
  actions?: CardAction[];
}

export interface DeliveryResult {
  delivered: boolean;
  /** One sentence for the conversation the request came from; never the password. */
  note: string;
}

const formatTime = (date: Date): string => `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;

/** What replaces a password message: names only. */
export function passwordHiddenCard(displayName: string, upn: string): AdaptiveCard {
  return notice('Password hidden', `The temporary password for ${displayName} (${upn}) is no longer shown. If it was not passed on, reset the password again.`);
}

/**
 * Sends the temporary password to the requester's personal chat only (a reply when asked there, a proactive message
 * when asked in a channel or group chat) and schedules its hiding. The password goes nowhere else.
 */
export async function deliverPassword(ctx: HandlerContext, delivery: PasswordDelivery): Promise<DeliveryResult> {
  const { app } = ctx;
  const hideAt = new Date(app.clock.now().getTime() + app.config.PASSWORD_VISIBLE_MINUTES * 60_000);
  const card = passwordResultCard.render({
    title: delivery.title,
    displayName: delivery.displayName,
    facts: delivery.facts,
    password: delivery.temporaryPassword,
    hideAt: formatTime(hideAt),
    actions: [{ title: 'Hide password', verb: VERB.passwordHide, data: { upn: delivery.upn, displayName: delivery.displayName } }, ...(delivery.actions ?? [])],
  });
  const sent = await ctx.messenger.sendPrivate(card);
  if (!sent) {
    app.log.warn({ upn: delivery.upn }, 'could not reach the requester privately; the temporary password was not shown');
    return {
      delivered: false,
      note: 'I could not reach you in a personal chat, so the temporary password is not shown anywhere. Open a chat with the bot and reset the password there to get a new one.',
    };
  }
  app.log.debug({ upn: delivery.upn, askedIn: ctx.conversation.kind, activityId: sent.activityId }, 'temporary password sent to the personal chat');
  if (sent.activityId) await app.passwordHides.schedule(sent.address, sent.activityId, passwordHiddenCard(delivery.displayName, delivery.upn));
  return {
    delivered: true,
    note:
      ctx.conversation.kind === 'personal'
        ? 'The temporary password is in its own message in this chat (hidden again after a while).'
        : `The temporary password was sent to ${ctx.caller.name} privately, in their chat with the bot.`,
  };
}

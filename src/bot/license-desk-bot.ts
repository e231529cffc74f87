import { ActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AppServices } from '../core/handler-context.js';
import type { Router } from '../core/router.js';
import type { Turn } from '../core/handler-context.js';
import { ReplyNotes } from '../core/reply-notes.js';
import { cardActivity } from './card-activity.js';
import { callerOf, conversationOf } from './caller.js';
import { TurnMessenger } from './messenger.js';
import type { BotOutbox } from './outbox.js';
import { RecentActivities } from './recent-activities.js';
import { FileOffers } from './file-offers.js';
import { handleFileConsent } from './file-consent.js';
import { trackRequesterCopy } from '../core/approvals/approval-delivery.js';
import type { AdaptiveCard } from '../cards/card-template.js';
import type { TenantGate } from './tenant-gate.js';
import { errorCardFor } from '../cards/messages.js';
import { Welcomer } from './welcome.js';

const CARD = 'application/vnd.microsoft.card.adaptive';
const ERROR = 'application/vnd.microsoft.error';

/** Bot Framework glue: messages to commands, Action.Execute invokes to card verbs. */
export class LicenseDeskBot extends ActivityHandler {
  private readonly recent: RecentActivities<InvokeResponse | undefined>;
  private readonly fileOffers = new FileOffers();

  constructor(
    private readonly app: AppServices,
    private readonly router: Router,
    private readonly outbox: BotOutbox,
    private readonly tenants: TenantGate,
  ) {
    super();
    this.recent = new RecentActivities(app.state.activities);
    // Who sent what kind of activity; never the text, the value or any header.
    this.onTurn(async (context, next) => {
      const { type, name, id, channelId } = context.activity;
      const { tenantId, aadObjectId } = callerOf(context.activity);
      this.app.log.debug({ type, name, id, channelId, tenantId, aadObjectId, conversation: conversationOf(context.activity).kind }, 'activity');
      await next();
    });
    this.onMessage(async (context, next) => {
      if (!this.admitsTenant(context)) {
        await context.sendActivity(cardActivity(errorCardFor('FORBIDDEN', FOREIGN_TENANT)));
        return;
      }
      // A message another instance already took is dropped.
      const { duplicate, result } = this.recent.once(context.activity.id, Date.now(), () => this.handleMessage(context).then(() => undefined), () => undefined);
      if (!duplicate) await result;
      await next();
    });
    const welcomer = new Welcomer(app, outbox, (context) => this.admitsTenant(context));
    this.onConversationUpdate(async (context, next) => {
      await welcomer.onConversationUpdate(context);
      await next();
    });
    this.onInstallationUpdate(async (context, next) => {
      await welcomer.onInstallationUpdate(context);
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const name = context.activity.name;
    // Teams may send invokes this bot never registered for (message extensions, tabs): a terse 400, never a 5xx.
    if (name !== 'adaptiveCard/action' && name !== 'fileConsent/invoke') return { status: 400, body: { error: 'Unsupported invoke' } };
    if (!this.admitsTenant(context)) return invokeError('FORBIDDEN', FOREIGN_TENANT, 403);
    const handle = name === 'fileConsent/invoke' ? () => handleFileConsent(context, this.fileOffers, this.app.log, this.app.config.NODE_ENV !== 'production') : () => this.handleCardAction(context);
    const { result } = this.recent.once(context.activity.id, Date.now(), handle, alreadyHandled);
    return (await result) ?? { status: 200 };
  }

  /** Activities from tenants outside the allow-list never reach the router (nor are their chats remembered). */
  private admitsTenant(context: TurnContext): boolean {
    const { tenantId } = callerOf(context.activity);
    if (this.tenants.allows(tenantId)) return true;
    this.app.log.warn({ tenantId: tenantId.slice(0, 64), activityType: context.activity.type }, 'refused an activity from a tenant that is not allowed');
    return false;
  }

  private async turn(context: TurnContext): Promise<Turn> {
    const caller = callerOf(context.activity);
    const conversation = conversationOf(context.activity);
    // Past the tenant gate: a bare owner id without a home tenant is bound to the first tenant it writes from.
    await this.app.operators.owners.noteCaller(caller);
    this.outbox.lastServiceUrl = context.activity.serviceUrl;
    if (conversation.kind === 'personal' && caller.aadObjectId) await this.outbox.rememberPersonalChat(caller, context);
    const { text, attachments, replyToId } = context.activity;
    const message = { text: text ?? '', attachments: (attachments ?? []).map((a) => ({ contentType: a.contentType, content: a.content as unknown, name: a.name })), ...(replyToId ? { replyToId } : {}) };
    return { caller, conversation, messenger: new TurnMessenger(context, caller, this.outbox, this.fileOffers), message, replies: new ReplyNotes() };
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const text = context.activity.text ?? '';
    const cleaned = context.activity.entities?.length ? withoutBotMention(context) : text;
    const turn = await this.turn(context);
    const cards = await this.router.onMessage(turn, cleaned);
    for (const card of cards) await this.trackApprovalCopy(card, turn, (await context.sendActivity(cardActivity(card)))?.id);
  }

  /** The requester's copy of an approval card is updated with the others when the request is decided (the core notes which replies are copies). */
  private async trackApprovalCopy(card: AdaptiveCard, turn: Turn, activityId: string | undefined): Promise<void> {
    const approvalId = turn.replies?.approvalOf(card);
    if (approvalId) await trackRequesterCopy(this.app, approvalId, turn.caller, turn.messenger.address(), activityId);
  }

  private async handleCardAction(context: TurnContext): Promise<InvokeResponse> {
    const value = (context.activity.value ?? {}) as { action?: { type?: unknown; verb?: unknown; data?: unknown } };
    const action = value.action;
    if (!action || action.type !== 'Action.Execute') return invokeError('INVALID_INPUT', 'Only Action.Execute is supported.');
    const turn = await this.turn(context);
    const outcome = await this.router.onAction(turn, action.verb, action.data ?? {});
    if (outcome.status === 400) {
      this.app.log.info({ verb: typeof action.verb === 'string' ? action.verb.slice(0, 64) : typeof action.verb, code: outcome.code }, 'card action refused');
      return invokeError(outcome.code, outcome.message);
    }
    await this.trackApprovalCopy(outcome.card, turn, context.activity.replyToId);
    return { status: 200, body: { statusCode: 200, type: CARD, value: outcome.card } };
  }
}

/** A retried invoke that another instance is handling (or handled): its answer went there. */
const alreadyHandled = (): InvokeResponse => ({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Already handled.' } });

const FOREIGN_TENANT = "This bot serves only its partner's own organization, and yours is not on its list. Nothing was done.";

function invokeError(code: string, message: string, statusCode = 400): InvokeResponse {
  return { status: 200, body: { statusCode, type: ERROR, value: { code, message } } };
}

/** In channels the message starts with "<at>license-desk</at>"; the command is what follows. */
function withoutBotMention(context: TurnContext): string {
  let text = context.activity.text ?? '';
  for (const entity of context.activity.entities ?? []) {
    const mention = entity as { type: string; mentioned?: { id?: string }; text?: string };
    if (mention.type === 'mention' && mention.mentioned?.id === context.activity.recipient?.id && mention.text) text = text.split(mention.text).join(' ');
  }
  return text;
}


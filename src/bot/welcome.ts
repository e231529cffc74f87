import type { TurnContext } from 'botbuilder';
import type { AppServices } from '../core/handler-context.js';
import { welcomeFor } from '../features/help/support/welcome.js';
import { callerOf, conversationOf } from './caller.js';
import { cardActivity } from './card-activity.js';
import type { BotOutbox } from './outbox.js';

/** Teams sends both a conversationUpdate and an installationUpdate for one install: one welcome per this window. */
const WELCOME_ONCE_MS = 10 * 60_000;

/**
 * Install and uninstall: a welcome card when the bot is added to a personal chat, a team or a group chat, the
 * installer's personal chat address remembered at once (so approval cards reach an approver who never wrote to the
 * bot), and forgotten when the app is removed (the bot can no longer post there).
 */
export class Welcomer {
  private readonly welcomed = new Map<string, number>();

  constructor(
    private readonly app: AppServices,
    private readonly outbox: BotOutbox,
    private readonly admits: (context: TurnContext) => boolean,
  ) {}

  async onConversationUpdate(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersAdded?.some((m) => m.id === botId)) await this.installed(context, true);
    else if (context.activity.membersRemoved?.some((m) => m.id === botId)) await this.removed(context);
  }

  async onInstallationUpdate(context: TurnContext): Promise<void> {
    const action = context.activity.action ?? '';
    // "add-upgrade" is a new version of an app already there: remember the chat, but no second welcome.
    if (action === 'add' || action === 'add-upgrade') await this.installed(context, action === 'add');
    else if (action === 'remove' || action === 'remove-upgrade') await this.removed(context);
  }

  private async installed(context: TurnContext, welcome: boolean): Promise<void> {
    if (!this.admits(context)) return;
    const caller = callerOf(context.activity);
    const conversation = conversationOf(context.activity);
    const personal = conversation.kind === 'personal';
    if (personal && caller.aadObjectId) await this.outbox.rememberPersonalChat(caller, context);
    if (!welcome || this.welcomedRecently(conversation.id)) return;
    const card = await welcomeFor(this.app, caller, personal, context.activity.recipient?.name || 'License Desk');
    await context.sendActivity(cardActivity(card));
  }

  private async removed(context: TurnContext): Promise<void> {
    const caller = callerOf(context.activity);
    const conversation = conversationOf(context.activity);
    this.welcomed.delete(conversation.id);
    if (conversation.kind === 'personal' && caller.aadObjectId) await this.outbox.forgetPersonalChat(caller, conversation.id);
  }

  private welcomedRecently(conversationId: string): boolean {
    const now = Date.now();
    for (const [id, at] of this.welcomed) if (now - at > WELCOME_ONCE_MS) this.welcomed.delete(id);
    if (this.welcomed.has(conversationId)) return true;
    this.welcomed.set(conversationId, now);
    return false;
  }
}

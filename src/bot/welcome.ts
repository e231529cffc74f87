import type { TurnContext } from 'botbuilder';
import type { AppServices } from '../core/handler-context.js';
import type { Caller } from '../domain/caller.js';
import { ROLE_LABELS } from '../core/permissions.js';
import { welcomeCard } from '../cards/welcome.js';
import type { AdaptiveCard } from '../cards/card-template.js';
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

const INTRO = "I manage your customers' Microsoft 365 users and licenses from chat: find users, create them, reset passwords, assign licenses, with confirmations, approvals and an audit trail.";

/**
 * The card sent when the app is installed. In a personal chat it says who the installer is to the bot (their roles,
 * or how to get one); in a team or group chat, how to mention the bot and how to route approvals there.
 */
async function welcomeFor(app: AppServices, caller: Caller, personal: boolean, botName: string): Promise<AdaptiveCard> {
  if (!personal) {
    const at = `@${botName}`;
    return welcomeCard.render({
      personal: false,
      intro: INTRO,
      roleText: '',
      examples: [`${at} help`, `${at} customers`, `${at} users unlicensed`],
      approvalsText: `A global admin can type \`${at} approvals here\` to have approval requests posted in this channel.`,
    });
  }
  const roles = caller.aadObjectId ? await app.operators.anyRoles(caller) : [];
  const roleText = roles.length
    ? `You are ${roles.map((r) => ROLE_LABELS[r]).join(', ')}. Start with Customers, or type \`help\`.`
    : 'You have no role yet: type `whoami` and send the AAD object id it shows to a global admin, who gives you a role with `grant`.';
  return welcomeCard.render({ personal: true, intro: INTRO, roleText, examples: [], approvalsText: '' });
}

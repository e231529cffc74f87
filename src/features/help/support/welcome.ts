import type { AppServices } from '../../../core/handler-context.js';
import type { Caller } from '../../../domain/caller.js';
import { ROLE_LABELS } from '../../../core/permissions.js';
import { welcomeCard } from '../../../cards/welcome.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';

const INTRO = "I manage your customers' Microsoft 365 users and licenses from chat: find users, create them, reset passwords, assign licenses, with confirmations, approvals and an audit trail.";

/**
 * The card sent when the app is installed. In a personal chat it says who the installer is to the bot (their roles,
 * or how to get one); in a team or group chat, how to mention the bot and how to route approvals there.
 */
export async function welcomeFor(app: AppServices, caller: Caller, personal: boolean, botName: string): Promise<AdaptiveCard> {
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

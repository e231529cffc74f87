import type { CommandListing, HandlerContext } from '../../../core/handler-context.js';
import { access, mayActOnPrivilegedUsers, privilegedTargetAccess, PARTNER_WIDE, ROLE_LABELS, type Access, type Role } from '../../../core/permissions.js';
import { helpCard } from '../../../cards/operators.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';

/** How a role may use a command: the router's rule (partner-wide powers need a grant for every customer). */
function accessTo(ctx: HandlerContext, partnerWideRoles: readonly Role[], command: CommandListing): Access {
  const roles = PARTNER_WIDE.includes(command.permission) ? partnerWideRoles : ctx.roles;
  const allowed = access(roles, command.permission);
  return allowed === 'request' && !command.approvable ? 'deny' : allowed;
}

const REQUEST_NOTE = ' You may ask: an admin approves before anything changes (add `because <ticket or reason>`).';

/** What the caller's roles mean in practice, beyond the list of commands. */
function roleNotes(roles: readonly Role[], anyRequest: boolean): string[] {
  const notes: string[] = [];
  if (anyRequest) notes.push('Commands marked "You may ask" send a request to the approvals channel or to the admins; you get the result in your personal chat.');
  if (roles.length > 0 && !mayActOnPrivilegedUsers(roles)) {
    notes.push(
      privilegedTargetAccess(roles) === 'request'
        ? 'Changes to users who hold an admin role go to a Global admin or Admin agent for approval.'
        : 'Users who hold an admin role are left to a Global admin or Admin agent.',
    );
  }
  return notes;
}

export async function helpFor(ctx: HandlerContext): Promise<AdaptiveCard> {
  // The router's list, passed in the context: importing the command index here would be a cycle (it lists help).
  const { commands } = ctx;
  const sections = new Map<string, { usage: string; summary: string }[]>();
  let anyRequest = false;
  const partnerWideRoles = await ctx.app.operators.rolesFor(ctx.caller, undefined);
  for (const c of commands) {
    const allowed = accessTo(ctx, partnerWideRoles, c);
    if (allowed === 'deny') continue;
    anyRequest ||= allowed === 'request';
    const summary = allowed === 'request' ? `${c.summary}${REQUEST_NOTE}` : c.summary;
    sections.set(c.category, [...(sections.get(c.category) ?? []), { usage: c.usage, summary }]);
  }
  const customer = ctx.customerId ? await ctx.customer().catch(() => undefined) : undefined;
  const roles = ctx.roles.map((r) => ROLE_LABELS[r]).join(', ');
  const intro = [
    roles ? `Your roles: ${roles}.` : 'You have no role yet: type `whoami` and send your AAD object id to a global admin.',
    customer ? `Working on ${customer.name}.` : roles ? 'Choose a customer with `customers` and `use <customer>`.' : '',
    ...roleNotes(ctx.roles, anyRequest),
  ]
    .filter(Boolean)
    .join(' ');
  return helpCard.render({ intro, sections: [...sections].map(([title, list]) => ({ title, commands: list })) });
}

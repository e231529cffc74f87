import { z } from 'zod';
import { defineCommand, type HandlerContext } from '../app/handler.js';
import { access, ROLE_LABELS } from '../app/permissions.js';
import { helpCard } from '../cards/operators.js';
import type { AdaptiveCard } from '../cards/card-template.js';

export async function helpFor(ctx: HandlerContext): Promise<AdaptiveCard> {
  // Loaded here, not at the top: index.ts lists this module, and a static import cycle leaves `help` undefined in the
  // list whenever help.ts happens to be loaded first (as through the help.show button's action).
  const { commands } = await import('./index.js');
  const allowed = commands.filter((c) => access(ctx.roles, c.permission) !== 'deny');
  const sections = new Map<string, { usage: string; summary: string }[]>();
  for (const c of allowed) sections.set(c.category, [...(sections.get(c.category) ?? []), { usage: c.usage, summary: c.summary }]);
  const customer = ctx.customerId ? await ctx.customer().catch(() => undefined) : undefined;
  const roles = ctx.roles.map((r) => ROLE_LABELS[r]).join(', ');
  const intro = [
    roles ? `Your roles: ${roles}.` : 'You have no role yet: type `whoami` and send your AAD object id to a global admin.',
    customer ? `Working on ${customer.name}.` : roles ? 'Choose a customer with `customers` and `use <customer>`.' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return helpCard.render({ intro, sections: [...sections].map(([title, list]) => ({ title, commands: list })) });
}

export default defineCommand({
  name: 'help',
  permission: 'public',
  customerScoped: false,
  category: 'Start here',
  summary: 'What you can do here, with examples.',
  usage: 'help',
  schema: z.string(),
  handle: (ctx) => helpFor(ctx),
});

import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { approvalsListCard } from '../../../cards/approvals.js';
import { expireApprovals } from '../../../core/approvals/approval-delivery.js';
import type { Approval } from '../../../ports/state/records.js';
import { formatTime, whyNotApprover, whyRequesterLapsed } from '../../../core/approvals/approval-view.js';

const MAX_LISTED = 20;

export default defineCommand({
  name: 'approvals',
  permission: 'directory.read',
  customerScoped: false,
  category: 'Approvals',
  summary: 'Pending approval requests you may decide, and your own.',
  usage: 'approvals',
  schema: z.string().max(0, 'Type `approvals` on its own to list pending requests.'),
  async handle(ctx) {
    await expireApprovals(ctx.app);
    const pending = await ctx.app.approvals.pending();
    const mine = (a: Approval) => ctx.app.approvals.isRequester(a, ctx.caller);
    const visible: Approval[] = [];
    for (const a of pending) if (mine(a) || (await whyNotApprover(ctx.app, a, ctx.caller)) === null) visible.push(a);
    visible.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
    const decidable = visible.filter((a) => !mine(a)).length;
    // A request whose requester was revoked since can only be rejected: no Approve button, and the list says why.
    const shown = visible.slice(0, MAX_LISTED);
    const lapsedIds = new Set<string>();
    for (const a of shown) if ((await whyRequesterLapsed(ctx.app, a)) !== null) lapsedIds.add(a.id);
    const lapsed = (a: Approval) => lapsedIds.has(a.id);
    const items = shown.map((a) => ({
      id: a.id,
      title: a.summary.title,
      details: [a.customerName, mine(a) ? 'asked by you' : `asked by ${a.requester.name}`, a.reason, `expires ${formatTime(a.expiresAt)}`, lapsed(a) ? `${a.requester.name} no longer has a role for this: open it to reject` : '']
        .filter(Boolean)
        .join(' · '),
      canDecide: !mine(a) && !lapsed(a),
      openTitle: mine(a) ? 'Open (yours)' : 'Open',
    }));
    const more = visible.length > MAX_LISTED ? ` Showing the ${MAX_LISTED} that expire first.` : '';
    return approvalsListCard.render({
      title: `Approval requests (${decidable} for you to decide)`,
      message: visible.length ? `Open one to see exactly what will happen, or to reject it with a comment.${more}` : 'Nothing is waiting for you.',
      items,
    });
  },
});

import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { approvalsListCard } from '../../../cards/approvals.js';
import { expireApprovals } from '../../../core/approvals/approval-delivery.js';
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
    const { pending } = ctx.app.approvals.pending();
    const mine = (id: string) => ctx.app.approvals.isRequester(ctx.app.approvals.get(id), ctx.caller);
    const visible = pending
      .filter((a) => mine(a.id) || whyNotApprover(ctx.app, a, ctx.caller) === null)
      .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
    const decidable = visible.filter((a) => !mine(a.id)).length;
    // A request whose requester was revoked since can only be rejected: no Approve button, and the list says why.
    const lapsed = (a: (typeof visible)[number]) => whyRequesterLapsed(ctx.app, a) !== null;
    const items = visible.slice(0, MAX_LISTED).map((a) => ({
      id: a.id,
      title: a.summary.title,
      details: [a.customerName, mine(a.id) ? 'asked by you' : `asked by ${a.requester.name}`, a.reason, `expires ${formatTime(a.expiresAt)}`, lapsed(a) ? `${a.requester.name} no longer has a role for this: open it to reject` : '']
        .filter(Boolean)
        .join(' · '),
      canDecide: !mine(a.id) && !lapsed(a),
      openTitle: mine(a.id) ? 'Open (yours)' : 'Open',
    }));
    const more = visible.length > MAX_LISTED ? ` Showing the ${MAX_LISTED} that expire first.` : '';
    return approvalsListCard.render({
      title: `Approval requests (${decidable} for you to decide)`,
      message: visible.length ? `Open one to see exactly what will happen, or to reject it with a comment.${more}` : 'Nothing is waiting for you.',
      items,
    });
  },
});

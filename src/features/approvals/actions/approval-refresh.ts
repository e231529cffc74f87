import { defineAction } from '../../../core/action.js';
import { viewApproval } from '../../../core/approvals/approval-decision.js';
import { approvalData } from '../support/approval-data.js';
import { VERB } from '../../../cards/verbs.js';

/** Teams calls this for every viewer of an approval card (its refresh block): each sees the state and their buttons. */
export default defineAction({
  verb: VERB.approvalRefresh,
  permission: 'public',
  customerScoped: false,
  schema: approvalData,
  async handle(ctx, { approvalId }) {
    return { card: await viewApproval(ctx, approvalId) };
  },
});

import { defineAction } from '../../../core/action.js';
import { cancelApproval } from '../../../core/approvals/approval-decision.js';
import { approvalData } from '../support/approval-data.js';
import { VERB } from '../../../cards/verbs.js';

export default defineAction({
  verb: VERB.approvalCancel,
  permission: 'public',
  customerScoped: false,
  schema: approvalData,
  async handle(ctx, { approvalId }) {
    return { card: await cancelApproval(ctx, approvalId) };
  },
});

import { defineAction } from '../app/handler.js';
import { viewApproval } from '../app/approval-decision.js';
import { approvalData } from './approval-data.js';

/** Teams calls this for every viewer of an approval card (its refresh block): each sees the state and their buttons. */
export default defineAction({
  verb: 'approval.refresh',
  permission: 'public',
  customerScoped: false,
  schema: approvalData,
  async handle(ctx, { approvalId }) {
    return { card: await viewApproval(ctx, approvalId) };
  },
});

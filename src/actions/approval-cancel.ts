import { defineAction } from '../app/handler.js';
import { cancelApproval } from '../app/approval-decision.js';
import { approvalData } from './approval-data.js';

export default defineAction({
  verb: 'approval.cancel',
  permission: 'public',
  customerScoped: false,
  schema: approvalData,
  async handle(ctx, { approvalId }) {
    return { card: await cancelApproval(ctx, approvalId) };
  },
});

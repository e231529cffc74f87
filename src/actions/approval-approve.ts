import { defineAction } from '../app/handler.js';
import { decideApproval } from '../app/approval-decision.js';
import { operationByKind } from '../operations/index.js';
import { approvalData } from './approval-data.js';

/** Anyone may press; decideApproval checks the presser's authority for the request's customer. */
export default defineAction({
  verb: 'approval.approve',
  permission: 'public',
  customerScoped: false,
  schema: approvalData,
  async handle(ctx, { approvalId, comment }) {
    return { card: await decideApproval(ctx, approvalId, 'approved', comment, operationByKind) };
  },
});

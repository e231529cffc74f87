import { defineAction } from '../../../core/action.js';
import { decideApproval, type FindOperation } from '../../../core/approvals/approval-decision.js';
import { approvalData } from '../support/approval-data.js';
import { VERB } from '../../../cards/verbs.js';

/**
 * Anyone may press; decideApproval checks the presser's authority for the request's customer. The changes an approval
 * may run are handed in by the action index (features/actions.ts), so this feature imports no other feature.
 */
export default (changeByKind: FindOperation) =>
  defineAction({
    verb: VERB.approvalApprove,
    permission: 'public',
    customerScoped: false,
    schema: approvalData,
    async handle(ctx, { approvalId, comment }) {
      return { card: await decideApproval(ctx, approvalId, 'approved', comment, changeByKind) };
    },
  });

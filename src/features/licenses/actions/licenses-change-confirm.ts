import { defineAction } from '../../../core/action.js';
import { confirmationData } from '../../../core/confirm/ask-confirmation.js';
import { runConfirmed } from '../../../core/confirm/run-confirmed.js';
import { licenseChange } from '../changes/change-licenses.js';
import { licenseChangeTarget } from '../support/license-payload.js';
import { VERB } from '../../../cards/verbs.js';

/** Confirm on a license change (removal from many users, or "Assign to the first N"): runs the stored payload. */
export default defineAction({
  verb: VERB.licensesChangeConfirm,
  permission: 'license.change',
  customerScoped: true,
  approvable: true,
  schema: confirmationData,
  handle: (ctx, { confirmationId }) => runConfirmed(ctx, confirmationId, VERB.licensesChangeConfirm, licenseChange, licenseChangeTarget),
});

import { defineAction } from '../../../core/action.js';
import { confirmationData } from '../../../core/confirm/ask-confirmation.js';
import { runConfirmed } from '../../../core/confirm/run-confirmed.js';
import { licenseChange } from '../changes/change-licenses.js';
import { LICENSES_CONFIRM_VERB, licenseChangeTarget } from '../support/license-payload.js';

/** Confirm on a license change (removal from many users, or "Assign to the first N"): runs the stored payload. */
export default defineAction({
  verb: LICENSES_CONFIRM_VERB,
  permission: 'license.change',
  customerScoped: true,
  approvable: true,
  schema: confirmationData,
  handle: (ctx, { confirmationId }) => runConfirmed(ctx, confirmationId, LICENSES_CONFIRM_VERB, licenseChange, licenseChangeTarget),
});

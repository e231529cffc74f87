import { defineAction } from '../../../core/action.js';
import { confirmationData, takeConfirmation } from '../../../core/confirm/ask-confirmation.js';
import { changeGate } from '../../../core/change-gate.js';
import { licenseChange } from '../changes/change-licenses.js';
import { LICENSES_CONFIRM_VERB, licenseChangePayload } from '../support/license-payload.js';

/** Confirm on a license change (removal from many users, or "Assign to the first N"): runs the stored payload. */
export default defineAction({
  verb: LICENSES_CONFIRM_VERB,
  permission: 'license.change',
  customerScoped: true,
  approvable: true,
  schema: confirmationData,
  async handle(ctx, { confirmationId }) {
    const confirmation = await takeConfirmation(ctx, confirmationId, LICENSES_CONFIRM_VERB);
    const payload = licenseChangePayload.parse(confirmation.payload);
    // Roles may have changed since the question was asked.
    const refused = await changeGate(ctx, licenseChange, payload);
    if (refused) return { card: refused };
    const [card] = await licenseChange.execute(ctx, payload);
    if (!card) throw new Error('license change returned no card');
    return { card };
  },
});

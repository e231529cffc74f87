import { defineAction } from '../../../core/action.js';
import { changeGate } from '../../../core/change-gate.js';
import { importsFor } from '../support/runner.js';
import { requireJob } from '../support/jobs.js';
import importUsers from '../changes/import-users.js';
import { ServiceError } from '../../../domain/errors.js';
import { cardReason } from '../../shared/reason.js';
import { importData } from '../support/import-data.js';
import { VERB } from '../../../cards/verbs.js';


/** Create / Create only the valid rows / Resume: runs the stored rows of a review, in the background. */
export default defineAction({
  verb: VERB.importCreate,
  permission: 'user.import',
  customerScoped: true,
  approvable: true,
  schema: importData.extend({ reason: cardReason }),
  async handle(ctx, { reason, ...payload }) {
    const job = await requireJob(importsFor(ctx.app).jobs, payload.importId);
    if (job.operator.aadObjectId !== ctx.caller.aadObjectId || job.operator.tenantId !== ctx.caller.tenantId) {
      throw new ServiceError('CONFIRMATION_FOREIGN', `Only ${job.operator.name}, who imported the file, can create these users. Nothing was changed.`);
    }
    const refused = await changeGate(ctx, importUsers, payload, reason);
    if (refused) return { card: refused };
    const [card] = await importUsers.execute(ctx, payload);
    if (!card) throw new ServiceError('INTERNAL', 'The import did not start.');
    return { card };
  },
});

import { defineAction } from '../../../core/action.js';
import { importsFor } from '../support/runner.js';
import { requireJob } from '../support/jobs.js';
import { notice } from '../../../cards/messages.js';
import { ServiceError } from '../../../domain/errors.js';
import { importData } from '../support/import-data.js';
import { VERB } from '../../../cards/verbs.js';

export default defineAction({
  verb: VERB.importCancel,
  permission: 'user.import',
  customerScoped: false,
  approvable: true,
  schema: importData,
  async handle(ctx, { importId }) {
    const { jobs } = importsFor(ctx.app);
    const job = await requireJob(jobs, importId);
    if (job.operator.aadObjectId !== ctx.caller.aadObjectId || job.operator.tenantId !== ctx.caller.tenantId) {
      throw new ServiceError('CONFIRMATION_FOREIGN', `Only ${job.operator.name}, who imported the file, can cancel it.`);
    }
    if (job.status !== 'review') throw new ServiceError('CONFIRMATION_USED', 'This import has already started; type `import status` to see how far it got.');
    job.status = 'cancelled';
    await jobs.save(job);
    await jobs.forgetRows(job.id);
    return { card: notice('Import cancelled', `Nothing was created from ${job.fileName}.`) };
  },
});

import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { notice } from '../../../cards/messages.js';
import { parseImportCsv } from '../support/parse-csv.js';
import { reviewImport } from '../support/review.js';
import { importSource } from '../support/source.js';
import { importsFor } from '../support/runner.js';
import { createJob } from '../support/jobs.js';
import { reviewCard } from '../support/report.js';

/** Stored errors per job: enough for the status card; the review card shows what the file has. */
const STORED_ERRORS = 200;

export default defineCommand({
  name: 'import users',
  permission: 'user.import',
  customerScoped: true,
  approvable: true,
  category: 'Users',
  summary: 'Create many users from a CSV file (attached, or pasted below the command): review first, then create.',
  usage: 'import users',
  examples: ['import users (with users.csv attached)', 'import users template'],
  schema: z.string(),
  async handle(ctx) {
    const customer = await ctx.customer();
    const source = await importSource(ctx.message, { hosts: ctx.app.config.IMPORT_DOWNLOAD_HOSTS, log: ctx.app.log });
    if (!source) {
      return notice('Attach a CSV file', 'Attach a CSV file to `import users` here in our personal chat, or paste the rows (with the header line) below `import users` in the same message.', {
        facts: [{ title: 'Columns', value: 'Type `import users template` for the columns to fill in.' }],
      });
    }
    const file = parseImportCsv(source.text);
    const review = await reviewImport(ctx.service, customer, file);
    const job = await createJob(
      importsFor(ctx.app).jobs,
      {
        customerId: customer.id,
        customerName: customer.name,
        fileName: source.fileName,
        operator: { tenantId: ctx.caller.tenantId, aadObjectId: ctx.caller.aadObjectId, name: ctx.caller.name },
        review: {
          totalRows: review.totalRows,
          readyRows: review.ready.length,
          existingRows: review.existing.length,
          invalidRows: review.invalidRows,
          errors: review.errors.slice(0, STORED_ERRORS),
        },
      },
      review.ready,
      ctx.app.clock.now(),
    );
    return reviewCard(job, review);
  },
});

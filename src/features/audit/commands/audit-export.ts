import { defineCommand } from '../../../core/command.js';
import { auditCsv } from '../support/audit-csv.js';
import { notice } from '../../../cards/messages.js';
import { auditQuerySchema, describeQuery } from '../support/audit-query.js';

export default defineCommand({
  name: 'audit export',
  permission: 'audit.read',
  customerScoped: false,
  category: 'Audit',
  summary: 'The audit trail as a CSV file, saved to your OneDrive after you accept it in your personal chat.',
  usage: 'audit export [for <upn> | by <aadObjectId> | action <name>]',
  examples: ['audit export', 'audit export action user.delete'],
  schema: auditQuerySchema(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  async handle(ctx, query) {
    await ctx.app.audit.flushDue();
    const entries = await ctx.app.audit.query(query);
    const stamp = ctx.app.clock.now().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    const name = `license-desk-audit-${stamp}.csv`;
    const filter = describeQuery(query);
    if (!ctx.messenger.offerFile) return notice('Files are not available here', 'Type `audit export` in your personal chat with the bot.');
    const sent = await ctx.messenger.offerFile({ name, description: `Audit trail${filter ? ` ${filter}` : ''}: ${entries.length} entries, newest first.`, content: Buffer.from(auditCsv(entries), 'utf8') });
    await ctx.audit({ action: 'audit.export', target: filter, outcome: sent === 'sent' ? 'success' : 'failure', details: { entries: entries.length } });
    if (sent === 'unreachable') return notice('Cannot reach your personal chat', 'Open a personal chat with the bot and type `audit export` there.', { color: 'Attention' });
    if (ctx.conversation.kind !== 'personal') return notice('Audit export sent', 'Accept the file in your personal chat with the bot to save it to your OneDrive.');
  },
});

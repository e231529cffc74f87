import { defineCommand } from '../../../core/command.js';
import type { AuditEntry } from '../../../core/audit.js';
import { ROLE_LABELS, ROLES, type Role } from '../../../core/permissions.js';
import { formatTime } from '../../../core/approvals/approval-view.js';
import { auditListCard } from '../../../cards/approvals.js';
import { auditQuerySchema, describeQuery, MAX_AUDIT_SHOWN } from '../support/audit-query.js';

const roleText = (role: string): string =>
  role
    .split(',')
    .map((r) => ((ROLES as readonly string[]).includes(r) ? ROLE_LABELS[r as Role] : r))
    .join(', ');

const COLORS = { success: 'Good', partial: 'Warning', failure: 'Attention', denied: 'Attention', requested: 'Default' } as const;

/** Refusals are stored once per caller, command and minute, with how many there were (AuditLog.append). */
const times = (e: AuditEntry): string => (e.outcome === 'denied' && typeof e.details?.count === 'number' ? ` ×${e.details.count} in that minute` : '');

const line = (e: AuditEntry) => ({
  headline: `${formatTime(e.at)} · ${e.action} · ${e.outcome}${times(e)}`,
  details: [`${e.actor.name} (${e.actor.aadObjectId || 'system'}) as ${roleText(e.role)}`, e.customerName ?? 'all customers', e.target || '—', e.approvalId ? `approval ${e.approvalId}` : '', e.reason ? `because ${e.reason}` : '']
    .filter(Boolean)
    .join(' · '),
  color: COLORS[e.outcome],
});

export default defineCommand({
  name: 'audit',
  permission: 'audit.read',
  customerScoped: false,
  category: 'Audit',
  summary: 'The latest audit entries: who did what, for which customer, with which outcome and approval.',
  usage: 'audit [<n>] [for <upn> | by <aadObjectId> | action <name>]',
  examples: ['audit', 'audit 50 for adele.vance@contoso.onmicrosoft.com', 'audit action user.delete'],
  schema: auditQuerySchema(20, MAX_AUDIT_SHOWN),
  async handle(ctx, query) {
    await ctx.app.audit.flushDue();
    const entries = await ctx.app.audit.query(query);
    const filter = describeQuery(query);
    return auditListCard.render({
      title: entries.length === 0 ? `Audit: no entries${filter ? ` ${filter}` : ''} yet` : `Audit: latest ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}${filter ? ` ${filter}` : ''}`,
      message: entries.length ? `Newest first. Type \`audit export${filter ? ` ${filter}` : ''}\` for a CSV file.` : 'No entries match.',
      entries: entries.map(line),
    });
  },
});

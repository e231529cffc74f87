import type { AuditEntry } from '../../../core/audit.js';

const COLUMNS = ['When (UTC)', 'Who', 'AAD object id', 'Tenant', 'Role', 'Customer', 'Customer id', 'Action', 'Target', 'Outcome', 'Approval id', 'Reason', 'Details'] as const;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some strip first) as a formula:
 * such cells get a leading apostrophe, so names like "=HYPERLINK(...)" from a directory stay text.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const row = (e: AuditEntry): string[] => [
  e.at,
  e.actor.name,
  e.actor.aadObjectId,
  e.actor.tenantId,
  e.role,
  e.customerName ?? '',
  e.customerId ?? '',
  e.action,
  e.target,
  e.outcome,
  e.approvalId ?? '',
  e.reason ?? '',
  e.details ? JSON.stringify(e.details) : '',
];

/** RFC 4180 CSV (CRLF lines), UTF-8 with a byte order mark so Excel shows names with diacritics correctly. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = [COLUMNS.map(csvCell).join(','), ...entries.map((e) => row(e).map(csvCell).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

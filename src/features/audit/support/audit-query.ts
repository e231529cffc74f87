import { z } from 'zod';
import type { AuditQuery } from '../../../core/audit.js';

export const MAX_AUDIT_SHOWN = 50;

/** "[<n>] [for <upn> | by <aadObjectId> | action <name>]" -> a query (limit 20 unless given). */
export const auditQuerySchema = (defaultLimit: number, maxLimit: number) =>
  z
    .string()
    .regex(/^(\d{1,6}\s*)?((for|by|action)\s+\S+)?$/i, 'Type `audit`, `audit 50`, `audit for <upn>`, `audit by <aadObjectId>` or `audit action <name>`.')
    .transform((text): AuditQuery => {
      const m = /^(\d+)?\s*(?:(for|by|action)\s+(\S+))?$/i.exec(text.trim());
      const limit = Math.min(Math.max(Number(m?.[1] ?? defaultLimit), 1), maxLimit);
      const key = m?.[2]?.toLowerCase();
      const value = m?.[3];
      return { limit, ...(key === 'for' ? { target: value } : key === 'by' ? { actor: value } : key === 'action' ? { action: value } : {}) };
    });

export function describeQuery(q: AuditQuery): string {
  if (q.target) return `for ${q.target}`;
  if (q.actor) return `by ${q.actor}`;
  if (q.action) return `action ${q.action}`;
  return '';
}

import { z } from 'zod';
import { ROLES, type Role } from '../../../core/permissions.js';

const ROLE_ALIASES: Record<string, Role> = {
  'global-admin': 'global-admin',
  globaladmin: 'global-admin',
  'admin-agent': 'admin-agent',
  adminagent: 'admin-agent',
  'user-admin': 'user-admin',
  useradmin: 'user-admin',
  'user-management-admin': 'user-admin',
  helpdesk: 'helpdesk',
  'helpdesk-agent': 'helpdesk',
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `<role> to|from <aadObjectId> [for <customer>]`, shared by grant and revoke. */
export const roleChange = (preposition: 'to' | 'from') =>
  z.string().transform((text, ctx) => {
    const match = new RegExp(`^(\\S+)\\s+${preposition}\\s+(\\S+)(?:\\s+for\\s+(.+))?$`, 'i').exec(text.trim());
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (!match) return fail(`Write it as: <role> ${preposition} <aadObjectId> [for <customer>].`);
    const role = ROLE_ALIASES[(match[1] as string).toLowerCase()];
    if (!role) return fail(`"${match[1]}" is not a role. Roles: ${ROLES.join(', ')}.`);
    const aadObjectId = (match[2] as string).toLowerCase();
    if (!GUID.test(aadObjectId)) return fail(`"${match[2]}" is not an AAD object id (a GUID; the person can find theirs with \`whoami\`).`);
    return { role, aadObjectId, customer: match[3]?.trim() };
  });

/** The one permission matrix: every command and card verb names a Permission; this file decides who has it. */

import { ROLES, type Role } from '../domain/roles.js';

// The roles are domain vocabulary (ports name them too); the matrix below is the core's.
export { ROLES, type Role };

export const ROLE_LABELS: Record<Role, string> = {
  'global-admin': 'Global admin',
  'admin-agent': 'Admin agent',
  'user-admin': 'User management admin',
  helpdesk: 'Helpdesk agent',
};

export type Permission =
  | 'public' // help, whoami: anyone, even without a role
  | 'directory.read'
  | 'user.create'
  | 'user.import'
  | 'user.resetPassword'
  | 'license.change'
  | 'user.delete'
  | 'user.restore'
  | 'user.assignAdminRole'
  | 'roles.manage'
  | 'audit.read'
  | 'approvals.manage';

const ALL: Role[] = [...ROLES];
const ADMINS: Role[] = ['global-admin', 'admin-agent', 'user-admin'];

/** perform: may do it. request: may ask, and an approver who may perform it decides. */
const MATRIX: Record<Exclude<Permission, 'public'>, { perform: Role[]; request: Role[] }> = {
  'directory.read': { perform: ALL, request: [] },
  'user.create': { perform: ADMINS, request: ['helpdesk'] },
  'user.import': { perform: ADMINS, request: ['helpdesk'] },
  'user.resetPassword': { perform: ALL, request: [] },
  'license.change': { perform: ADMINS, request: ['helpdesk'] },
  'user.delete': { perform: ADMINS, request: ['helpdesk'] },
  'user.restore': { perform: ADMINS, request: ['helpdesk'] },
  'user.assignAdminRole': { perform: ['global-admin', 'admin-agent'], request: [] },
  'roles.manage': { perform: ['global-admin'], request: [] },
  'audit.read': { perform: ['global-admin', 'admin-agent'], request: [] },
  'approvals.manage': { perform: ['global-admin'], request: [] },
};

/** Partner-wide powers: only a role granted for every customer carries them. */
export const PARTNER_WIDE: readonly Permission[] = ['roles.manage', 'approvals.manage', 'audit.read'];

export type Access = 'perform' | 'request' | 'deny';

export function access(roles: readonly Role[], permission: Permission): Access {
  if (permission === 'public') return 'perform';
  const rule = MATRIX[permission];
  if (roles.some((r) => rule.perform.includes(r))) return 'perform';
  if (roles.some((r) => rule.request.includes(r))) return 'request';
  return 'deny';
}

/** Entra's rule: helpdesk and user administrators may not act on users who hold admin roles. */
export function mayActOnPrivilegedUsers(roles: readonly Role[]): boolean {
  return roles.includes('global-admin') || roles.includes('admin-agent');
}

/**
 * What a caller may do to users who hold admin roles: perform (Global admin, Admin agent); request, for a Global admin
 * or Admin agent to approve (User management admin); or nothing at all (Helpdesk agent, Entra's rule).
 */
export function privilegedTargetAccess(roles: readonly Role[]): Access {
  if (mayActOnPrivilegedUsers(roles)) return 'perform';
  return roles.includes('user-admin') ? 'request' : 'deny';
}

/** Who may perform a permission (for help text and approver lookup). */
export function performers(permission: Exclude<Permission, 'public'>): readonly Role[] {
  return MATRIX[permission].perform;
}

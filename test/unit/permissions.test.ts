import assert from 'node:assert/strict';
import { PARTNER_WIDE, ROLES, access, mayActOnPrivilegedUsers, performers, privilegedTargetAccess, type Permission, type Role } from '../../src/core/permissions.js';

type Row = Record<Role, 'perform' | 'request' | 'deny'>;
const row = (ga: string, agent: string, userAdmin: string, helpdesk: string) =>
  ({ 'global-admin': ga, 'admin-agent': agent, 'user-admin': userAdmin, helpdesk }) as Row;

// The product decision, spelled out once more so a change to the matrix is a deliberate change to this table.
const EXPECTED: Record<Exclude<Permission, 'public'>, Row> = {
  'directory.read': row('perform', 'perform', 'perform', 'perform'),
  'user.create': row('perform', 'perform', 'perform', 'request'),
  'user.import': row('perform', 'perform', 'perform', 'request'),
  'user.resetPassword': row('perform', 'perform', 'perform', 'perform'),
  'license.change': row('perform', 'perform', 'perform', 'request'),
  'user.delete': row('perform', 'perform', 'perform', 'request'),
  'user.restore': row('perform', 'perform', 'perform', 'request'),
  'user.assignAdminRole': row('perform', 'perform', 'deny', 'deny'),
  'roles.manage': row('perform', 'deny', 'deny', 'deny'),
  'audit.read': row('perform', 'perform', 'deny', 'deny'),
  'approvals.manage': row('perform', 'deny', 'deny', 'deny'),
};

describe('permission matrix', () => {
  for (const [permission, expected] of Object.entries(EXPECTED) as [Exclude<Permission, 'public'>, Row][]) {
    it(`${permission}: ${ROLES.map((r) => `${r}=${expected[r]}`).join(', ')}`, () => {
      for (const role of ROLES) assert.equal(access([role], permission), expected[role], role);
      assert.equal(access([], permission), 'deny', 'no role');
      assert.deepEqual([...performers(permission)].sort(), ROLES.filter((r) => expected[r] === 'perform').sort());
    });
  }

  it('lets anyone, even without a role, use public commands', () => {
    assert.equal(access([], 'public'), 'perform');
    for (const role of ROLES) assert.equal(access([role], 'public'), 'perform');
  });

  it('takes the strongest of several roles', () => {
    assert.equal(access(['helpdesk', 'user-admin'], 'user.delete'), 'perform');
    assert.equal(access(['helpdesk', 'admin-agent'], 'roles.manage'), 'deny');
  });

  it('keeps helpdesk and user admins away from privileged users (Entra rule)', () => {
    assert.equal(mayActOnPrivilegedUsers(['global-admin']), true);
    assert.equal(mayActOnPrivilegedUsers(['admin-agent']), true);
    assert.equal(mayActOnPrivilegedUsers(['user-admin']), false);
    assert.equal(mayActOnPrivilegedUsers(['helpdesk']), false);
    assert.equal(mayActOnPrivilegedUsers(['helpdesk', 'user-admin']), false);
    assert.equal(mayActOnPrivilegedUsers([]), false);
    assert.equal(privilegedTargetAccess(['admin-agent']), 'perform');
    assert.equal(privilegedTargetAccess(['user-admin']), 'request', 'a Global admin or Admin agent approves');
    assert.equal(privilegedTargetAccess(['helpdesk']), 'deny');
    assert.equal(privilegedTargetAccess([]), 'deny');
  });

  it('marks the partner-wide powers', () => {
    assert.deepEqual([...PARTNER_WIDE].sort(), ['approvals.manage', 'audit.read', 'roles.manage']);
  });
});

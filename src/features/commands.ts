import type { CommandDefinition } from '../core/command.js';
import help from './help/commands/help.js';
import whoami from './operators/commands/whoami.js';
import customers from './customers/commands/customers.js';
import use from './customers/commands/use.js';
import users from './users/commands/users.js';
import user from './users/commands/user.js';
import licenses from './licenses/commands/licenses.js';
import assign from './licenses/commands/assign.js';
import remove from './licenses/commands/remove.js';
import manageLicenses from './licenses/commands/manage-licenses.js';
import roles from './operators/commands/roles.js';
import grant from './operators/commands/grant.js';
import revoke from './operators/commands/revoke.js';
import approvals from './approvals/commands/approvals.js';
import approvalsHere from './approvals/commands/approvals-here.js';
import approvalsOff from './approvals/commands/approvals-off.js';
import audit from './audit/commands/audit.js';
import auditExport from './audit/commands/audit-export.js';
import createUser from './create/commands/create-user.js';
import resetPassword from './users/commands/reset-password.js';
import importUsers from './import/commands/import-users.js';
import importTemplate from './import/commands/import-template.js';
import importStatus from './import/commands/import-status.js';
import deleteUser from './delete-restore/commands/delete-user.js';
import deleted from './delete-restore/commands/deleted.js';
import restore from './delete-restore/commands/restore.js';

/** Every chat command, in the order help lists them. */
export const commands = [
  help,
  whoami,
  customers,
  use,
  users,
  user,
  createUser,
  resetPassword,
  importUsers,
  importTemplate,
  importStatus,
  deleteUser,
  deleted,
  restore,
  licenses,
  assign,
  remove,
  manageLicenses,
  roles,
  grant,
  revoke,
  approvals,
  approvalsHere,
  approvalsOff,
  audit,
  auditExport,
] as CommandDefinition<unknown>[];

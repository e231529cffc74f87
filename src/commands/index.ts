import type { CommandDefinition } from '../app/handler.js';
import help from './help.js';
import whoami from './whoami.js';
import customers from './customers.js';
import use from './use.js';
import users from './users.js';
import user from './user.js';
import licenses from './licenses.js';
import assign from './assign.js';
import remove from './remove.js';
import manageLicenses from './manage-licenses.js';
import roles from './roles.js';
import grant from './grant.js';
import revoke from './revoke.js';
import approvals from './approvals.js';
import approvalsHere from './approvals-here.js';
import approvalsOff from './approvals-off.js';
import audit from './audit.js';
import auditExport from './audit-export.js';
import createUser from './create-user.js';
import resetPassword from './reset-password.js';
import importUsers from './import-users.js';
import importTemplate from './import-template.js';
import importStatus from './import-status.js';
import deleteUser from './delete-user.js';
import deleted from './deleted.js';
import restore from './restore.js';

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

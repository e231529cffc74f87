import type { OperationDefinition } from '../core/change.js';
import { changeLicensesOperation } from './licenses/changes/change-licenses.js';
import { createUserOperation } from './create/changes/create-user.js';
import { resetPasswordOperation } from './users/changes/reset-password.js';
import importUsers from './import/changes/import-users.js';
import deleteUsers from './delete-restore/changes/delete-users.js';
import restoreUsers from './delete-restore/changes/restore-users.js';

/** Every directory-changing operation, by kind: confirmations and approvals run them from stored payloads. */
export const operations = [
  changeLicensesOperation,
  createUserOperation,
  resetPasswordOperation,
  importUsers,
  deleteUsers,
  restoreUsers,
] as OperationDefinition<unknown>[];

export const operationByKind = (kind: string): OperationDefinition<unknown> | undefined => operations.find((o) => o.kind === kind);

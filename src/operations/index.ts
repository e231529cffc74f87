import type { OperationDefinition } from '../app/operation.js';
import { changeLicensesOperation } from './change-licenses.js';
import { createUserOperation } from './create-user.js';
import { resetPasswordOperation } from './reset-password.js';
import importUsers from './import-users.js';
import deleteUsers from './delete-users.js';
import restoreUsers from './restore-users.js';
import { resetImportPasswordsOperation } from './reset-import-passwords.js';

/** Every directory-changing operation, by kind: confirmations and approvals run them from stored payloads. */
export const operations = [
  changeLicensesOperation,
  createUserOperation,
  resetPasswordOperation,
  importUsers,
  deleteUsers,
  restoreUsers,
  resetImportPasswordsOperation,
] as OperationDefinition<unknown>[];

export const operationByKind = (kind: string): OperationDefinition<unknown> | undefined => operations.find((o) => o.kind === kind);

import type { ChangeDefinition } from '../core/change.js';
import { licenseChange } from './licenses/changes/change-licenses.js';
import { createUserChange } from './create/changes/create-user.js';
import { resetPasswordChange } from './users/changes/reset-password.js';
import importUsers from './import/changes/import-users.js';
import deleteUsers from './delete-restore/changes/delete-users.js';
import restoreUsers from './delete-restore/changes/restore-users.js';
import { resetImportPasswordsChange } from './import/changes/reset-import-passwords.js';

/** Every directory-changing operation, by kind: confirmations and approvals run them from stored payloads. */
export const changes = [
  licenseChange,
  createUserChange,
  resetPasswordChange,
  importUsers,
  deleteUsers,
  restoreUsers,
  resetImportPasswordsChange,
] as ChangeDefinition<unknown>[];

export const changeByKind = (kind: string): ChangeDefinition<unknown> | undefined => changes.find((o) => o.kind === kind);

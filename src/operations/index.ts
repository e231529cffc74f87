import type { OperationDefinition } from '../app/operation.js';
import deleteUsers from './delete-users.js';
import restoreUsers from './restore-users.js';

/** Every directory-changing operation, by kind: confirmations and approvals run them from stored payloads. */
export const operations: OperationDefinition<unknown>[] = [deleteUsers as OperationDefinition<unknown>, restoreUsers as OperationDefinition<unknown>];

export const operationByKind = (kind: string): OperationDefinition<unknown> | undefined => operations.find((o) => o.kind === kind);

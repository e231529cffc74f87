import type { ActionDefinition } from '../core/action.js';
import type { Verb } from '../cards/verbs.js';
import { changeByKind } from './changes.js';
import helpShow from './help/actions/help-show.js';
import customersShow from './customers/actions/customers-show.js';
import customerUse from './customers/actions/customer-use.js';
import usersPage from './users/actions/users-page.js';
import userShow from './users/actions/user-show.js';
import licensesShow from './licenses/actions/licenses-show.js';
import confirmationCancel from './confirm/actions/confirmation-cancel.js';
import licensesManage from './licenses/actions/licenses-manage.js';
import licensesManageSave from './licenses/actions/licenses-manage-save.js';
import licensesChangeConfirm from './licenses/actions/licenses-change-confirm.js';
import approvalApprove from './approvals/actions/approval-approve.js';
import approvalReject from './approvals/actions/approval-reject.js';
import approvalCancel from './approvals/actions/approval-cancel.js';
import approvalRefresh from './approvals/actions/approval-refresh.js';
import userCreateForm from './create/actions/user-create-form.js';
import userCreateSubmit from './create/actions/user-create-submit.js';
import userCreateCancel from './create/actions/user-create-cancel.js';
import userCreateConfirm from './create/actions/user-create-confirm.js';
import userResetPassword from './users/actions/user-reset-password.js';
import userResetPasswordConfirm from './users/actions/user-reset-password-confirm.js';
import passwordHide from './users/actions/password-hide.js';
import importCreate from './import/actions/import-create.js';
import importCancel from './import/actions/import-cancel.js';
import importPasswordsHide from './import/actions/import-passwords-hide.js';
import importStatus from './import/actions/import-status.js';
import importPasswordsReset from './import/actions/import-passwords-reset.js';
import importPasswordsResetConfirm from './import/actions/import-passwords-reset-confirm.js';
import userDelete from './delete-restore/actions/user-delete.js';
import userDeleteConfirm from './delete-restore/actions/user-delete-confirm.js';
import deletedPage from './delete-restore/actions/deleted-page.js';
import deletedRestore from './delete-restore/actions/deleted-restore.js';

/** Every card verb (Action.Execute), dispatched by verb only. */
const actionList = [
  helpShow,
  customersShow,
  customerUse,
  usersPage,
  userShow,
  licensesShow,
  confirmationCancel,
  licensesManage,
  licensesManageSave,
  licensesChangeConfirm,
  approvalApprove(changeByKind),
  approvalReject(changeByKind),
  approvalCancel,
  approvalRefresh,
  userCreateForm,
  userCreateSubmit,
  userCreateCancel,
  userCreateConfirm,
  userResetPassword,
  userResetPasswordConfirm,
  passwordHide,
  importCreate,
  importCancel,
  importPasswordsHide,
  importStatus,
  importPasswordsReset,
  importPasswordsResetConfirm,
  userDelete,
  userDeleteConfirm,
  deletedPage,
  deletedRestore,
] as const;

/** The verbs the action list answers, derived from it. */
export type ActionVerb = (typeof actionList)[number]['verb'];

// Compile-time check both ways: a verb in cards/verbs.ts without an action would be a button answering "not
// recognised"; an action for a verb outside it could never be put on a card by a typed builder.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const verbsMatchActions: Same<ActionVerb, Verb> = true;
void verbsMatchActions;

export const actions = actionList as readonly ActionDefinition<unknown>[];

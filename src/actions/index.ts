import type { ActionDefinition } from '../app/handler.js';
import helpShow from './help-show.js';
import customersShow from './customers-show.js';
import customerUse from './customer-use.js';
import usersPage from './users-page.js';
import userShow from './user-show.js';
import licensesShow from './licenses-show.js';
import confirmationCancel from './confirmation-cancel.js';
import licensesManage from './licenses-manage.js';
import licensesManageSave from './licenses-manage-save.js';
import licensesChangeConfirm from './licenses-change-confirm.js';
import approvalApprove from './approval-approve.js';
import approvalReject from './approval-reject.js';
import approvalCancel from './approval-cancel.js';
import approvalRefresh from './approval-refresh.js';
import userCreateForm from './user-create-form.js';
import userCreateSubmit from './user-create-submit.js';
import userCreateCancel from './user-create-cancel.js';
import userCreateConfirm from './user-create-confirm.js';
import userResetPassword from './user-reset-password.js';
import userResetPasswordConfirm from './user-reset-password-confirm.js';
import passwordHide from './password-hide.js';
import importCreate from './import-create.js';
import importCancel from './import-cancel.js';
import importPasswordsHide from './import-passwords-hide.js';
import importStatus from './import-status.js';
import importPasswordsReset from './import-passwords-reset.js';
import importPasswordsResetConfirm from './import-passwords-reset-confirm.js';
import userDelete from './user-delete.js';
import userDeleteConfirm from './user-delete-confirm.js';
import deletedPage from './deleted-page.js';
import deletedRestore from './deleted-restore.js';

/** Every card verb (Action.Execute), dispatched by verb only. */
export const actions = [
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
  approvalApprove,
  approvalReject,
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
] as ActionDefinition<unknown>[];

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

/** Every card verb (Action.Execute), dispatched by verb only. */
export const actions: ActionDefinition<unknown>[] = [
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
];

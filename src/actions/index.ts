import type { ActionDefinition } from '../app/handler.js';
import helpShow from './help-show.js';
import customersShow from './customers-show.js';
import customerUse from './customer-use.js';
import usersPage from './users-page.js';
import userShow from './user-show.js';
import licensesShow from './licenses-show.js';
import confirmationCancel from './confirmation-cancel.js';
import userDelete from './user-delete.js';
import userDeleteConfirm from './user-delete-confirm.js';
import deletedPage from './deleted-page.js';
import deletedRestore from './deleted-restore.js';

/** Every card verb (Action.Execute), dispatched by verb only. */
export const actions: ActionDefinition<unknown>[] = [helpShow, customersShow, customerUse, usersPage, userShow, licensesShow, confirmationCancel, userDelete, userDeleteConfirm, deletedPage, deletedRestore];

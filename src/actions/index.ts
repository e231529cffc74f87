import type { ActionDefinition } from '../app/handler.js';
import helpShow from './help-show.js';
import customersShow from './customers-show.js';
import customerUse from './customer-use.js';
import usersPage from './users-page.js';
import userShow from './user-show.js';
import licensesShow from './licenses-show.js';
import confirmationCancel from './confirmation-cancel.js';
import importCreate from './import-create.js';
import importCancel from './import-cancel.js';
import importPasswordsHide from './import-passwords-hide.js';
import importStatus from './import-status.js';

/** Every card verb (Action.Execute), dispatched by verb only. */
export const actions: ActionDefinition<unknown>[] = [helpShow, customersShow, customerUse, usersPage, userShow, licensesShow, confirmationCancel, importCreate, importCancel, importPasswordsHide, importStatus];

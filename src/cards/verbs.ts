/**
 * Every card verb (Action.Execute) the bot answers, each written once. The verbs belong to the cards (the JSON templates
 * carry them, and cards import nothing above the domain), so the list lives here; card builders and actions take `Verb`,
 * so the compiler rejects an unknown verb. features/actions.ts checks at compile time that the action list and this list
 * are the same set; test/unit/card-verbs.test.ts checks the verbs written in cards/*.json.
 */
export const VERB = {
  helpShow: 'help.show',
  customersShow: 'customers.show',
  customerUse: 'customer.use',
  usersPage: 'users.page',
  userShow: 'user.show',
  licensesShow: 'licenses.show',
  confirmationCancel: 'confirmation.cancel',
  licensesManage: 'licenses.manage',
  licensesManageSave: 'licenses.manage.save',
  licensesChangeConfirm: 'licenses.change.confirm',
  approvalApprove: 'approval.approve',
  approvalReject: 'approval.reject',
  approvalCancel: 'approval.cancel',
  approvalRefresh: 'approval.refresh',
  userCreateForm: 'user.create.form',
  userCreateSubmit: 'user.create.submit',
  userCreateCancel: 'user.create.cancel',
  userCreateConfirm: 'user.create.confirm',
  userResetPassword: 'user.resetPassword',
  userResetPasswordConfirm: 'user.resetPassword.confirm',
  passwordHide: 'password.hide',
  importCreate: 'import.create',
  importCancel: 'import.cancel',
  importPasswordsHide: 'import.passwords.hide',
  importStatus: 'import.status',
  importPasswordsReset: 'import.passwords.reset',
  importPasswordsResetConfirm: 'import.passwords.reset.confirm',
  userDelete: 'user.delete',
  userDeleteConfirm: 'user.delete.confirm',
  deletedPage: 'deleted.page',
  deletedRestore: 'deleted.restore',
} as const;

export type Verb = (typeof VERB)[keyof typeof VERB];

/** The verbs as a tuple, for zod enums. */
export const VERBS = Object.values(VERB) as [Verb, ...Verb[]];

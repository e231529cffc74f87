import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { errorCardFor } from '../../../cards/messages.js';
import { createUserForm } from '../support/create-user-form.js';
import { visibleCustomers } from '../../shared/visible-customers.js';
import { VERB } from '../../../cards/verbs.js';

/**
 * "Create another": a fresh form for the customer the previous user was created in. The button may be pressed in
 * the personal chat, which can be working on another customer: then the caller is told, never switched silently.
 */
export default defineAction({
  verb: VERB.userCreateForm,
  permission: 'user.create',
  customerScoped: false,
  approvable: true,
  schema: z.object({ customerId: z.string().min(1).max(64) }),
  async handle(ctx, { customerId }) {
    if (ctx.customerId !== customerId) {
      const customer = (await visibleCustomers(ctx)).find((c) => c.id === customerId);
      const name = customer?.name ?? 'the customer it was for';
      return {
        card: errorCardFor('INVALID_INPUT', `This conversation is not working on ${name} now, so no form was opened.`, customer ? [{ title: `Work on ${name} here`, verb: VERB.customerUse, data: { customerId } }] : [], 'Choose the customer here, then type `create user`.'),
      };
    }
    return { card: await createUserForm(ctx) };
  },
});

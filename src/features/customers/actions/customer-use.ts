import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { ServiceError } from '../../../domain/errors.js';
import { visibleCustomers } from '../../shared/visible-customers.js';
import { chooseCustomer } from '../support/choose-customer.js';
import { VERB } from '../../../cards/verbs.js';

export default defineAction({
  verb: VERB.customerUse,
  permission: 'directory.read',
  customerScoped: false,
  schema: z.object({ customerId: z.string().min(1).max(64) }),
  async handle(ctx, { customerId }) {
    const customer = (await visibleCustomers(ctx)).find((c) => c.id === customerId);
    if (!customer) throw new ServiceError('NOT_FOUND', 'That customer is not one you may manage.', { what: 'Customer', key: customerId });
    return { card: await chooseCustomer(ctx, customer) };
  },
});

import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { visibleCustomers } from '../../shared/visible-customers.js';
import { resolveCustomer } from '../../shared/resolve.js';
import { chooseCustomer } from '../support/choose-customer.js';

export default defineCommand({
  name: 'use',
  permission: 'directory.read',
  customerScoped: false,
  category: 'Start here',
  summary: 'Choose the customer for this conversation (name, domain or id; a unique prefix is enough).',
  usage: 'use <customer>',
  examples: ['use contoso'],
  schema: z.string().min(1, 'Say which customer, for example `use contoso`.').max(256),
  async handle(ctx, text) {
    return chooseCustomer(ctx, resolveCustomer(await visibleCustomers(ctx), text));
  },
});

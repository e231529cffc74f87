import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { customersList } from '../support/customers-list.js';

export default defineAction({
  verb: 'customers.show',
  permission: 'directory.read',
  customerScoped: false,
  schema: z.object({}),
  handle: async (ctx) => ({ card: await customersList(ctx) }),
});

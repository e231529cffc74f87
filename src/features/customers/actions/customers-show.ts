import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { customersList } from '../support/customers-list.js';
import { VERB } from '../../../cards/verbs.js';

export default defineAction({
  verb: VERB.customersShow,
  permission: 'directory.read',
  customerScoped: false,
  schema: z.object({}),
  handle: async (ctx) => ({ card: await customersList(ctx) }),
});

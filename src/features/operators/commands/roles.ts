import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { rolesList } from '../support/roles-list.js';

export default defineCommand({
  name: 'roles',
  permission: 'roles.manage',
  customerScoped: false,
  category: 'Operators',
  summary: 'Who has which role, for which customers.',
  usage: 'roles',
  schema: z.string(),
  handle: (ctx) => rolesList(ctx),
});

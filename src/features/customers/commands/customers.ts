import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { customersList } from '../support/customers-list.js';

export default defineCommand({
  name: 'customers',
  permission: 'directory.read',
  customerScoped: false,
  category: 'Start here',
  summary: 'The customers you may manage.',
  usage: 'customers',
  schema: z.string(),
  handle: (ctx) => customersList(ctx),
});

import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { helpFor } from '../support/help-card.js';

export default defineCommand({
  name: 'help',
  permission: 'public',
  customerScoped: false,
  category: 'Start here',
  summary: 'What you can do here, with examples.',
  usage: 'help',
  schema: z.string(),
  handle: (ctx) => helpFor(ctx),
});

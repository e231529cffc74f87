import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { importStatus } from '../support/status-list.js';

export default defineCommand({
  name: 'import status',
  permission: 'directory.read',
  customerScoped: true,
  category: 'Users',
  summary: 'How far the latest imports got (also after a restart), with Resume for an interrupted one.',
  usage: 'import status',
  schema: z.string(),
  handle: (ctx) => importStatus(ctx),
});

import { defineCommand } from '../../../core/command.js';
import { userKey, userOrSearch } from '../support/user-details.js';

export default defineCommand({
  name: 'user',
  permission: 'directory.read',
  customerScoped: true,
  category: 'Users',
  summary: "One user's details, with the actions you may take.",
  usage: 'user <upn or name>',
  examples: ['user adele.vance@contoso.onmicrosoft.com', 'user Adele Vance'],
  schema: userKey,
  async handle(ctx, text) {
    return userOrSearch(ctx, (await ctx.customer()).id, text);
  },
});

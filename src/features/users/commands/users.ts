import { defineCommand } from '../../../core/command.js';
import { usersFilterText, usersPage } from '../support/users-list.js';

export default defineCommand({
  name: 'users',
  permission: 'directory.read',
  customerScoped: true,
  category: 'Users',
  summary: "The customer's users, 20 a page: all, unlicensed, licensed, with a SKU, or matching text.",
  usage: 'users [unlicensed | licensed | sku:<SKU> | <text>]',
  examples: ['users unlicensed', 'users sku:SPE_E3', 'users adele'],
  schema: usersFilterText,
  handle: (ctx, filterText) => usersPage(ctx, filterText, 0),
});

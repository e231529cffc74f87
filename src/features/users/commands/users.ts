import { defineCommand } from '../../../core/command.js';
import { usersFilterText, usersPage } from '../support/users-list.js';

export default defineCommand({
  name: 'users',
  permission: 'directory.read',
  customerScoped: true,
  category: 'Users',
  // Which text search it is, because the two directories differ: Graph's $search (what the admin center uses)
  // matches whole words of the name from their start, the demo store any part of the text.
  summary:
    "The customer's users, 20 a page: all, unlicensed, licensed, with a SKU, or matching text (on Microsoft Graph: a word of the display name or the user name starting with it; on the demo store: anywhere in the name or user name).",
  usage: 'users [unlicensed | licensed | sku:<SKU> | <text>]',
  examples: ['users unlicensed', 'users sku:SPE_E3', 'users adele'],
  schema: usersFilterText,
  handle: (ctx, filterText) => usersPage(ctx, filterText),
});

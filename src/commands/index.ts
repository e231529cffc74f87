import type { CommandDefinition } from '../app/handler.js';
import help from './help.js';
import whoami from './whoami.js';
import customers from './customers.js';
import use from './use.js';
import users from './users.js';
import user from './user.js';
import licenses from './licenses.js';
import roles from './roles.js';
import grant from './grant.js';
import revoke from './revoke.js';
import deleteUser from './delete-user.js';
import deleted from './deleted.js';
import restore from './restore.js';

/** Every chat command, in the order help lists them. */
export const commands: CommandDefinition<unknown>[] = [help, whoami, customers, use, users, user, licenses, roles, grant, revoke, deleteUser, deleted, restore];

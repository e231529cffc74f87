import type { HandlerContext } from '../../core/handler-context.js';
import { distance } from '../../core/command-grammar.js';
import { isServiceError, ServiceError } from '../../domain/errors.js';
import type { User } from '../../domain/types.js';

const MAX_CANDIDATES = 5;

/**
 * The one user resolver of commands that change a user (reset password, delete): a user name or id; failing that, a
 * name or user-name prefix that finds exactly one user. Several matches, or none but close user names, end in an
 * error naming them (details.closest), which the router offers as the same command for each, one press away.
 */
export async function findUser(ctx: HandlerContext, customerId: string, key: string): Promise<User> {
  try {
    return await ctx.service.getUser(customerId, key);
  } catch (error) {
    if (!isServiceError(error) || error.code !== 'NOT_FOUND') throw error;
    return nearestUser(ctx, customerId, key);
  }
}

/** For a key that is no user name or id: the one user it finds, or an error naming the candidates. */
export async function nearestUser(ctx: HandlerContext, customerId: string, key: string): Promise<User> {
  const text = key.trim();
  // A mistyped user name is searched by the first part of its local part ("megan" of "megan.bowenn@x").
  const search = text.includes('@') ? ((text.split('@')[0] ?? '').split(/[._-]+/)[0] ?? '') : text;
  const found = search.length >= 2 && key.length <= 200 ? await ctx.service.listUsers(customerId, { kind: 'text', text: search }, { top: 50 }) : { items: [], total: 0 };
  const lower = text.toLowerCase();
  const byPrefix = text.includes('@') ? [] : found.items.filter((u) => u.upn.toLowerCase().startsWith(lower) || u.displayName.toLowerCase().startsWith(lower) || u.displayName.toLowerCase().split(' ').some((w) => w.startsWith(lower)));
  if (byPrefix.length === 1 && found.total === 1) return byPrefix[0] as User;
  const several = text.includes('@') ? [] : found.items;
  if (several.length > 1) {
    throw new ServiceError('INVALID_INPUT', `"${text}" matches ${found.total} users: ${several.slice(0, MAX_CANDIDATES).map((u) => `${u.displayName} (${u.upn})`).join(', ')}${found.total > MAX_CANDIDATES ? ', …' : ''}. Pick one.`, {
      what: 'User',
      key: text,
      closest: several.slice(0, MAX_CANDIDATES).map((u) => u.upn),
    });
  }
  const close = found.items.filter((u) => distance(u.upn.toLowerCase(), lower) <= 3 || distance(u.displayName.toLowerCase(), lower) <= 2).slice(0, MAX_CANDIDATES);
  const hint = close.length ? ` The closest: ${close.map((u) => u.upn).join(', ')}.` : ' Type `users <name>` to search.';
  throw new ServiceError('NOT_FOUND', `User ${text} was not found.${hint}`, { what: 'User', key: text, closest: close.map((u) => u.upn) });
}

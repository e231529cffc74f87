import { z } from 'zod';
import type { HandlerContext } from '../../../core/handler-context.js';
import { ServiceError, isServiceError } from '../../../domain/errors.js';
import type { User } from '../../../domain/types.js';
import { MAX_LICENSE_USERS } from './license-payload.js';
import { distance } from '../../../core/command-grammar.js';

/** "a@x.com, b@x.com" or "a@x.com b@x.com": user names in the order given, repeats dropped. */
export function splitUserKeys(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .filter((key) => !seen.has(key.toLowerCase()) && seen.add(key.toLowerCase()));
}

export const userKeyList = z
  .string()
  .trim()
  .min(1, 'Say which users, for example `adele.vance@contoso.onmicrosoft.com, allan.deyoung@contoso.onmicrosoft.com`.')
  .max(40_000)
  .transform(splitUserKeys)
  .refine((keys) => keys.length <= MAX_LICENSE_USERS, `At most ${MAX_LICENSE_USERS} users at a time.`);

/** "<SKU> <word> <targets>" for assign/remove; the SKU may be a name with spaces. */
export function skuAndTargets(word: 'to' | 'from', example: string) {
  return z.string().transform((text, check) => {
    const match = new RegExp(`^(.+?)\\s+${word}\\s+(.+)$`, 'i').exec(text.trim());
    if (!match) {
      check.addIssue({ code: 'custom', message: `Say which license and ${word === 'to' ? 'to whom' : 'from whom'}, for example \`${example}\`.` });
      return z.NEVER;
    }
    const targets = (match[2] as string).trim();
    const users = splitUserKeys(targets);
    if (users.length > MAX_LICENSE_USERS) {
      check.addIssue({ code: 'custom', message: `At most ${MAX_LICENSE_USERS} users at a time.` });
      return z.NEVER;
    }
    return { sku: (match[1] as string).trim(), unlicensed: word === 'to' && /^unlicensed$/i.test(targets), users };
  });
}

/** The named users in the order given (by UPN or id); every unknown name is reported at once and nothing changes. */
export async function resolveUsers(ctx: HandlerContext, customerId: string, keys: readonly string[]): Promise<User[]> {
  const found = await Promise.all(
    keys.map((key) =>
      ctx.service.getUser(customerId, key).catch((e: unknown) => {
        if (isServiceError(e) && e.code === 'NOT_FOUND') return key;
        throw e;
      }),
    ),
  );
  const missing = found.filter((f): f is string => typeof f === 'string');
  if (missing.length > 0) {
    const hint = missing.length === 1 ? await didYouMean(ctx, customerId, missing[0] as string) : '';
    throw new ServiceError('NOT_FOUND', `No user ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}.${hint} Nothing was changed.`, { what: 'User', key: missing.join(',') });
  }
  const seen = new Set<string>();
  return found.filter((u): u is User => typeof u !== 'string' && !seen.has(u.id) && Boolean(seen.add(u.id)));
}

/** " Did you mean a@x, b@x?" for a name that is not a user name but finds users; never guessed into a change. */
async function didYouMean(ctx: HandlerContext, customerId: string, key: string): Promise<string> {
  if (key.length > 200) return '';
  if (key.includes('@')) return closeUserName(ctx, customerId, key);
  const found = await ctx.service.listUsers(customerId, { kind: 'text', text: key }, { top: 3 });
  if (found.items.length === 0) return '';
  return ` Did you mean ${found.items.map((u) => u.upn).join(', ')}${found.total > 3 ? ` (or ${found.total - 3} more: \`users ${key}\`)` : ''}?`;
}

/** " Did you mean tove.gronlund@x?" for a mistyped user name: users found by a name part, within two typos of it. */
async function closeUserName(ctx: HandlerContext, customerId: string, key: string): Promise<string> {
  const typed = key.toLowerCase();
  const parts = [...new Set((typed.split('@')[0] ?? '').split(/[._-]+/).filter((p) => p.length >= 2))].slice(0, 2);
  const close = new Map<string, string>();
  for (const part of parts) {
    const found = await ctx.service.listUsers(customerId, { kind: 'text', text: part }, { top: 50 });
    for (const user of found.items) if (distance(user.upn.toLowerCase(), typed) <= 2) close.set(user.id, user.upn);
  }
  return close.size > 0 ? ` Did you mean ${[...close.values()].slice(0, 3).join(', ')}?` : '';
}

/** Every user of the customer without any license, in the directory's order. */
export async function unlicensedUsers(ctx: HandlerContext, customerId: string): Promise<User[]> {
  const users: User[] = [];
  // Pages as large as what is still wanted: the reads are bounded by the users the command can touch.
  for (let cursor: string | undefined = ''; cursor !== undefined && users.length < MAX_LICENSE_USERS; ) {
    const page = await ctx.service.listUsers(customerId, { kind: 'unlicensed' }, { cursor, top: MAX_LICENSE_USERS - users.length });
    users.push(...page.items);
    cursor = page.items.length > 0 ? page.next : undefined;
  }
  return users.slice(0, MAX_LICENSE_USERS);
}

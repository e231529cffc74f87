import { z } from 'zod';

export type CreateUserArgs = { kind: 'form' } | { kind: 'line'; givenName: string; surname: string; upn?: string; skus: string[] };

/** Words, with "double quotes" keeping a multi-word name together. */
function words(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => (m[1] ?? m[2] ?? '').trim()).filter(Boolean);
}

/**
 * `<first> <last> [as <upn>] [with <SKU>[, <SKU>...]]`; nothing at all means the form. The first word is the first name,
 * the rest up to `as`/`with` the last name ("Anna van der Berg" -> Anna / van der Berg).
 */
export const createUserArgs = z.string().transform((text, ctx): CreateUserArgs => {
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  const all = words(text);
  if (all.length === 0) return { kind: 'form' };
  const keyword = (w: string) => ['as', 'with'].includes(w.toLowerCase());
  const nameEnd = all.findIndex(keyword);
  const names = nameEnd === -1 ? all : all.slice(0, nameEnd);
  if (names.length < 2) return fail('Give a first and a last name, for example `create user Anna Berg`, or just `create user` for the form.');
  let upn: string | undefined;
  let skus: string[] = [];
  let i = nameEnd === -1 ? all.length : nameEnd;
  while (i < all.length) {
    const word = (all[i] as string).toLowerCase();
    const rest: string[] = [];
    for (i++; i < all.length && !keyword(all[i] as string); i++) rest.push(all[i] as string);
    if (rest.length === 0) return fail(`Say what comes after "${word}".`);
    if (word === 'as') {
      if (upn !== undefined || rest.length !== 1) return fail('Give one user name after "as", for example `as anna.berg@contoso.com` or `as anna.berg`.');
      upn = rest[0];
    } else {
      skus = [...skus, ...rest.join(' ').split(',').map((s) => s.trim()).filter(Boolean)];
    }
  }
  if (skus.length > 10) return fail('Give at most 10 licenses.');
  return { kind: 'line', givenName: names[0] as string, surname: names.slice(1).join(' '), ...(upn ? { upn } : {}), skus };
});

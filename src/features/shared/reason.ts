import { z } from 'zod';

export const MAX_REASON_LENGTH = 500;

/**
 * Splits a trailing "because <reason>" (a ticket reference or a few words) off a command's argument text:
 * "x@y because ticket 4711" -> { text: "x@y", reason: "ticket 4711" }. The first "because" word starts the reason.
 */
export function splitReason(text: string): { text: string; reason?: string } {
  const match = /(^|\s)because(\s|$)/i.exec(text);
  if (!match) return { text: text.trim() };
  const reason = text.slice(match.index + match[0].length).trim().slice(0, MAX_REASON_LENGTH);
  return { text: text.slice(0, match.index).trim(), ...(reason ? { reason } : {}) };
}

/** The optional "Reason or ticket" input of a card that changes data: blank means none. */
export const cardReason = z
  .string()
  .max(MAX_REASON_LENGTH)
  .optional()
  .transform((value) => value?.trim() || undefined);

/** A command schema that also accepts a trailing "because <reason>": parses to { args, reason }. */
export const withReason = <A>(schema: z.ZodType<A, string>) =>
  z
    .string()
    .transform(splitReason)
    .pipe(z.object({ text: schema, reason: z.string().optional() }))
    .transform(({ text, reason }) => ({ args: text, ...(reason ? { reason } : {}) }));

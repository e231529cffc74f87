import { z } from 'zod';
import { defineCard } from './card-template.js';
import { VERBS } from './verbs.js';

export const cardActionSchema = z.object({ title: z.string(), verb: z.enum(VERBS), data: z.record(z.string(), z.unknown()) });
export type CardAction = z.infer<typeof cardActionSchema>;
/** A listing's place: the directory's opaque cursor and the cursors of the pages before it (see features/shared/paging). */
export const pagePosition = z.object({ cursor: z.string(), back: z.string() });
const factSchema = z.object({ title: z.string(), value: z.string() });

export const errorCard = defineCard(
  'error',
  z.object({
    title: z.string(),
    message: z.string(),
    hint: z.string(),
    code: z.string(),
    actions: z.array(cardActionSchema),
    /** Corrected commands: pressing one sends its text as if typed (Teams imBack), so it runs through the router again. */
    suggestions: z.array(z.object({ title: z.string(), command: z.string() })).optional(),
  }),
);

/** A short result or piece of guidance: title, text, facts and buttons. */
export const noticeCard = defineCard(
  'notice',
  z.object({
    title: z.string(),
    message: z.string(),
    color: z.enum(['Default', 'Good', 'Attention', 'Warning', 'Accent']),
    facts: z.array(factSchema),
    actions: z.array(cardActionSchema),
  }),
);

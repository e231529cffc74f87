import { z } from 'zod';
import { defineCard } from './card-template.js';
import { cardActionSchema } from './common.js';

const colorSchema = z.enum(['Default', 'Good', 'Attention', 'Warning', 'Accent']);

/** Chosen users and one toggle (or, when only some users hold it, a keep/assign/remove choice) per subscription. */
export const manageLicensesCard = defineCard(
  'licenses-manage',
  z.object({
    title: z.string(),
    summary: z.string(),
    users: z.array(z.object({ displayName: z.string(), upn: z.string() })),
    moreUsers: z.string(),
    userIds: z.array(z.string()),
    rows: z.array(
      z.object({
        skuId: z.string(),
        name: z.string(),
        skuPartNumber: z.string(),
        seats: z.string(),
        available: z.number(),
        mixed: z.boolean(),
        held: z.boolean(),
        holders: z.string(),
      }),
    ),
  }),
);

/** Each user's outcome per license, and the seats left afterwards. */
export const licensesResultCard = defineCard(
  'licenses-result',
  z.object({
    title: z.string(),
    message: z.string(),
    color: colorSchema,
    rows: z.array(
      z.object({
        displayName: z.string(),
        upn: z.string(),
        outcomes: z.array(z.object({ license: z.string(), outcome: z.string(), color: colorSchema })),
        note: z.string(),
      }),
    ),
    moreRows: z.string(),
    facts: z.array(z.object({ title: z.string(), value: z.string() })),
    actions: z.array(cardActionSchema),
  }),
);

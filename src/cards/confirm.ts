import { z } from 'zod';
import { defineCard } from './card-template.js';
import { VERBS } from './verbs.js';

export const confirmCard = defineCard(
  'confirm',
  z.object({
    title: z.string(),
    message: z.string(),
    facts: z.array(z.object({ title: z.string(), value: z.string() })),
    destructive: z.boolean(),
    confirmTitle: z.string(),
    confirmVerb: z.enum(VERBS),
    confirmationId: z.string(),
    requestedBy: z.string(),
    expiresAt: z.string(),
  }),
);

import { z } from 'zod';
import { defineCard } from './card-template.js';

const factSchema = z.object({ title: z.string(), value: z.string() });
const colorSchema = z.enum(['Default', 'Good', 'Attention', 'Warning', 'Accent']);

/** One approval request, as seen by one viewer (or by everyone, for posted copies); refreshes itself. */
export const approvalCard = defineCard(
  'approval',
  z.object({
    approvalId: z.string(),
    stateText: z.string(),
    stateColor: colorSchema,
    title: z.string(),
    message: z.string(),
    facts: z.array(factSchema),
    request: z.array(factSchema),
    comment: z.string(),
    outcome: z.string(),
    outcomeColor: colorSchema,
    note: z.string(),
    canDecide: z.boolean(),
    canCancel: z.boolean(),
  }),
);

export const approvalsListCard = defineCard(
  'approvals-list',
  z.object({
    title: z.string(),
    message: z.string(),
    items: z.array(z.object({ id: z.string(), title: z.string(), details: z.string(), canDecide: z.boolean(), openTitle: z.string() })),
  }),
);

export const auditListCard = defineCard(
  'audit-list',
  z.object({
    title: z.string(),
    message: z.string(),
    entries: z.array(z.object({ headline: z.string(), details: z.string(), color: colorSchema })),
  }),
);

import { z } from 'zod';
import { MAX_REASON_LENGTH } from '../../shared/reason.js';

/** What approval buttons carry: only the id; the Reject/Approve comment comes from the card's input. */
export const approvalData = z.object({
  approvalId: z.string().min(10).max(64).regex(/^[A-Za-z0-9_-]+$/),
  comment: z
    .string()
    .max(MAX_REASON_LENGTH * 2)
    .optional()
    .transform((c) => c?.trim().slice(0, MAX_REASON_LENGTH) || undefined),
});

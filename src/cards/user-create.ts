import { z } from 'zod';
import { defineCard } from './card-template.js';
import { cardActionSchema } from './common.js';

const choiceSchema = z.object({ title: z.string(), value: z.string() });

/** The `create user` form. Inputs come back as strings; defaults are filled in on submit (display name, user name). */
export const createUserFormCard = defineCard(
  'create-user-form',
  z.object({
    title: z.string(),
    customerId: z.string(),
    /** Result of the previous user when "add another" was ticked. */
    status: z.string(),
    error: z.string(),
    values: z.object({
      firstName: z.string(),
      lastName: z.string(),
      displayName: z.string(),
      localPart: z.string(),
      domain: z.string(),
      usageLocation: z.string(),
      /** Comma-separated SKU ids (the multi-select's value). */
      licenses: z.string(),
      adminRole: z.string(),
      addAnother: z.enum(['true', 'false']),
      /** For an operator whose role may only ask: the reason or ticket shown to the approver. */
      reason: z.string(),
    }),
    domains: z.array(z.string()).min(1),
    licenseChoices: z.array(choiceSchema),
    showAdminRole: z.boolean(),
    showReason: z.boolean(),
    adminRoleChoices: z.array(choiceSchema),
  }),
);

/**
 * The one card that carries a secret: a temporary password, only ever sent to the requester's personal chat,
 * and replaced by a "password hidden" card later.
 */
export const passwordResultCard = defineCard(
  'password-result',
  z.object({
    title: z.string(),
    displayName: z.string(),
    facts: z.array(z.object({ title: z.string(), value: z.string() })),
    password: z.string(),
    hideAt: z.string(),
    actions: z.array(cardActionSchema),
  }),
);

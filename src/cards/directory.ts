import { z } from 'zod';
import { defineCard } from './card-template.js';
import { cardActionSchema, pagePosition } from './common.js';

export const customersCard = defineCard(
  'customers',
  z.object({
    title: z.string(),
    message: z.string(),
    customers: z.array(z.object({ id: z.string(), name: z.string(), domain: z.string(), usageLocation: z.string(), selected: z.boolean() })),
  }),
);

export const usersListCard = defineCard(
  'users-list',
  z.object({
    title: z.string(),
    summary: z.string(),
    emptyText: z.string(),
    filter: z.string(),
    rows: z.array(z.object({ id: z.string(), displayName: z.string(), upn: z.string(), licenses: z.string(), admin: z.boolean(), rolesUnknown: z.boolean() })),
    hasPrevious: z.boolean(),
    previous: pagePosition,
    hasNext: z.boolean(),
    next: pagePosition,
    /** The page shown, so "Manage licenses" can lead back to it. */
    at: pagePosition,
    /** A checkbox per row and a "Manage licenses" button for the ticked users. */
    canManage: z.boolean(),
  }),
);

export const userDetailsCard = defineCard(
  'user-details',
  z.object({
    userId: z.string(),
    displayName: z.string(),
    upn: z.string(),
    facts: z.array(z.object({ title: z.string(), value: z.string() })),
    licenses: z.array(z.object({ name: z.string(), skuPartNumber: z.string() })),
    /** At most three: Teams truncates the titles of a fourth. */
    actions: z.array(cardActionSchema).max(3),
    /** In the "..." overflow menu. */
    moreActions: z.array(cardActionSchema),
    /** A "Reason or ticket" input sent with Delete (and the other changes), kept in the audit. */
    askReason: z.boolean(),
  }),
);

export const licensesCard = defineCard(
  'licenses',
  z.object({
    title: z.string(),
    // Seat counts arrive as text: `string()` in a template costs about 0.2 ms a call (adaptive-expressions builds an
    // Intl.DateTimeFormat each time to find the locale), which made this the slowest card to render by far.
    rows: z.array(
      z.object({ name: z.string(), skuPartNumber: z.string(), total: z.string(), assigned: z.string(), available: z.string(), warning: z.string() }),
    ),
    actions: z.array(cardActionSchema),
  }),
);

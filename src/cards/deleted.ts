import { z } from 'zod';
import { defineCard } from './card-template.js';
import { cardActionSchema, pagePosition } from './common.js';

/** The restore list: one tickable row per deleted user, "Restore selected", paged. */
export const deletedUsersCard = defineCard(
  'deleted-users',
  z.object({
    title: z.string(),
    summary: z.string(),
    /** Guidance shown above the rows, e.g. after "Restore selected" with nothing ticked. */
    message: z.string(),
    emptyText: z.string(),
    rows: z.array(
      z.object({
        id: z.string(),
        /** Input id of the row's checkbox; its value when ticked is the user id. */
        inputId: z.string(),
        displayName: z.string(),
        upn: z.string(),
        deleted: z.string(),
        window: z.string(),
        windowColor: z.enum(['Default', 'Warning', 'Attention']),
        licenses: z.string(),
        /** Why the row cannot be ticked, or ''. */
        note: z.string(),
        selectable: z.boolean(),
      }),
    ),
    canRestore: z.boolean(),
    /** The page shown, so Restore selected can show it again. */
    at: pagePosition,
    hasPrevious: z.boolean(),
    previous: pagePosition,
    hasNext: z.boolean(),
    next: pagePosition,
  }),
);

const color = z.enum(['Default', 'Good', 'Warning', 'Attention']);

const restoreRowSchema = z.object({
  displayName: z.string(),
  upn: z.string(),
  status: z.string(),
  color,
  lines: z.array(z.object({ text: z.string() })),
  /** The stable error code when the user was not restored, else ''. */
  code: z.string(),
  actions: z.array(cardActionSchema),
});
export type RestoreRow = z.infer<typeof restoreRowSchema>;

/** What a restore did, per user: licenses back and not back, name clashes, expired windows. */
export const restoreResultCard = defineCard(
  'restore-result',
  z.object({ title: z.string(), color, summary: z.string(), rows: z.array(restoreRowSchema), actions: z.array(cardActionSchema) }),
);

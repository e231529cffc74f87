import { z } from 'zod';
import { defineCard } from './card-template.js';
import { VERBS } from './verbs.js';
import { cardActionSchema } from './common.js';

const factSchema = z.object({ title: z.string(), value: z.string() });

/** Review, progress, results and status of an import: headline, facts, titled lists, buttons. */
export const importReportCard = defineCard(
  'import-report',
  z.object({
    title: z.string(),
    color: z.enum(['Default', 'Good', 'Attention', 'Warning', 'Accent']),
    message: z.string(),
    facts: z.array(factSchema),
    sections: z.array(z.object({ heading: z.string(), facts: z.array(factSchema), more: z.string() })),
    footnote: z.string(),
    actions: z.array(cardActionSchema),
    /** A "Reason or ticket" input, sent with Create (kept on the import's audit entries). */
    askReason: z.boolean().optional(),
  }),
);

/** User names and temporary passwords of one part of an import's results, as copyable CSV lines. */
export const importPasswordsCard = defineCard(
  'import-passwords',
  z.object({
    title: z.string(),
    message: z.string(),
    /** "User name,Temporary password" lines; an input so the text is copied exactly, never read as markdown. */
    csv: z.string(),
    rows: z.number().int(),
    hideVerb: z.enum(VERBS),
  }),
);

/** The columns of an import file, to copy into a spreadsheet. */
export const importTemplateCard = defineCard(
  'import-template',
  z.object({ title: z.string(), message: z.string(), headerLine: z.string(), csv: z.string(), columns: z.array(factSchema) }),
);

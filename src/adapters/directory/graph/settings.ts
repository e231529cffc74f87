import { z } from 'zod';

/** Environment settings of the Graph directory. Keys are the environment variable names so config.ts can compose them. */

// An empty variable (GRAPH_CLIENT_SECRET= in a .env file) means "not set", not "set to nothing".
const optionalText = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().min(1).optional());

// Tokens go to these hosts, so plain http is never accepted from settings (tests use a separate deps flag).
const httpsUrl = (fallback: string) =>
  z
    .url({ protocol: /^https$/, error: 'must be an https:// URL' })
    .default(fallback)
    .transform((url) => url.replace(/\/+$/, ''));

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com';
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** The fields without the cross-field rule: compose this one (zod objects with refinements cannot be extended). */
export const graphSettingsFields = z.object({
  CUSTOMERS_FILE: z.string().min(1, 'CUSTOMERS_FILE must name the customers JSON file'),
  GRAPH_CLIENT_ID: z.guid('GRAPH_CLIENT_ID must be the app registration\'s application (client) id'),
  GRAPH_CLIENT_SECRET: optionalText,
  GRAPH_CERTIFICATE_PATH: optionalText,
  GRAPH_BASE_URL: httpsUrl(DEFAULT_GRAPH_BASE_URL),
  GRAPH_AUTHORITY_HOST: httpsUrl(DEFAULT_AUTHORITY_HOST),
});

/** Exactly one credential: a secret or a certificate (PEM with the private key). Both set is ambiguous, so rejected. */
export function requireOneGraphCredential(value: { GRAPH_CLIENT_SECRET?: string | undefined; GRAPH_CERTIFICATE_PATH?: string | undefined }, ctx: z.RefinementCtx): void {
  const has = [value.GRAPH_CLIENT_SECRET, value.GRAPH_CERTIFICATE_PATH].filter((v) => v !== undefined).length;
  if (has === 0) ctx.addIssue({ code: 'custom', path: ['GRAPH_CLIENT_SECRET'], message: 'set GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH' });
  if (has === 2) ctx.addIssue({ code: 'custom', path: ['GRAPH_CERTIFICATE_PATH'], message: 'set only one of GRAPH_CLIENT_SECRET and GRAPH_CERTIFICATE_PATH' });
}

export const graphSettingsSchema = graphSettingsFields.superRefine(requireOneGraphCredential);

export type GraphSettings = z.output<typeof graphSettingsSchema>;

import { z } from 'zod';
import { graphSettingsFields, graphSettingsSchema, requireOneGraphCredential, type GraphSettings } from './adapters/directory/graph/settings.js';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');
const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .default('')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item));
const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const optionalText = z.string().trim().optional().transform((s) => (s ? s : undefined));
const httpsUrl = z.string().url().refine((u) => u.startsWith('https://'), 'must be an https URL');

/** Bot Framework keys that redirect authentication endpoints; in production only with an explicit cloud setting. */
export const ENDPOINT_OVERRIDE_KEYS = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToChannelFromBotOAuthScope',
  'ToChannelFromBotLoginUrl',
  'OAuthUrl',
  'CallerId',
  'ValidateAuthority',
] as const;

export const APPROVABLE_ACTIONS = ['create', 'reset', 'licenses', 'delete', 'restore', 'import'] as const;

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().min(1).default('./data'),
    DIRECTORY: z.enum(['embedded', 'graph']).default('embedded'),
    BOT_OWNERS: csv(guid),
    ALLOWED_TENANTS: csv(guid),
    // Standard Bot Framework keys, passed to ConfigurationBotFrameworkAuthentication under these names.
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalText,
    CertificateThumbprint: optionalText,
    CertificatePrivateKey: optionalText,
    ToBotFromChannelOpenIdMetadataUrl: optionalText,
    ToBotFromEmulatorOpenIdMetadataUrl: optionalText,
    ToBotFromChannelTokenIssuer: optionalText,
    ToChannelFromBotOAuthScope: optionalText,
    ToChannelFromBotLoginUrl: optionalText,
    OAuthUrl: optionalText,
    CallerId: optionalText,
    ValidateAuthority: optionalText,
    /** Names the cloud whose endpoints the override keys point at; required for overrides in production. */
    BOT_CLOUD: optionalText,
    /** Accept Bot Framework Emulator tokens (issuer sts.windows.net); never needed for Teams. */
    ALLOW_EMULATOR: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    PASSWORD_VISIBLE_MINUTES: int(10, 1),
    PASSWORD_RESETS_PER_10_MIN: int(10),
    MUTATIONS_PER_MINUTE: int(60),
    CONFIRMATION_TTL_MINUTES: int(15, 1),
    /** Least time between two updates of an import's progress card (Teams throttles frequent edits). */
    IMPORT_PROGRESS_INTERVAL_MS: int(2000),
    APPROVAL_REQUIRED_FOR: csv(z.enum(APPROVABLE_ACTIONS)),
    APPROVAL_THRESHOLD_USERS: int(0),
    APPROVAL_TTL_HOURS: int(24, 1),
    CUSTOMERS_FILE: optionalText,
    GRAPH_CLIENT_ID: optionalText,
    GRAPH_CLIENT_SECRET: optionalText,
    GRAPH_CERTIFICATE_PATH: optionalText,
    GRAPH_BASE_URL: httpsUrl.default('https://graph.microsoft.com'),
    GRAPH_AUTHORITY_HOST: httpsUrl.default('https://login.microsoftonline.com'),
  })
  .superRefine((c, ctx) => {
    const fail = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
    if (c.MicrosoftAppType === 'SingleTenant' && c.MicrosoftAppId && !c.MicrosoftAppTenantId) fail('MicrosoftAppTenantId', 'is required when MicrosoftAppType is SingleTenant');
    if (c.NODE_ENV === 'production') {
      if (!c.MicrosoftAppId) fail('MicrosoftAppId', 'is required in production (the bot would accept unauthenticated requests)');
      else if (c.MicrosoftAppType !== 'UserAssignedMSI' && !c.MicrosoftAppPassword && !c.CertificatePrivateKey)
        fail('MicrosoftAppPassword', `is required in production for MicrosoftAppType ${c.MicrosoftAppType} (or CertificateThumbprint + CertificatePrivateKey)`);
      if (!c.BOT_CLOUD) for (const key of ENDPOINT_OVERRIDE_KEYS) if (c[key]) fail(key, 'must not be set in production unless BOT_CLOUD names the cloud it points at');
    }
    if (c.DIRECTORY === 'graph') {
      // The Graph adapter owns its settings schema; its issues are reported here under the same keys.
      requireOneGraphCredential(c, ctx);
      const graph = graphSettingsFields.safeParse(pickGraphKeys(c));
      if (!graph.success)
        for (const issue of graph.error.issues) {
          const key = String(issue.path[0] ?? 'GRAPH');
          fail(key, c[key as GraphKey] === undefined && issue.code !== 'custom' ? 'is required when DIRECTORY=graph' : issue.message.replace(new RegExp(`^${key} `), ''));
        }
    }
  });

export type Config = z.infer<typeof schema>;

const GRAPH_KEYS = ['CUSTOMERS_FILE', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'GRAPH_CERTIFICATE_PATH', 'GRAPH_BASE_URL', 'GRAPH_AUTHORITY_HOST'] as const;
type GraphKey = (typeof GRAPH_KEYS)[number];

function pickGraphKeys(c: Pick<Config, GraphKey>): Record<GraphKey, string | undefined> {
  return Object.fromEntries(GRAPH_KEYS.map((k) => [k, c[k]])) as Record<GraphKey, string | undefined>;
}

/** The Graph directory's settings from a validated config (DIRECTORY=graph guarantees they parse). */
export function graphSettings(c: Config): GraphSettings {
  return graphSettingsSchema.parse(pickGraphKeys(c));
}

export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Validates the environment once; every problem is one line naming its key. Values are never echoed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
}

/** The keys ConfigurationBotFrameworkAuthentication reads, under their standard names. */
export function botFrameworkSettings(c: Config): Record<string, string | undefined> {
  return {
    MicrosoftAppId: c.MicrosoftAppId,
    MicrosoftAppPassword: c.MicrosoftAppPassword,
    MicrosoftAppType: c.MicrosoftAppId ? c.MicrosoftAppType : undefined,
    MicrosoftAppTenantId: c.MicrosoftAppTenantId,
    CertificateThumbprint: c.CertificateThumbprint,
    CertificatePrivateKey: c.CertificatePrivateKey,
    ...Object.fromEntries(ENDPOINT_OVERRIDE_KEYS.map((k) => [k, c[k]])),
  };
}

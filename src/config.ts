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
const optionalGuid = optionalText.pipe(guid.optional());
/** A PostgreSQL connection URL; the message never repeats it (it may hold a password). */
const isPostgresUrl = (s: string): boolean => {
  try {
    const u = new URL(s);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
  } catch {
    return false;
  }
};
const postgresUrl = optionalText.pipe(z.string().refine(isPostgresUrl, 'must be a postgres:// or postgresql:// URL with a host').optional());

/** A bot owner: `<objectId>` (of the home tenant) or `<tenantId>:<objectId>`. */
const GUID_TEXT = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ownerEntry = z.string().regex(new RegExp(`^(${GUID_TEXT}:)?${GUID_TEXT}$`, 'i'), 'must be an object id or <tenantId>:<objectId> (both GUIDs)');

/**
 * Where Teams puts the files a user attaches in a personal chat with a bot: the sender's OneDrive for Business, whose
 * pre-authorised download URLs are on `<tenant>-my.sharepoint.com` (bots cannot receive files in GCC High, DoD or
 * 21Vianet, so no other SharePoint cloud is listed). Anything else must be allowed explicitly.
 */
export const DEFAULT_IMPORT_DOWNLOAD_HOSTS = '*.sharepoint.com';
/** `host`, `*.suffix` (two labels at least) or `[::1]`, each with an optional `:port`. */
const hostPattern = z
  .string()
  .regex(/^(\*\.[a-z0-9-]+(\.[a-z0-9-]+)+|[a-z0-9-]+(\.[a-z0-9-]+)*|\[::1\])(:\d{1,5})?$/i, 'must be a host name, *.suffix or [::1], with an optional :port');
const hostPatterns = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() ? v : DEFAULT_IMPORT_DOWNLOAD_HOSTS),
  z.string().transform((s) => s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean)).pipe(z.array(hostPattern)),
);

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
    /** Set: the bot's own state lives in PostgreSQL (any number of instances); empty: in files under DATA_DIR (one process). */
    DATABASE_URL: postgresUrl,
    DATABASE_POOL_SIZE: int(10, 1),
    /** Server-side limit per statement, so a stuck query fails with "database unavailable" instead of hanging a turn. */
    DATABASE_STATEMENT_TIMEOUT_MS: int(10_000, 100),
    BOT_OWNERS: csv(ownerEntry),
    /** The partner's own tenant, to which bare object ids in BOT_OWNERS belong (see homeTenantOf). */
    HOME_TENANT_ID: optionalGuid,
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
    /** Hosts an attached import file may be downloaded from (each redirect hop too). */
    IMPORT_DOWNLOAD_HOSTS: hostPatterns,
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
      // A bare owner id without a home tenant would be bound to whichever tenant writes first: fine on a laptop, never
      // where strangers' tenants can reach the bot.
      if (c.BOT_OWNERS.some((o) => !o.includes(':')) && !homeTenantOf(c))
        fail('BOT_OWNERS', 'has object ids without a tenant and no home tenant is known: set HOME_TENANT_ID, or write each entry as <tenantId>:<objectId>');
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

/** The tenant bare BOT_OWNERS ids belong to: HOME_TENANT_ID, else MicrosoftAppTenantId, else the only allowed tenant. */
export function homeTenantOf(c: Pick<Config, 'HOME_TENANT_ID' | 'MicrosoftAppTenantId' | 'ALLOWED_TENANTS'>): string | undefined {
  const home = c.HOME_TENANT_ID ?? c.MicrosoftAppTenantId ?? (c.ALLOWED_TENANTS.length === 1 ? c.ALLOWED_TENANTS[0] : undefined);
  return home?.toLowerCase();
}

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

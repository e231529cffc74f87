/**
 * Which URLs the bot may download an attached import file from (IMPORT_DOWNLOAD_HOSTS). The download URL comes from
 * the activity, which a modified client fills at will: without this list any operator could make the bot GET any
 * https host or a service on its own loopback interface.
 */

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

interface HostPattern {
  /** `*.suffix`: any host under the suffix (not the suffix itself). */
  wildcard: boolean;
  host: string;
  /** Without a port, only the scheme's default port. */
  port: number | undefined;
}

/** `host`, `*.suffix` or `[::1]`, optionally with `:port` (validated by the config schema). */
function parsePattern(pattern: string): HostPattern {
  const match = /^(.*?)(?::(\d+))?$/.exec(pattern.trim().toLowerCase()) as RegExpExecArray;
  const name = match[1] as string;
  const wildcard = name.startsWith('*.');
  return { wildcard, host: wildcard ? name.slice(2) : name, port: match[2] === undefined ? undefined : Number(match[2]) };
}

function matches(p: HostPattern, url: URL): boolean {
  const host = url.hostname.toLowerCase();
  const hostOk = p.wildcard ? host.endsWith(`.${p.host}`) : host === p.host;
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const portOk = p.port === undefined ? port === (url.protocol === 'https:' ? 443 : 80) : port === p.port;
  return hostOk && portOk;
}

/** https to a listed host; plain http only to a loopback host the list names (local emulators and tests). */
export function downloadAllowed(url: URL, patterns: readonly string[]): boolean {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  return patterns.map(parsePattern).some((p) => matches(p, url) && (url.protocol === 'https:' || (!p.wildcard && LOOPBACK.has(p.host))));
}

/** The list as users read it in a refusal: "*.sharepoint.com" rather than internals. */
export function describeHosts(patterns: readonly string[]): string {
  return patterns.join(', ') || 'nowhere';
}

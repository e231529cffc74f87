import { z } from 'zod';
import { ServiceError } from '../../../domain/errors.js';
import type { IncomingMessage } from '../../../ports/messaging.js';
import type { Logger } from '../../../log.js';
import { decodeCsv, MAX_IMPORT_BYTES } from './parse-csv.js';
import { describeHosts, downloadAllowed } from './download-hosts.js';

export const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';

const fileInfoSchema = z.object({ downloadUrl: z.string().url(), fileType: z.string().optional(), uniqueId: z.string().optional() });

export interface ImportSource {
  fileName: string;
  text: string;
}

const refuse = (message: string): ServiceError => new ServiceError('INVALID_INPUT', message);

/** Redirects followed at most (SharePoint answers a download URL directly; a chain this long is not a file). */
export const MAX_DOWNLOAD_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface DownloadPolicy {
  /** IMPORT_DOWNLOAD_HOSTS. */
  hosts: readonly string[];
  log?: Logger;
}

function refusedHost(url: URL, policy: DownloadPolicy, hop: number): ServiceError {
  // The host only: a Teams download URL carries a pre-authorised token in its query.
  policy.log?.warn({ host: url.host.slice(0, 255), protocol: url.protocol, hop }, 'refused to download an import file from a host not in IMPORT_DOWNLOAD_HOSTS');
  return refuse(`The bot only downloads files from ${describeHosts(policy.hosts)}, and this file's address is elsewhere, so nothing was downloaded. Attach the CSV file in Teams, or paste its rows below \`import users\`.`);
}

/**
 * Fetches the file, following redirects by hand so that every hop is checked against the list before it is requested
 * (fetch's own redirect handling would reach any host the first one points at).
 */
async function download(url: string, policy: DownloadPolicy): Promise<Uint8Array> {
  let current = new URL(url);
  let response: Response;
  for (let hop = 0; ; hop++) {
    if (!downloadAllowed(current, policy.hosts)) throw refusedHost(current, policy, hop);
    try {
      response = await fetch(current, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    } catch {
      throw new ServiceError('UPSTREAM', 'I could not download the attached file. Attach it again.');
    }
    if (!REDIRECTS.has(response.status)) break;
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (!location || hop >= MAX_DOWNLOAD_REDIRECTS) throw new ServiceError('UPSTREAM', 'The attached file could not be downloaded (too many redirects). Attach it again.');
    try {
      current = new URL(location, current);
    } catch {
      throw new ServiceError('UPSTREAM', 'The attached file could not be downloaded (a bad redirect). Attach it again.');
    }
  }
  if (!response.ok || !response.body) throw new ServiceError('UPSTREAM', `Teams did not hand over the attached file (HTTP ${response.status}). Attach it again.`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_IMPORT_BYTES) {
    await response.body.cancel();
    return new Uint8Array(declared); // decodeCsv refuses it by size
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    chunks.push(chunk);
    if (size > MAX_IMPORT_BYTES) break;
  }
  return Buffer.concat(chunks, size);
}

/** The text after "import users" in the message as sent: newlines kept, @mention and HTML line breaks handled. */
export function pastedCsv(raw: string): string {
  const text = raw
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return text.replace(/^\s*import\s+users\b[^\S\r\n]*/i, '').replace(/^\r?\n/, '');
}

/** The CSV of an `import users` message: its attached Teams file, or the rows pasted below the command. */
export async function importSource(message: IncomingMessage | undefined, policy: DownloadPolicy): Promise<ImportSource | null> {
  const file = message?.attachments.find((a) => a.contentType === TEAMS_FILE);
  if (file) {
    const info = fileInfoSchema.safeParse(file.content);
    if (!info.success) throw refuse('The attached file could not be read. Attach it again.');
    const fileName = file.name ?? 'attached file';
    const type = (info.data.fileType ?? fileName.split('.').pop() ?? '').toLowerCase();
    if (type !== 'csv' && type !== 'txt') {
      throw refuse(`${fileName} is not a CSV file. In Excel use File > Save As > "CSV UTF-8 (Comma delimited)", then attach that file.`);
    }
    return { fileName, text: decodeCsv(await download(info.data.downloadUrl, policy)) };
  }
  const pasted = pastedCsv(message?.text ?? '');
  if (!pasted.trim()) return null;
  if (Buffer.byteLength(pasted) > MAX_IMPORT_BYTES) decodeCsv(Buffer.from(pasted));
  return { fileName: 'pasted rows', text: pasted };
}

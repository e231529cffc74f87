import { z } from 'zod';
import { ServiceError } from '../../../domain/errors.js';
import type { IncomingMessage } from '../../../ports/messaging.js';
import { decodeCsv, MAX_IMPORT_BYTES } from './parse-csv.js';

export const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';

const fileInfoSchema = z.object({ downloadUrl: z.string().url(), fileType: z.string().optional(), uniqueId: z.string().optional() });

export interface ImportSource {
  fileName: string;
  text: string;
}

const refuse = (message: string): ServiceError => new ServiceError('INVALID_INPUT', message);

// Teams download URLs are https; plain http only to this machine (local emulators and tests).
function allowedUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
}

async function download(url: string): Promise<Uint8Array> {
  const parsed = new URL(url);
  if (!allowedUrl(parsed)) throw refuse('The attached file has a download address I do not accept. Attach it again from your computer.');
  let response: Response;
  try {
    response = await fetch(parsed, { signal: AbortSignal.timeout(30_000) });
  } catch {
    throw new ServiceError('UPSTREAM', 'I could not download the attached file. Attach it again.');
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
export async function importSource(message: IncomingMessage | undefined): Promise<ImportSource | null> {
  const file = message?.attachments.find((a) => a.contentType === TEAMS_FILE);
  if (file) {
    const info = fileInfoSchema.safeParse(file.content);
    if (!info.success) throw refuse('The attached file could not be read. Attach it again.');
    const fileName = file.name ?? 'attached file';
    const type = (info.data.fileType ?? fileName.split('.').pop() ?? '').toLowerCase();
    if (type !== 'csv' && type !== 'txt') {
      throw refuse(`${fileName} is not a CSV file. In Excel use File > Save As > "CSV UTF-8 (Comma delimited)", then attach that file.`);
    }
    return { fileName, text: decodeCsv(await download(info.data.downloadUrl)) };
  }
  const pasted = pastedCsv(message?.text ?? '');
  if (!pasted.trim()) return null;
  if (Buffer.byteLength(pasted) > MAX_IMPORT_BYTES) decodeCsv(Buffer.from(pasted));
  return { fileName: 'pasted rows', text: pasted };
}

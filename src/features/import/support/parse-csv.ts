import { parse } from 'csv-parse/sync';
import { ServiceError } from '../../../domain/errors.js';
import { fieldForHeader, type ImportField } from './columns.js';

export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;

export interface RawRow {
  /** The row number a spreadsheet shows for this record (header = 1, blank lines counted, multi-line cells = one row). */
  rowNumber: number;
  values: Partial<Record<ImportField, string>>;
  /** Filled cells to the right of the last header: an unquoted delimiter inside a value split it. */
  extraCells?: number;
}

export interface ParsedFile {
  delimiter: ',' | ';';
  /** Field -> the header as written in the file. */
  columns: Partial<Record<ImportField, string>>;
  /** Headers this app does not use (shown on the review card). */
  ignoredColumns: string[];
  rows: RawRow[];
}

const refuse = (message: string, reason: string): ServiceError => new ServiceError('INVALID_INPUT', message, { reason });

/** UTF-8 (with or without BOM); a file that is not valid UTF-8 is read as Windows-1252, what older Excel writes. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw tooLarge(bytes.byteLength);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const tooLarge = (bytes: number): ServiceError =>
  refuse(`The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; imports are limited to 1 MB (about 10,000 users). Split it into smaller files.`, 'too-large');

/** The delimiter of the header line: ';' when it has more semicolons than commas outside quotes (Excel in many locales). */
function detectDelimiter(headerLine: string): ',' | ';' {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const count = (c: string) => unquoted.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** Parses CSV text with csv-parse: header row, comma or semicolon, BOM, quoted commas and newlines, blank lines. */
export function parseImportCsv(input: string): ParsedFile {
  if (Buffer.byteLength(input) > MAX_IMPORT_BYTES) throw tooLarge(Buffer.byteLength(input));
  let text = input.replace(/^\uFEFF/, '');
  // Excel may start a file with "sep=;" to name its delimiter.
  const sep = /^\s*sep=([,;])\s*\r?\n/i.exec(text);
  if (sep) text = text.slice(sep[0].length);
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const delimiter = (sep?.[1] as ',' | ';' | undefined) ?? detectDelimiter(firstLine);
  let records: { record: string[]; info: { records: number; empty_lines: number } }[];
  try {
    records = parse(text, { bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, trim: true, info: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw refuse(`The file is not valid CSV${line ? ` near line ${line}` : ''}: check for an unclosed quote.`, 'malformed');
  }
  const blank = (r: string[]) => r.every((v) => v.trim() === '');
  const meaningful = records.filter((r) => !blank(r.record));
  const header = meaningful.shift();
  if (!header) throw refuse('The file is empty. Type `import users template` for the columns to fill in.', 'empty');
  if (meaningful.length > MAX_IMPORT_ROWS) {
    throw refuse(`The file has ${meaningful.length.toLocaleString('en-US')} rows; imports are limited to ${MAX_IMPORT_ROWS.toLocaleString('en-US')}. Split it into smaller files.`, 'too-many-rows');
  }
  const columns: Partial<Record<ImportField, string>> = {};
  const indexes: [number, ImportField][] = [];
  const ignoredColumns: string[] = [];
  header.record.forEach((name, i) => {
    const field = fieldForHeader(name);
    if (field && columns[field] === undefined) {
      columns[field] = name;
      indexes.push([i, field]);
    } else if (name.trim()) ignoredColumns.push(name.trim());
  });
  if (columns.upn === undefined) {
    throw refuse('The first row must hold the column headers, with a User Name (or Email) column. Type `import users template` for the columns to fill in.', 'no-header');
  }
  const rows = meaningful.map(({ record, info }) => {
    const values: Partial<Record<ImportField, string>> = {};
    for (const [i, field] of indexes) {
      const value = record[i]?.trim();
      if (value) values[field] = value;
    }
    const extraCells = record.slice(header.record.length).filter((cell) => cell.trim() !== '').length;
    return { rowNumber: info.records + info.empty_lines, values, ...(extraCells > 0 ? { extraCells } : {}) };
  });
  return { delimiter, columns, ignoredColumns, rows };
}

import type { UserLicenseService } from '../../../ports/directory.js';
import { seatsAvailable, type Customer, type NewUserInput, type Subscription } from '../../../domain/types.js';
import { isValidUpn, splitUpn } from '../../../domain/user-names.js';
import { isServiceError } from '../../../domain/errors.js';
import { resolveSku } from '../../shared/resolve.js';
import { FIELD_HEADERS, MAX_LENGTH, type ImportField } from './columns.js';
import { countryCode, isUsageLocation } from './countries.js';
import type { ParsedFile, RawRow } from './parse-csv.js';

export interface ImportRow {
  rowNumber: number;
  input: NewUserInput;
}

export interface RowError {
  rowNumber: number;
  /** The column as the file names it (or our name when the column is missing). */
  column: string;
  reason: string;
}

export interface SeatNeed {
  skuId: string;
  skuPartNumber: string;
  name: string;
  needed: number;
  free: number;
}

export interface ImportReview {
  totalRows: number;
  /** Valid rows whose user name is free: what Create makes. */
  ready: ImportRow[];
  /** Valid rows whose user name is taken (by a live or restorable deleted user): skipped and reported. */
  existing: ImportRow[];
  /** Every problem found, in row order; a row can have several. */
  errors: RowError[];
  /** Rows with at least one error. */
  invalidRows: number;
  seats: SeatNeed[];
  ignoredColumns: string[];
}

const UPN_LOOKUP_BATCH = 1000;

/** The same resolver as every command and the form (resolveSku); a miss is the row's problem, naming the closest. */
function skuResolver(subscriptions: Subscription[]): (text: string) => Subscription | string {
  return (text) => {
    try {
      return resolveSku(subscriptions, text);
    } catch (error) {
      if (!isServiceError(error)) throw error;
      const closest = Array.isArray(error.details.closest) ? ` (closest: ${error.details.closest.join(', ')})` : '';
      return `unknown SKU "${text.slice(0, 60)}"${closest}`;
    }
  };
}

/** One row -> a NewUserInput, or the reasons it cannot be one. Checks that need no other rows or users. */
function toInput(row: RawRow, file: ParsedFile, customer: Customer, findSku: (t: string) => Subscription | string): { input?: NewUserInput; errors: RowError[] } {
  const v = row.values;
  const errors: RowError[] = [];
  const column = (field: ImportField) => file.columns[field] ?? FIELD_HEADERS[field];
  const problem = (field: ImportField, reason: string) => errors.push({ rowNumber: row.rowNumber, column: column(field), reason });
  if (row.extraCells) {
    const cells = row.extraCells === 1 ? '1 filled cell' : `${row.extraCells} filled cells`;
    errors.push({ rowNumber: row.rowNumber, column: 'Extra cells', reason: `${cells} beyond the last column: put a value that holds "${file.delimiter}" in quotes` });
  }

  for (const [field, max] of Object.entries(MAX_LENGTH) as [ImportField, number][]) {
    const value = v[field];
    if (value && value.length > max) problem(field, `longer than ${max} characters`);
  }
  let upn = v.upn ?? '';
  if (!upn) problem('upn', 'missing user name');
  else {
    if (!upn.includes('@')) upn = `${upn}@${customer.defaultDomain}`;
    if (!isValidUpn(upn)) problem('upn', `invalid user name "${upn.slice(0, 80)}"`);
    else {
      const domain = splitUpn(upn).domain.toLowerCase();
      if (!customer.domains.some((d) => d.toLowerCase() === domain)) problem('upn', `invalid user name: ${domain} is not a domain of ${customer.name}`);
    }
  }
  const givenName = v.givenName ?? '';
  const surname = v.surname ?? '';
  const displayName = v.displayName ?? [givenName, surname].filter(Boolean).join(' ');
  if (!displayName) problem('displayName', 'missing name (give a Display Name, or a First and Last Name)');

  let usageLocation: string | undefined;
  if (v.usageLocation) {
    usageLocation = v.usageLocation.toUpperCase();
    if (!isUsageLocation(usageLocation)) problem('usageLocation', `bad country code "${v.usageLocation.slice(0, 40)}" (use two letters, e.g. US, DE, SE)`);
  } else if (v.country) usageLocation = countryCode(v.country);

  const licenses: string[] = [];
  // ";" or "," between SKUs, and "+" or "|" where ";" is the file's delimiter (Swedish or German Excel).
  for (const part of (v.licenses ?? '').split(/[;,+|]/).map((s) => s.trim()).filter(Boolean)) {
    const sku = findSku(part);
    if (typeof sku === 'string') problem('licenses', sku);
    else if (!licenses.includes(sku.skuId)) licenses.push(sku.skuId);
  }
  if (errors.length > 0) return { errors };
  const optional = (field: ImportField & keyof NewUserInput) => (v[field] ? { [field]: v[field] } : {});
  const input: NewUserInput = {
    upn,
    givenName,
    surname,
    displayName,
    licenses,
    ...(usageLocation ? { usageLocation } : {}),
    ...optional('jobTitle'),
    ...optional('department'),
    ...optional('officeLocation'),
    ...optional('businessPhone'),
    ...optional('mobilePhone'),
    ...optional('streetAddress'),
    ...optional('city'),
    ...optional('state'),
    ...optional('postalCode'),
    ...optional('country'),
  };
  return { input, errors };
}

/** Everything the review card shows; creates nothing. User names are checked against the directory in batches. */
export async function reviewImport(service: UserLicenseService, customer: Customer, file: ParsedFile): Promise<ImportReview> {
  const subscriptions = await service.listSubscriptions(customer.id);
  const findSku = skuResolver(subscriptions);
  const errors: RowError[] = [];
  const valid: ImportRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const row of file.rows) {
    const result = toInput(row, file, customer, findSku);
    errors.push(...result.errors);
    if (!result.input) continue;
    const key = result.input.upn.toLowerCase();
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      errors.push({ rowNumber: row.rowNumber, column: file.columns.upn ?? FIELD_HEADERS.upn, reason: `duplicate in the file (same user name as row ${first})` });
      continue;
    }
    firstRowOf.set(key, row.rowNumber);
    valid.push({ rowNumber: row.rowNumber, input: result.input });
  }
  const taken = new Set<string>();
  for (let i = 0; i < valid.length; i += UPN_LOOKUP_BATCH) {
    const found = await service.upnsInUse(customer.id, valid.slice(i, i + UPN_LOOKUP_BATCH).map((r) => r.input.upn));
    for (const upn of found) taken.add(upn.toLowerCase());
  }
  const ready = valid.filter((r) => !taken.has(r.input.upn.toLowerCase()));
  const existing = valid.filter((r) => taken.has(r.input.upn.toLowerCase()));
  return {
    totalRows: file.rows.length,
    ready,
    existing,
    errors,
    invalidRows: new Set(errors.map((e) => e.rowNumber)).size,
    seats: seatNeeds(subscriptions, ready),
    ignoredColumns: file.ignoredColumns,
  };
}

export function seatNeeds(subscriptions: Subscription[], rows: ImportRow[]): SeatNeed[] {
  const needed = new Map<string, number>();
  for (const row of rows) for (const sku of row.input.licenses) needed.set(sku, (needed.get(sku) ?? 0) + 1);
  return subscriptions
    .filter((s) => needed.has(s.skuId))
    .map((s) => ({ skuId: s.skuId, skuPartNumber: s.skuPartNumber, name: s.name, needed: needed.get(s.skuId) ?? 0, free: seatsAvailable(s) }));
}

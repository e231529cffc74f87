import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** The partner's customers: one entry per customer tenant the app registration has been consented in. */

const DOMAIN = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export const customerEntrySchema = z.object({
  name: z.string().trim().min(1, 'name is required'),
  tenantId: z.guid('tenantId must be the customer tenant id (a GUID)').transform((id) => id.toLowerCase()),
  defaultDomain: z.string().regex(DOMAIN, 'defaultDomain must be a domain name such as contoso.onmicrosoft.com'),
  usageLocation: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'usageLocation must be a two-letter country code')
    .transform((c) => c.toUpperCase()),
});

export type CustomerEntry = z.output<typeof customerEntrySchema>;

export class CustomersFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CustomersFileError';
  }
}

/** Validates the parsed JSON; errors name the file and the entry (index and name) so the fix is obvious. */
export function parseCustomers(json: unknown, file: string): CustomerEntry[] {
  if (!Array.isArray(json)) throw new CustomersFileError(`${file} must contain a JSON array of customers.`);
  const entries: CustomerEntry[] = [];
  const seen = new Map<string, number>();
  json.forEach((raw: unknown, index) => {
    const label = describeEntry(raw, index);
    const parsed = customerEntrySchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`).join('; ');
      throw new CustomersFileError(`${file}: ${label} is invalid: ${problems}`);
    }
    const before = seen.get(parsed.data.tenantId);
    if (before !== undefined) throw new CustomersFileError(`${file}: ${label} repeats the tenantId of entry ${before + 1}.`);
    seen.set(parsed.data.tenantId, index);
    entries.push(parsed.data);
  });
  return entries;
}

export async function loadCustomers(file: string): Promise<CustomerEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new CustomersFileError(`Cannot read CUSTOMERS_FILE ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CustomersFileError(`${file} is not valid JSON.`);
  }
  return parseCustomers(json, file);
}

function describeEntry(raw: unknown, index: number): string {
  const name = typeof raw === 'object' && raw !== null && typeof (raw as { name?: unknown }).name === 'string' ? (raw as { name: string }).name : undefined;
  return name ? `entry ${index + 1} ("${name}")` : `entry ${index + 1}`;
}

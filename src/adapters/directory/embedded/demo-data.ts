import { createHash } from 'node:crypto';
import { DAY_MS } from '../../../domain/clock.js';
import type { CustomerFile, StoredDeletedUser, StoredSubscription, StoredUser } from './schema.js';
import { defaultLocalPart } from '../../../domain/user-names.js';

/** Stable GUID-shaped ids so demo data looks the same on every machine. */
function demoId(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const SKUS = {
  SPE_E3: { skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965', skuPartNumber: 'SPE_E3', name: 'Microsoft 365 E3' },
  O365_BUSINESS_PREMIUM: { skuId: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3', skuPartNumber: 'O365_BUSINESS_PREMIUM', name: 'Microsoft 365 Business Premium' },
  EXCHANGESTANDARD: { skuId: '4b9405b0-7788-4568-add1-99614e613b69', skuPartNumber: 'EXCHANGESTANDARD', name: 'Exchange Online (Plan 1)' },
  TEAMS_ESSENTIALS_AAD: { skuId: '3d957427-ecdc-4df2-aacd-01cc9d519da8', skuPartNumber: 'TEAMS_ESSENTIALS_AAD', name: 'Microsoft Teams Essentials' },
} as const;

export const DEMO_CUSTOMER_IDS = {
  contoso: '5b0c3a8e-2f4d-4c1a-9e7b-1a2b3c4d5e01',
  fabrikam: '7d1e5f60-3a2b-4c9d-8e7f-6a5b4c3d2e02',
} as const;

interface PersonSpec {
  first: string;
  last: string;
  licenses: (keyof typeof SKUS)[];
  roles?: string[];
  title?: string;
  department?: string;
  noUsageLocation?: boolean;
}

function person(customer: string, domain: string, usageLocation: string, spec: PersonSpec, createdAt: string): StoredUser {
  return {
    id: demoId(`${customer}/${spec.first} ${spec.last}`),
    upn: `${defaultLocalPart(spec.first, spec.last)}@${domain}`,
    displayName: `${spec.first} ${spec.last}`,
    givenName: spec.first,
    surname: spec.last,
    usageLocation: spec.noUsageLocation ? null : usageLocation,
    adminRoles: spec.roles ?? [],
    licenses: spec.licenses.map((k) => SKUS[k].skuId),
    createdAt,
    ...(spec.title ? { jobTitle: spec.title } : {}),
    ...(spec.department ? { department: spec.department } : {}),
  };
}

const sub = (key: keyof typeof SKUS, seatsTotal: number): StoredSubscription => ({ ...SKUS[key], seatsTotal });

function build(
  id: string,
  name: string,
  domains: string[],
  usageLocation: string,
  subscriptions: StoredSubscription[],
  people: PersonSpec[],
  deleted: { spec: PersonSpec; daysAgo: number; by: string }[],
  now: Date,
): CustomerFile {
  const domain = domains[0] as string;
  const key = name.toLowerCase();
  const users = people.map((p, i) => person(key, domain, usageLocation, p, new Date(now.getTime() - (400 - i * 9) * DAY_MS).toISOString()));
  const deletedUsers: StoredDeletedUser[] = deleted.map(({ spec, daysAgo, by }, i) => ({
    ...person(key, domain, usageLocation, spec, new Date(now.getTime() - (500 - i) * DAY_MS).toISOString()),
    deletedAt: new Date(now.getTime() - daysAgo * DAY_MS).toISOString(),
    deletedBy: { aadObjectId: demoId(`${key}/admin/${by}`), name: by },
  }));
  return { version: 1, customer: { id, name, domains, defaultDomain: domain, usageLocation, tenantId: id }, subscriptions, users, deletedUsers };
}

const E3: PersonSpec['licenses'] = ['SPE_E3'];
const BP: PersonSpec['licenses'] = ['O365_BUSINESS_PREMIUM'];
const EX: PersonSpec['licenses'] = ['EXCHANGESTANDARD'];

export function demoCustomers(now: Date): CustomerFile[] {
  const contosoPeople: PersonSpec[] = [
    { first: 'Megan', last: 'Bowen', licenses: E3, roles: ['Global Administrator'], title: 'IT Manager', department: 'IT' },
    { first: 'Alex', last: 'Wilber', licenses: E3, roles: ['User Administrator'], title: 'IT Specialist', department: 'IT' },
    { first: 'Adele', last: 'Vance', licenses: E3, title: 'Retail Manager', department: 'Retail' },
    { first: 'Diego', last: 'Siciliani', licenses: E3, title: 'HR Manager', department: 'HR' },
    { first: 'Grady', last: 'Archie', licenses: E3, title: 'Designer', department: 'R&D' },
    { first: 'Henrietta', last: 'Mueller', licenses: E3, title: 'Developer', department: 'R&D' },
    { first: 'Isaiah', last: 'Langer', licenses: E3, title: 'Sales Rep', department: 'Sales' },
    { first: 'Johanna', last: 'Lorenz', licenses: E3, title: 'Senior Engineer', department: 'Engineering' },
    { first: 'Joni', last: 'Sherman', licenses: E3, title: 'Paralegal', department: 'Legal' },
    { first: 'Lee', last: 'Gu', licenses: E3, title: 'Director', department: 'Manufacturing' },
    { first: 'Lidia', last: 'Holloway', licenses: BP, title: 'Product Manager', department: 'Engineering' },
    { first: 'Lynne', last: 'Robbins', licenses: BP, title: 'Planner', department: 'Retail' },
    { first: 'Miriam', last: 'Graham', licenses: BP, title: 'Director', department: 'Sales & Marketing' },
    { first: 'Nestor', last: 'Wilke', licenses: BP, title: 'Director', department: 'Operations' },
    { first: 'Patti', last: 'Fernandez', licenses: BP, title: 'President', department: 'Executive' },
    { first: 'Pradeep', last: 'Gupta', licenses: BP, title: 'Accountant', department: 'Finance' },
    { first: 'Christie', last: 'Cline', licenses: ['O365_BUSINESS_PREMIUM', 'TEAMS_ESSENTIALS_AAD'], title: 'Buyer', department: 'Sales' },
    { first: 'Enrico', last: 'Cattaneo', licenses: EX, title: 'Attorney', department: 'Legal' },
    { first: 'Irvin', last: 'Sayers', licenses: EX, title: 'Director', department: 'Sales' },
    { first: 'Debra', last: 'Berger', licenses: EX, title: 'Administrative Assistant', department: 'Executive' },
    { first: "Sean", last: "O'Brien", licenses: ['TEAMS_ESSENTIALS_AAD'], title: 'Marketing Assistant', department: 'Marketing' },
    { first: 'Allan', last: 'Deyoung', licenses: [], title: 'Marketing Assistant', department: 'Marketing' },
    { first: 'Ben', last: 'Walters', licenses: [], title: 'Intern', department: 'Sales' },
    { first: 'Cameron', last: 'White', licenses: [], title: 'Intern', department: 'Engineering', noUsageLocation: true },
    { first: 'Emily', last: 'Braun', licenses: [], title: 'Budget Analyst', department: 'Finance' },
    { first: 'Nora', last: 'Park', licenses: [], title: 'Support Engineer', department: 'IT' },
    { first: 'Raul', last: 'Razo', licenses: [], title: 'Contractor', department: 'Operations', noUsageLocation: true },
    { first: 'Zrinka', last: 'Makovac', licenses: [], title: 'Engineer', department: 'Engineering' },
  ];
  const fabrikamPeople: PersonSpec[] = [
    { first: 'Åsa', last: 'Öberg', licenses: BP, roles: ['Global Administrator'], title: 'IT-chef', department: 'IT' },
    { first: 'Björn', last: 'Ekström', licenses: BP, roles: ['Exchange Administrator'], title: 'Systemadministratör', department: 'IT' },
    { first: 'Märta', last: 'Lindqvist', licenses: BP, title: 'Ekonomichef', department: 'Ekonomi' },
    { first: 'Jörgen', last: 'Håkansson', licenses: BP, title: 'Säljare', department: 'Försäljning' },
    { first: 'Ingrid', last: 'Sjöberg', licenses: BP, title: 'HR-specialist', department: 'HR' },
    { first: 'Karl', last: 'Nyström', licenses: BP, title: 'Lagerchef', department: 'Logistik' },
    { first: 'Elin', last: 'Åberg', licenses: BP, title: 'Projektledare', department: 'Utveckling' },
    { first: 'Gösta', last: 'Ärlig', licenses: BP, title: 'Konsult', department: 'Utveckling' },
    { first: 'Sofia', last: 'Bergström', licenses: EX, title: 'Receptionist', department: 'Administration' },
    { first: 'Olle', last: 'Westergård', licenses: EX, title: 'Chaufför', department: 'Logistik' },
    { first: 'Linnéa', last: 'Holm', licenses: EX, title: 'Kundtjänst', department: 'Support' },
    { first: 'Mikael', last: 'Strand', licenses: EX, title: 'Kundtjänst', department: 'Support' },
    { first: 'Frida', last: 'Löfgren', licenses: EX, title: 'Kundtjänst', department: 'Support' },
    { first: 'Sören', last: 'Dahl', licenses: EX, title: 'Lagerarbetare', department: 'Logistik' },
    { first: 'Anders', last: 'Nilsson', licenses: ['TEAMS_ESSENTIALS_AAD'], title: 'Montör', department: 'Produktion' },
    { first: 'Maja', last: 'Eriksson', licenses: ['TEAMS_ESSENTIALS_AAD'], title: 'Montör', department: 'Produktion' },
    { first: 'Lars', last: 'Johansson', licenses: ['TEAMS_ESSENTIALS_AAD'], title: 'Montör', department: 'Produktion' },
    { first: 'Émile', last: 'Durand', licenses: [], title: 'Praktikant', department: 'Utveckling' },
    { first: 'Zoë', last: 'Müller', licenses: [], title: 'Praktikant', department: 'Ekonomi' },
    { first: 'Tove', last: 'Grönlund', licenses: [], title: 'Sommarjobbare', department: 'Logistik' },
    { first: 'Nils', last: 'Ångström', licenses: [], title: 'Sommarjobbare', department: 'Logistik', noUsageLocation: true },
    { first: 'Ebba', last: 'Söderlund', licenses: [], title: 'Säljare', department: 'Försäljning' },
  ];
  return [
    build(
      DEMO_CUSTOMER_IDS.contoso,
      'Contoso',
      ['contoso.onmicrosoft.com', 'contoso.com'],
      'US',
      // E3 fully used; Business Premium has plenty free; Exchange with a few; Teams Essentials with some.
      [sub('SPE_E3', 10), sub('O365_BUSINESS_PREMIUM', 25), sub('EXCHANGESTANDARD', 5), sub('TEAMS_ESSENTIALS_AAD', 10)],
      contosoPeople,
      [
        { spec: { first: 'Pat', last: 'Leaver', licenses: ['SPE_E3'], title: 'Account Manager', department: 'Sales' }, daysAgo: 28, by: 'Megan Bowen' },
        { spec: { first: 'Robin', last: 'Counts', licenses: ['O365_BUSINESS_PREMIUM', 'TEAMS_ESSENTIALS_AAD'], title: 'Analyst', department: 'Finance' }, daysAgo: 6, by: 'Alex Wilber' },
        { spec: { first: 'Kim', last: 'Abercrombie', licenses: ['EXCHANGESTANDARD'], title: 'Temp', department: 'Retail' }, daysAgo: 1, by: 'Megan Bowen' },
      ],
      now,
    ),
    build(
      DEMO_CUSTOMER_IDS.fabrikam,
      'Fabrikam',
      ['fabrikam.onmicrosoft.com', 'fabrikam.se'],
      'SE',
      // Exchange is over-assigned (seats were reduced after assignment): the licenses card warns about it.
      [sub('O365_BUSINESS_PREMIUM', 12), sub('EXCHANGESTANDARD', 5), sub('TEAMS_ESSENTIALS_AAD', 3), sub('SPE_E3', 5)],
      fabrikamPeople,
      [
        { spec: { first: 'Göran', last: 'Persson', licenses: ['O365_BUSINESS_PREMIUM'], title: 'Säljare', department: 'Försäljning' }, daysAgo: 12, by: 'Åsa Öberg' },
        { spec: { first: 'Hanna', last: 'Lund', licenses: ['TEAMS_ESSENTIALS_AAD'], title: 'Montör', department: 'Produktion' }, daysAgo: 3, by: 'Åsa Öberg' },
      ],
      now,
    ),
  ];
}

import { createHash } from 'node:crypto';
import type { CustomerFile, StoredUser } from '../src/adapters/directory/embedded/schema.js';
import { SKUS } from '../src/adapters/directory/embedded/demo-data.js';

const FIRST = ['Adele', 'Alex', 'Allan', 'Diego', 'Grady', 'Henrietta', 'Isaiah', 'Johanna', 'Joni', 'Lee', 'Lidia', 'Lynne', 'Megan', 'Miriam', 'Nestor', 'Patti', 'Pradeep', 'Åsa', 'Björn', 'Zoë'];
const LAST = ['Vance', 'Wilber', 'Deyoung', 'Zamora', 'Archie', 'Cameron', 'Langer', 'Lauer', 'Sherman', 'Gu', 'Holloway', 'Robbins', 'Bowen', 'Graham', 'Wilke', 'Fernandez', 'Gupta', 'Öberg', 'Lindqvist', 'Brontë'];
const TITLES = ['Sales Manager', 'Developer', 'Accountant', 'Support Engineer', 'Marketing Assistant'];

export const SYNTHETIC_SKUS = [SKUS.SPE_E3, SKUS.O365_BUSINESS_PREMIUM, SKUS.EXCHANGESTANDARD, SKUS.TEAMS_ESSENTIALS_AAD] as const;

export function syntheticId(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * A customer with `count` users: 70% hold one license (E3, Business Premium or Exchange in turn), 10% two,
 * 20% none; every subscription has room for the benchmarks to assign 1,000 more. Deterministic.
 */
export function syntheticCustomer(count: number, name = `Bench${count}`): CustomerFile {
  const id = syntheticId(`customer/${name}`);
  const domain = `${name.toLowerCase()}.onmicrosoft.com`;
  const [e3, bp, ex, teams] = SYNTHETIC_SKUS.map((s) => s.skuId) as [string, string, string, string];
  const createdAt = new Date(Date.UTC(2024, 0, 1)).toISOString();
  const users: StoredUser[] = [];
  for (let i = 0; i < count; i++) {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
    const slot = i % 10;
    const licenses = slot < 2 ? [] : slot < 9 ? [[e3, bp, ex][i % 3] as string] : [e3, teams];
    users.push({
      id: syntheticId(`${name}/user/${i}`),
      upn: `user${i}@${domain}`,
      displayName: `${first} ${last} ${i}`,
      givenName: first,
      surname: `${last} ${i}`,
      usageLocation: i % 50 === 0 ? null : 'US',
      adminRoles: i === 0 ? ['Global Administrator'] : [],
      licenses,
      createdAt,
      ...(i % 3 === 0 ? { jobTitle: TITLES[i % TITLES.length] as string, department: 'Operations' } : {}),
    });
  }
  const seats = count + 20_000;
  return {
    version: 1,
    customer: { id, name, domains: [domain], defaultDomain: domain, usageLocation: 'US' },
    subscriptions: SYNTHETIC_SKUS.map((s) => ({ ...s, seatsTotal: seats })),
    users,
    deletedUsers: [],
  };
}

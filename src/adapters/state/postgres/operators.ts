import type { OperatorStore } from '../../../ports/state/operators.js';
import { grantSchema, operatorId, type Grant, type OperatorKey } from '../../../ports/state/records.js';
import type { Role } from '../../../domain/roles.js';
import { iso, json, type Sql } from './sql.js';

/** The unique key of a grant's customers: sorted ids, or '*' for every customer. */
const customersKey = (customers: readonly string[] | null): string => (customers === null ? '*' : [...customers].sort().join(','));
const grants = (rows: { doc: unknown }[]): Grant[] => rows.map((r) => grantSchema.parse(r.doc));

export function postgresOperators(sql: Sql): OperatorStore {
  return {
    async grantsOf(who) {
      return grants(await sql.query('SELECT doc FROM grants WHERE operator_id = $1 ORDER BY id', [operatorId(who)]));
    },
    async allGrants() {
      return grants(await sql.query('SELECT doc FROM grants ORDER BY id'));
    },
    async addGrant(grant) {
      const g = grantSchema.parse(grant);
      // The unique key (operator, role, customers) makes "identical grant exists" one atomic statement.
      const rows = await sql.query(
        'INSERT INTO grants (operator_id, role, customers_key, doc) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT DO NOTHING RETURNING id',
        [operatorId(g), g.role, customersKey(g.customers), json(g)],
      );
      return rows.length > 0;
    },
    async removeGrants(who: OperatorKey, role: Role, customerId: string | null) {
      // One transaction: the rows are locked, then deleted or narrowed to the remaining customers.
      return sql.transaction(async (tx) => {
        const held = await tx.query<{ id: string; doc: unknown }>('SELECT id, doc FROM grants WHERE operator_id = $1 AND role = $2 ORDER BY id FOR UPDATE', [operatorId(who), role]);
        const removed: Grant[] = [];
        for (const row of held) {
          const g = grantSchema.parse(row.doc);
          if (customerId === null ? g.customers !== null : !g.customers?.includes(customerId)) continue;
          removed.push(g);
          const rest = customerId === null || g.customers === null ? [] : g.customers.filter((c) => c !== customerId);
          if (rest.length === 0) {
            await tx.query('DELETE FROM grants WHERE id = $1', [row.id]);
            continue;
          }
          const narrowed = { ...g, customers: rest };
          // A narrowed grant identical to another one is simply dropped (the other already says the same).
          const kept = await tx.query('UPDATE grants SET customers_key = $2, doc = $3::jsonb WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM grants o WHERE o.operator_id = $4 AND o.role = $5 AND o.customers_key = $2) RETURNING id', [row.id, customersKey(rest), json(narrowed), operatorId(who), role]);
          if (kept.length === 0) await tx.query('DELETE FROM grants WHERE id = $1', [row.id]);
        }
        return removed;
      });
    },
    async ownerTenant(objectId) {
      const rows = await sql.query<{ tenant_id: string }>('SELECT tenant_id FROM owner_tenants WHERE object_id = $1', [objectId]);
      return rows[0]?.tenant_id;
    },
    async bindOwner(objectId, tenantId, now) {
      // First write wins: the insert does nothing when a binding exists, and the select reads whichever won.
      await sql.query('INSERT INTO owner_tenants (object_id, tenant_id, bound_at) VALUES ($1, $2, $3::timestamptz) ON CONFLICT (object_id) DO NOTHING', [objectId, tenantId, iso(now)]);
      const rows = await sql.query<{ tenant_id: string }>('SELECT tenant_id FROM owner_tenants WHERE object_id = $1', [objectId]);
      return rows[0]?.tenant_id ?? tenantId;
    },
    async rememberName(who, now) {
      await sql.query(
        'INSERT INTO operator_names (operator_id, name, seen_at) VALUES ($1, $2, $3::timestamptz) ON CONFLICT (operator_id) DO UPDATE SET name = EXCLUDED.name, seen_at = EXCLUDED.seen_at',
        [operatorId(who), who.name, iso(now)],
      );
    },
    async names(keys) {
      if (keys.length === 0) return new Map();
      const rows = await sql.query<{ operator_id: string; name: string }>('SELECT operator_id, name FROM operator_names WHERE operator_id = ANY($1::text[])', [keys.map(operatorId)]);
      return new Map(rows.map((r) => [r.operator_id, r.name]));
    },
  };
}

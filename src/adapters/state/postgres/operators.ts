import type { OperatorStore } from '../../../ports/state/operators.js';
import { grantSchema, operatorId, type Grant, type OperatorKey } from '../../../ports/state/records.js';
import type { Role } from '../../../domain/roles.js';
import { iso, isoOf, json, type Sql } from './sql.js';

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
      // One grant per operator and role: the transaction-scoped lock on (operator, role) makes "read, then insert or
      // widen" atomic across instances, also when no row exists yet to lock.
      return sql.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`grant:${operatorId(g)}:${g.role}`]);
        const held = await tx.query<{ id: string; doc: unknown }>('SELECT id, doc FROM grants WHERE operator_id = $1 AND role = $2 ORDER BY id', [operatorId(g), g.role]);
        const first = held[0];
        if (!first) {
          await tx.query('INSERT INTO grants (operator_id, role, customers_key, doc) VALUES ($1, $2, $3, $4::jsonb)', [operatorId(g), g.role, customersKey(g.customers), json(g)]);
          return true;
        }
        const existing = grantSchema.parse(first.doc);
        if (existing.customers === null) return false;
        const added = g.customers === null ? null : g.customers.filter((c) => !existing.customers?.includes(c));
        if (added !== null && added.length === 0) return false;
        const widened: Grant = { ...existing, customers: added === null ? null : [...existing.customers, ...added] };
        await tx.query('UPDATE grants SET customers_key = $2, doc = $3::jsonb WHERE id = $1', [first.id, customersKey(widened.customers), json(widened)]);
        return true;
      });
    },
    async removeGrants(who: OperatorKey, role: Role, customerId: string | null) {
      return sql.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`grant:${operatorId(who)}:${role}`]);
        const held = await tx.query<{ id: string; doc: unknown }>('SELECT id, doc FROM grants WHERE operator_id = $1 AND role = $2 ORDER BY id', [operatorId(who), role]);
        const first = held[0];
        if (!first) return [];
        const before = grantSchema.parse(first.doc);
        if (customerId === null) {
          await tx.query('DELETE FROM grants WHERE operator_id = $1 AND role = $2', [operatorId(who), role]);
          return [before];
        }
        if (before.customers === null || !before.customers.includes(customerId)) return [];
        const rest = before.customers.filter((c) => c !== customerId);
        if (rest.length === 0) await tx.query('DELETE FROM grants WHERE id = $1', [first.id]);
        else await tx.query('UPDATE grants SET customers_key = $2, doc = $3::jsonb WHERE id = $1', [first.id, customersKey(rest), json({ ...before, customers: rest })]);
        return [before];
      });
    },
    async ownerTenant(objectId) {
      const rows = await sql.query<{ tenant_id: string; bound_at: unknown }>('SELECT tenant_id, bound_at FROM owner_tenants WHERE object_id = $1', [objectId.toLowerCase()]);
      return rows[0] ? { tenantId: rows[0].tenant_id, boundAt: isoOf(rows[0].bound_at) } : undefined;
    },
    async bindOwner(objectId, tenantId, now) {
      // First write wins: the insert does nothing when a binding exists, and the select reads whichever won.
      await sql.query('INSERT INTO owner_tenants (object_id, tenant_id, bound_at) VALUES ($1, $2, $3::timestamptz) ON CONFLICT (object_id) DO NOTHING', [objectId.toLowerCase(), tenantId, iso(now)]);
      const rows = await sql.query<{ tenant_id: string; bound_at: unknown }>('SELECT tenant_id, bound_at FROM owner_tenants WHERE object_id = $1', [objectId.toLowerCase()]);
      return rows[0] ? { tenantId: rows[0].tenant_id, boundAt: isoOf(rows[0].bound_at) } : { tenantId, boundAt: iso(now) };
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

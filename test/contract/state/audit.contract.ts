import assert from 'node:assert/strict';
import type { AuditEntry } from '../../../src/ports/state/records.js';
import { opener, type Opened } from './opened.js';

const entry = (n: number, fields: Partial<AuditEntry> = {}): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 20, 9, 0, n)).toISOString(),
  actor: { tenantId: 'tenant-a', aadObjectId: 'actor-1', name: 'Ada' },
  role: 'global-admin',
  customerId: 'contoso',
  customerName: 'Contoso',
  action: 'user.create',
  target: `user${n}@contoso.example`,
  outcome: 'success',
  details: { n },
  ...fields,
});
const ns = (entries: AuditEntry[]) => entries.map((e) => e.details?.n);

/** AuditStore: append-only, in order; newest first for `audit`, oldest first for `audit export`. */
export function auditContract(openState: () => Promise<Opened<'audit'>>): void {
  describe('AuditStore contract', () => {
    const { open } = opener(openState);

    it('keeps entries in append order: query newest first, export oldest first', async () => {
      const { audit } = await open();
      await audit.append([entry(1), entry(2)]);
      await audit.append([entry(3)]);
      assert.deepEqual(ns(await audit.query({ limit: 10 })), [3, 2, 1]);
      assert.deepEqual(ns(await audit.query({ limit: 2 })), [3, 2]);
      assert.deepEqual(ns(await audit.export({})), [1, 2, 3]);
      assert.deepEqual(ns(await audit.export({ limit: 2 })), [1, 2]);
      assert.deepEqual(await audit.query({ limit: 10, action: 'nothing' }), []);
    });

    it('filters by target (contains), actor and action, ignoring case, before the limit', async () => {
      const { audit } = await open();
      await audit.append([
        entry(1, { target: 'Adele.Vance@contoso.example' }),
        entry(2, { actor: { tenantId: 'tenant-a', aadObjectId: 'ACTOR-2', name: 'Bea' } }),
        entry(3, { action: 'User.Delete' }),
        entry(4, { target: 'adele.vance@contoso.example', action: 'user.delete', outcome: 'denied' }),
        entry(5),
      ]);
      assert.deepEqual(ns(await audit.query({ limit: 10, target: 'ADELE.vance' })), [4, 1]);
      assert.deepEqual(ns(await audit.query({ limit: 10, actor: 'actor-2' })), [2]);
      assert.deepEqual(ns(await audit.query({ limit: 10, action: 'user.delete' })), [4, 3]);
      assert.deepEqual(ns(await audit.query({ limit: 1, action: 'USER.DELETE' })), [4]);
      assert.deepEqual(ns(await audit.export({ action: 'user.delete' })), [3, 4]);
      assert.deepEqual(ns(await audit.export({ target: 'adele', limit: 1 })), [1]);
      assert.deepEqual((await audit.query({ limit: 1, target: 'adele' }))[0], entry(4, { target: 'adele.vance@contoso.example', action: 'user.delete', outcome: 'denied' }));
    });

    it('loses no entry of concurrent appends', async () => {
      const { audit } = await open();
      await Promise.all(Array.from({ length: 20 }, (_, i) => audit.append([entry(i + 1)])));
      assert.deepEqual(ns(await audit.export({})).sort((a, b) => Number(a) - Number(b)), Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('keeps every entry when reopened', async () => {
      const first = await open();
      await first.audit.append([entry(1), entry(2, { approvalId: 'approval-1', customerId: null, customerName: null })]);
      await first.close();
      const { audit } = await open();
      assert.deepEqual(await audit.export({}), [entry(1), entry(2, { approvalId: 'approval-1', customerId: null, customerName: null })]);
      await audit.append([entry(3)]);
      assert.deepEqual(ns(await audit.query({ limit: 10 })), [3, 2, 1]);
    });
  });
}

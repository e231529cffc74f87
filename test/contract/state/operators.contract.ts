import assert from 'node:assert/strict';
import { operatorId, type Grant } from '../../../src/ports/state/records.js';
import { T0, withState, type OpenState } from './kit.js';

const ann = { tenantId: 'T1', aadObjectId: 'A1' };
const grant = (over: Partial<Grant> = {}): Grant => ({ ...ann, role: 'helpdesk', customers: ['c1'], grantedBy: 'owner', grantedAt: T0.toISOString(), ...over });

export function operatorsContract(open: OpenState): void {
  describe('OperatorStore', () => {
    it('adds a grant, merges customers into the grant of the same role, and says false when nothing changes', () =>
      withState(open, async ({ operators }) => {
        assert.equal(await operators.addGrant(grant()), true);
        assert.equal(await operators.addGrant(grant()), false);
        assert.equal(await operators.addGrant(grant({ customers: ['c2'] })), true);
        assert.deepEqual((await operators.grantsOf(ann)).map((g) => g.customers), [['c1', 'c2']]);
        assert.equal(await operators.addGrant(grant({ customers: null })), true);
        assert.equal(await operators.addGrant(grant({ customers: ['c3'] })), false, 'an all-customers grant covers every customer');
        assert.deepEqual(await operators.grantsOf({ tenantId: 't1', aadObjectId: 'a1' }), [grant({ customers: null })], 'matched on the lower-cased pair');
        assert.deepEqual(await operators.grantsOf({ tenantId: 'T2', aadObjectId: 'A1' }), [], 'the same object id in another tenant is someone else');
      }));

    it('removes one customer from a limited grant, the whole grant with null, and leaves an all-customers grant alone for one customer', () =>
      withState(open, async ({ operators }) => {
        await operators.addGrant(grant({ customers: ['c1', 'c2'] }));
        await operators.addGrant(grant({ role: 'user-admin', customers: null }));
        assert.deepEqual((await operators.removeGrants(ann, 'helpdesk', 'c1')).map((g) => g.customers), [['c1', 'c2']], 'returns the grant as it was');
        assert.deepEqual((await operators.grantsOf(ann)).find((g) => g.role === 'helpdesk')?.customers, ['c2']);
        assert.deepEqual(await operators.removeGrants(ann, 'user-admin', 'c1'), []);
        assert.equal((await operators.removeGrants(ann, 'user-admin', null)).length, 1);
        await operators.removeGrants(ann, 'helpdesk', 'c2');
        assert.deepEqual(await operators.allGrants(), [], 'a limited grant with no customer left is gone');
        assert.deepEqual(await operators.removeGrants(ann, 'helpdesk', null), []);
      }));

    it('binds a bare owner id once: the first tenant wins, also when two bind at once', () =>
      withState(open, async ({ operators }) => {
        assert.equal(await operators.ownerTenant('o1'), undefined);
        const both = await Promise.all([operators.bindOwner('o1', 'tenant-a', T0), operators.bindOwner('o1', 'tenant-b', T0)]);
        assert.equal(both[0].tenantId, both[1].tenantId);
        assert.deepEqual(await operators.ownerTenant('o1'), { tenantId: both[0].tenantId, boundAt: T0.toISOString() });
        assert.equal((await operators.bindOwner('o1', 'tenant-c', new Date(T0.getTime() + 1))).tenantId, both[0].tenantId);
      }));

    it('remembers names by operator', () =>
      withState(open, async ({ operators }) => {
        await operators.rememberName({ ...ann, name: 'Ann' }, T0);
        await operators.rememberName({ ...ann, name: 'Ann B.' }, T0);
        const names = await operators.names([ann, { tenantId: 'T1', aadObjectId: 'nobody' }]);
        assert.deepEqual([...names], [[operatorId(ann), 'Ann B.']]);
      }));

    it('keeps grants, bindings and names across a reopen', async () => {
      await withState(open, async ({ operators }) => {
        await operators.addGrant(grant());
        await operators.bindOwner('o1', 'tenant-a', T0);
        await operators.rememberName({ ...ann, name: 'Ann' }, T0);
      });
      await withState(open, async ({ operators }) => {
        assert.deepEqual(await operators.allGrants(), [grant()]);
        assert.equal((await operators.ownerTenant('o1'))?.tenantId, 'tenant-a');
        assert.equal((await operators.names([ann])).get(operatorId(ann)), 'Ann');
      });
    });
  });
}

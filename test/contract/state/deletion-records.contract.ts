import assert from 'node:assert/strict';
import type { DeletionRecord } from '../../../src/ports/state/records.js';
import { opener, type Opened } from './opened.js';

const record = (upn: string, licenses: string[] = ['ENTERPRISEPACK']): DeletionRecord => ({
  upn,
  licenses,
  adminRoles: [],
  deletedAt: '2026-11-20T09:00:00.000Z',
  deletedBy: { aadObjectId: 'actor-1', name: 'Ada' },
});

/** DeletionRecordStore: per tenant and user id, what a deleted user held and who deleted it. */
export function deletionRecordsContract(openState: () => Promise<Opened<'deletionRecords'>>): void {
  describe('DeletionRecordStore contract', () => {
    const { open } = opener(openState);

    it('puts, gets and removes records per tenant', async () => {
      const { deletionRecords: records } = await open();
      assert.equal(await records.get('tenant-a', 'user-1'), undefined);
      await records.put('tenant-a', new Map([['user-1', record('a@contoso.example')], ['user-2', record('b@contoso.example', [])]]));
      await records.put('tenant-b', new Map([['user-1', record('c@fabrikam.example')]]));
      assert.deepEqual(await records.get('tenant-a', 'user-1'), record('a@contoso.example'));
      assert.deepEqual(await records.get('tenant-a', 'user-2'), record('b@contoso.example', []));
      assert.deepEqual(await records.get('tenant-b', 'user-1'), record('c@fabrikam.example'));
      // A second put adds to the tenant's records and replaces a record of the same user.
      await records.put('tenant-a', new Map([['user-2', record('b2@contoso.example')], ['user-3', record('d@contoso.example')]]));
      assert.deepEqual(await records.get('tenant-a', 'user-2'), record('b2@contoso.example'));
      assert.deepEqual(await records.get('tenant-a', 'user-1'), record('a@contoso.example'));
      await records.remove('tenant-a', ['user-1', 'user-9']);
      await records.remove('tenant-c', ['user-1']);
      assert.equal(await records.get('tenant-a', 'user-1'), undefined);
      assert.deepEqual(await records.get('tenant-b', 'user-1'), record('c@fabrikam.example'), 'other tenants keep theirs');
    });

    it('keeps records when reopened', async () => {
      const first = await open();
      await first.deletionRecords.put('tenant-a', new Map([['user-1', record('a@contoso.example')], ['user-2', record('b@contoso.example')]]));
      await first.deletionRecords.remove('tenant-a', ['user-2']);
      await first.close();
      const { deletionRecords: records } = await open();
      assert.deepEqual(await records.get('tenant-a', 'user-1'), record('a@contoso.example'));
      assert.equal(await records.get('tenant-a', 'user-2'), undefined);
    });
  });
}

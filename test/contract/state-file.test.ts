import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { openFileState } from '../../src/adapters/state/file/index.js';
import { TestClock } from '../helpers/test-clock.js';
import { approvalsContract } from './state/approvals.contract.js';
import { confirmationsContract } from './state/confirmations.contract.js';
import { conversationsContract } from './state/conversations.contract.js';
import { operatorsContract } from './state/operators.contract.js';
import { scheduleContract } from './state/schedule.contract.js';
import type { OpenState } from './state/kit.js';
import { activitiesContract } from './state/activities.contract.js';
import { auditContract } from './state/audit.contract.js';
import { deletionRecordsContract } from './state/deletion-records.contract.js';
import { importJobsContract } from './state/import-jobs.contract.js';
import { rateLimitsContract } from './state/rate-limits.contract.js';

/** The state contracts against the file store: a fresh DATA_DIR per test, opened again on the same dir to reopen. */
describe('state ports: file store (DATA_DIR)', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'license-desk-state-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const open: OpenState = () => openFileState(dir, { clock: new TestClock() });

  for (const contract of [operatorsContract, conversationsContract, confirmationsContract, approvalsContract, scheduleContract]) contract(open);
  for (const contract of [auditContract, importJobsContract, deletionRecordsContract, rateLimitsContract, activitiesContract]) contract(open);

  it('reads an app.json of earlier versions: its password hides become scheduled items keyed by activity id', async () => {
    const hide = { address: { conversation: { id: 'p1' } }, activityId: 'm1', hideAt: '2026-11-20T09:10:00.000Z', hiddenCard: { type: 'AdaptiveCard' } };
    await writeFile(path.join(dir, 'app.json'), JSON.stringify({ version: 1, grants: [], conversations: { c: { customerId: 'x' } }, confirmations: [], passwordHides: [hide] }));
    const state = await open();
    try {
      const item = await state.schedule.get('password.hide', 'm1');
      assert.equal(item?.dueAt, hide.hideAt);
      assert.deepEqual(item?.payload, { address: hide.address, hiddenCard: hide.hiddenCard });
      assert.equal(await state.conversations.chosenCustomer('c'), 'x');
    } finally {
      await state.close();
    }
  });
});

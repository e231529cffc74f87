import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openFileWorkStores } from '../../src/adapters/state/file/file-stores.js';
import { activitiesContract } from './state/activities.contract.js';
import { auditContract } from './state/audit.contract.js';
import { deletionRecordsContract } from './state/deletion-records.contract.js';
import { importJobsContract } from './state/import-jobs.contract.js';
import { rateLimitsContract } from './state/rate-limits.contract.js';

describe('state contract: the file store (DATA_DIR)', () => {
  let dataDir = '';
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'state-file-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));
  // Each test gets an empty DATA_DIR; opening it again within a test is a restart.
  const openWork = () => openFileWorkStores(dataDir);

  auditContract(openWork);
  importJobsContract(openWork);
  deletionRecordsContract(openWork);
  rateLimitsContract(openWork);
  activitiesContract(openWork);
});

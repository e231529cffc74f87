// The file state (DATA_DIR, one process). openFileState (s-app) assembles every port; these are the record stores.
export { openFileWorkStores, type FileWorkStores } from './file-stores.js';
export { openFileAuditStore, AUDIT_FILE } from './audit-file.js';
export { openFileImportJobStore, importsDirOf } from './import-jobs-file.js';
export { openFileDeletionRecordStore, DELETION_RECORDS_FILE } from './deletion-records-file.js';
export { memoryRateLimitStore } from './rate-limits-memory.js';
export { memoryActivityStore } from './activities-memory.js';

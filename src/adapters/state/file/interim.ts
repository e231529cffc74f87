/**
 * Interim: thin adapters over today's classes for the five ports the file store does not implement yet (audit, import
 * jobs, deletion records, rate limits, activities), so openFileState returns a complete StateStore. Their own file
 * implementations replace this file; nothing in the runtime uses these yet. Each opens its class on first use, so a
 * runtime that still opens the class itself never has two instances over one file.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DurableJsonFile } from '../../files/durable-file.js';
import { AuditLog } from '../../../core/audit.js';
import { SlidingWindowLimiter } from '../../../core/rate-limit.js';
import type { Clock } from '../../../domain/clock.js';
import type { Logger } from '../../../log.js';
import { ImportJobs } from '../../../features/import/support/jobs.js';
import { DeletionRecords } from '../../directory/graph/deletion-records.js';
import type { ActivityStore } from '../../../ports/state/activities.js';
import type { AuditQuery, AuditStore } from '../../../ports/state/audit.js';
import type { DeletionRecordStore } from '../../../ports/state/deletion-records.js';
import type { ImportJobStore } from '../../../ports/state/import-jobs.js';
import type { RateLimitStore } from '../../../ports/state/rate-limits.js';
import { importRowSchema, type AuditEntry, type DeletionRecord, type ImportJob, type StoredImportRow } from '../../../ports/state/records.js';

const rowsFileSchema = z.object({ version: z.literal(1), rows: z.array(importRowSchema) });

const lazy = <T>(open: () => Promise<T>): (() => Promise<T>) => {
  let opened: Promise<T> | undefined;
  return () => (opened ??= open());
};

export function interimAudit(dataDir: string, clock: Clock, log?: Logger): AuditStore {
  const audit = lazy(() => AuditLog.open(dataDir, { clock, ...(log ? { log } : {}) }));
  const matching = async (q: Omit<AuditQuery, 'limit'>) => (await audit()).query({ ...q, limit: Number.MAX_SAFE_INTEGER });
  return {
    async append(entries: readonly AuditEntry[]) {
      for (const entry of entries) await (await audit()).append(entry);
    },
    async query(q) {
      return (await audit()).query(q);
    },
    async export(q) {
      return (await matching(q)).reverse().slice(0, q.limit ?? Number.MAX_SAFE_INTEGER);
    },
  };
}

export function interimImports(dataDir: string, clock: Clock): ImportJobStore {
  const dir = ImportJobs.dirFor(dataDir);
  const jobs = new ImportJobs(dir, clock);
  const leases = new Map<string, { owner: string; until: number }>();
  return {
    async create(job: ImportJob, rows: readonly StoredImportRow[]) {
      await mkdir(dir, { recursive: true });
      await new DurableJsonFile(path.join(dir, `${job.id}.rows.json`), rowsFileSchema).write({ version: 1, rows: [...rows] });
      await jobs.save(job);
    },
    get: (id) => jobs.get(id).catch(() => undefined),
    rows: (id) => jobs.rows(id).catch(() => undefined),
    save: (job) => jobs.save(job),
    forgetRows: (id) => jobs.forgetRows(id),
    saveUnshown: (id, upns) => jobs.saveUnshown(id, [...upns]),
    unshown: (id) => jobs.unshown(id),
    latest: (customerId, limit) => jobs.latest(customerId, limit),
    async running() {
      return (await (jobs as unknown as { all(): Promise<ImportJob[]> }).all()).filter((j) => j.status === 'running');
    },
    async lease(id, owner, now, until) {
      const held = leases.get(id);
      if (held && held.owner !== owner && held.until > now.getTime()) return false;
      leases.set(id, { owner, until: until.getTime() });
      return true;
    },
    async release(id, owner) {
      if (leases.get(id)?.owner === owner) leases.delete(id);
    },
    pruneExpiredReviews: () => jobs.pruneExpiredReviews(),
  };
}

export function interimDeletionRecords(dataDir: string): DeletionRecordStore {
  const records = lazy(() => DeletionRecords.open(dataDir));
  return {
    get: async (tenantId, userId) => (await records()).get(tenantId, userId),
    put: async (tenantId, map: ReadonlyMap<string, DeletionRecord>) => (await records()).put(tenantId, new Map(map)),
    remove: async (tenantId, userIds) => (await records()).remove(tenantId, [...userIds]),
  };
}

/** In memory: the file store is one process by definition, so its windows need not be shared. */
export function interimRateLimits(): RateLimitStore {
  const limiters = new Map<string, SlidingWindowLimiter>();
  let current = new Date(0);
  const clock: Clock = { now: () => current };
  return {
    async take(key, limit, windowMs, now) {
      const id = `${limit}/${windowMs}`;
      let limiter = limiters.get(id);
      if (!limiter) limiters.set(id, (limiter = new SlidingWindowLimiter(limit, windowMs, clock)));
      current = now;
      return limiter.take(key);
    },
  };
}

/** In memory, for the same reason. */
export function interimActivities(): ActivityStore {
  const seen = new Map<string, number>();
  return {
    async firstSeen(activityId, now, ttlMs) {
      const at = seen.get(activityId);
      if (at !== undefined && now.getTime() - at < ttlMs) return false;
      seen.set(activityId, now.getTime());
      return true;
    },
  };
}


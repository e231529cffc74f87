import type { ConfirmationStore, ConsumeResult } from '../../../ports/state/confirmations.js';
import { operatorId, type Confirmation, type OperatorKey } from '../../../ports/state/records.js';
import { copy, type AppFile } from './app-file.js';

/** Pending confirmations in app.json; consume checks and marks with no await in between (one process owns the file). */
export class FileConfirmationStore implements ConfirmationStore {
  constructor(private readonly file: AppFile) {}

  async add(confirmation: Confirmation): Promise<void> {
    this.file.data.confirmations.push(copy(confirmation));
    await this.file.persist();
  }

  async get(id: string): Promise<Confirmation | undefined> {
    const found = this.file.data.confirmations.find((c) => c.id === id);
    return found ? copy(found) : undefined;
  }

  async consume(id: string, by: OperatorKey, kind: string, now: Date): Promise<ConsumeResult> {
    const found = this.file.data.confirmations.find((c) => c.id === id);
    if (!found) return { ok: false, why: 'missing' };
    const refuse = (why: 'kind' | 'foreign' | 'used' | 'expired'): ConsumeResult => ({ ok: false, why, confirmation: copy(found) });
    if (found.kind !== kind) return refuse('kind');
    if (operatorId(found.operator) !== operatorId(by)) return refuse('foreign');
    if (found.usedAt) return refuse('used');
    if (now.getTime() > Date.parse(found.expiresAt)) return refuse('expired');
    found.usedAt = now.toISOString();
    await this.file.persist();
    return { ok: true, confirmation: copy(found) };
  }

  async prune(before: Date): Promise<void> {
    const data = this.file.data;
    const kept = data.confirmations.filter((c) => Date.parse(c.expiresAt) > before.getTime());
    if (kept.length === data.confirmations.length) return;
    data.confirmations = kept;
    await this.file.persist();
  }
}

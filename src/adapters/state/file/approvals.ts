import type { ApprovalChange, ApprovalState, ApprovalStore } from '../../../ports/state/approvals.js';
import type { Approval, PostedCard } from '../../../ports/state/records.js';
import { copy, type AppFile } from './app-file.js';

/** Approval requests in app.json; transitions compare and set with no await in between (one process owns the file). */
export class FileApprovalStore implements ApprovalStore {
  constructor(private readonly file: AppFile) {}

  private find(id: string): Approval | undefined {
    return this.file.data.approvals.find((a) => a.id === id);
  }

  async add(approval: Approval): Promise<void> {
    this.file.data.approvals.push(copy(approval));
    await this.file.persist();
  }

  async get(id: string): Promise<Approval | undefined> {
    const found = this.find(id);
    return found ? copy(found) : undefined;
  }

  async list(filter: { state?: ApprovalState; limit: number }): Promise<Approval[]> {
    const matching = this.file.data.approvals.filter((a) => !filter.state || a.state === filter.state);
    return copy([...matching].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, filter.limit));
  }

  async transition(id: string, expected: ApprovalState, change: ApprovalChange): Promise<Approval | undefined> {
    const found = this.find(id);
    if (!found || found.state !== expected) return undefined;
    Object.assign(found, copy(change));
    await this.file.persist();
    return copy(found);
  }

  async setOutcome(id: string, outcome: NonNullable<Approval['outcome']>): Promise<void> {
    const found = this.find(id);
    if (!found) return;
    found.outcome = copy(outcome);
    await this.file.persist();
  }

  async setSentTo(id: string, sentTo: string): Promise<void> {
    const found = this.find(id);
    if (!found) return;
    found.sentTo = sentTo;
    await this.file.persist();
  }

  async addPosted(id: string, posted: PostedCard): Promise<void> {
    const found = this.find(id);
    if (!found || found.posted.some((p) => p.activityId === posted.activityId)) return;
    found.posted.push(copy(posted));
    await this.file.persist();
  }

  async expireDue(now: Date): Promise<Approval[]> {
    const expired: Approval[] = [];
    for (const a of this.file.data.approvals) {
      if (a.state !== 'pending' || now.getTime() <= Date.parse(a.expiresAt)) continue;
      a.state = 'expired';
      a.decidedAt = a.expiresAt;
      expired.push(a);
    }
    if (expired.length === 0) return [];
    const result = copy(expired);
    await this.file.persist();
    return result;
  }

  async prune(before: Date): Promise<void> {
    const data = this.file.data;
    const kept = data.approvals.filter((a) => a.state === 'pending' || Date.parse(a.expiresAt) > before.getTime());
    if (kept.length === data.approvals.length) return;
    data.approvals = kept;
    await this.file.persist();
  }
}

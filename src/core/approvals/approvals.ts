import { randomBytes } from 'node:crypto';
import { ServiceError } from '../../domain/errors.js';
import type { Clock } from '../../domain/clock.js';
import type { AppState, Approval, OperatorKey, PostedCard } from '../app-state.js';
import { operatorId } from '../app-state.js';

export type NewApproval = Omit<Approval, 'id' | 'createdAt' | 'expiresAt' | 'state' | 'posted'>;
export type Decision = 'approved' | 'rejected' | 'cancelled';

/** Decided requests are kept this long after they expire (for `approvals` and card refreshes), then forgotten. */
const KEEP_DECIDED_MS = 30 * 24 * 60 * 60_000;

/**
 * Approval requests, stored in app.json: survive restarts; the card carries only the id.
 * State changes check and mark without an await in between, so the first decision wins.
 */
export class Approvals {
  constructor(
    private readonly state: AppState,
    private readonly clock: Clock,
    private readonly ttlHours: number,
  ) {}

  async create(request: NewApproval): Promise<Approval> {
    const now = this.clock.now();
    this.prune(now);
    const approval: Approval = {
      ...request,
      id: randomBytes(12).toString('base64url'),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.ttlHours * 3_600_000).toISOString(),
      state: 'pending',
      posted: [],
    };
    this.state.data.approvals.push(approval);
    await this.state.persist();
    return approval;
  }

  find(id: string): Approval | undefined {
    return this.state.data.approvals.find((a) => a.id === id);
  }

  get(id: string): Approval {
    const found = this.find(id);
    if (!found) throw new ServiceError('NOT_FOUND', 'This approval request is unknown (it may be older than 30 days).', { what: 'Approval' });
    return found;
  }

  /** Pending requests, after marking those past their expiry as expired (returned separately, to update their cards). */
  pending(): { pending: Approval[]; expired: Approval[] } {
    const now = this.clock.now().getTime();
    const expired: Approval[] = [];
    for (const a of this.state.data.approvals) {
      if (a.state === 'pending' && now > Date.parse(a.expiresAt)) {
        a.state = 'expired';
        a.decidedAt = a.expiresAt;
        expired.push(a);
      }
    }
    return { pending: this.state.data.approvals.filter((a) => a.state === 'pending'), expired };
  }

  /** Marks one request expired if its time is up; true when it just changed. */
  expireIfDue(approval: Approval): boolean {
    if (approval.state !== 'pending' || this.clock.now().getTime() <= Date.parse(approval.expiresAt)) return false;
    approval.state = 'expired';
    approval.decidedAt = approval.expiresAt;
    return true;
  }

  /** Records a decision on a pending request (the caller checked who may decide); false if it was no longer pending. */
  decide(approval: Approval, decision: Decision, by: OperatorKey & { name: string }, comment?: string): boolean {
    if (this.expireIfDue(approval) || approval.state !== 'pending') return false;
    approval.state = decision;
    approval.decidedBy = { tenantId: by.tenantId, aadObjectId: by.aadObjectId, name: by.name };
    approval.decidedAt = this.clock.now().toISOString();
    if (comment) approval.comment = comment;
    if (decision === 'approved') approval.outcome = { status: 'running' };
    return true;
  }

  addPosted(approval: Approval, posted: PostedCard): void {
    if (!approval.posted.some((p) => p.activityId === posted.activityId)) approval.posted.push(posted);
  }

  isRequester(approval: Approval, who: OperatorKey): boolean {
    return operatorId(approval.requester) === operatorId(who);
  }

  persist(): Promise<void> {
    return this.state.persist();
  }

  private prune(now: Date): void {
    const horizon = now.getTime() - KEEP_DECIDED_MS;
    this.state.data.approvals = this.state.data.approvals.filter((a) => a.state === 'pending' || Date.parse(a.expiresAt) > horizon);
  }
}

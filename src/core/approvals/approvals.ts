import { randomBytes } from 'node:crypto';
import { ServiceError } from '../../domain/errors.js';
import type { Clock } from '../../domain/clock.js';
import type { ApprovalStore } from '../../ports/state/approvals.js';
import { operatorId, type Approval, type OperatorKey, type PostedCard } from '../../ports/state/records.js';

export type NewApproval = Omit<Approval, 'id' | 'createdAt' | 'expiresAt' | 'state' | 'posted'>;
export type Decision = 'approved' | 'rejected' | 'cancelled';

/** Decided requests are kept this long after they expire (for `approvals` and card refreshes), then forgotten. */
const KEEP_DECIDED_MS = 30 * 24 * 60 * 60_000;
/** The `approvals` list reads at most this many pending requests. */
const MAX_PENDING = 500;

/**
 * Approval requests in the state store: survive restarts; the card carries only the id. Every state change is a
 * compare-and-set from 'pending' in the store, so the first decision wins, on any instance.
 */
export class Approvals {
  constructor(
    private readonly store: ApprovalStore,
    private readonly clock: Clock,
    private readonly ttlHours: number,
  ) {}

  async create(request: NewApproval): Promise<Approval> {
    const now = this.clock.now();
    await this.store.prune(new Date(now.getTime() - KEEP_DECIDED_MS));
    const approval: Approval = {
      ...request,
      id: randomBytes(12).toString('base64url'),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.ttlHours * 3_600_000).toISOString(),
      state: 'pending',
      posted: [],
    };
    await this.store.add(approval);
    return approval;
  }

  find(id: string): Promise<Approval | undefined> {
    return this.store.get(id);
  }

  async get(id: string): Promise<Approval> {
    const found = await this.find(id);
    if (!found) throw new ServiceError('NOT_FOUND', 'This approval request is unknown (it may be older than 30 days).', { what: 'Approval' });
    return found;
  }

  /** Marks every overdue request expired; returns those this call changed (to audit and update their cards). */
  expireDue(): Promise<Approval[]> {
    return this.store.expireDue(this.clock.now());
  }

  /** Pending requests (call expireDue first to leave out those whose time is up). */
  pending(): Promise<Approval[]> {
    return this.store.list({ state: 'pending', limit: MAX_PENDING });
  }

  private isDue(approval: Approval): boolean {
    return approval.state === 'pending' && this.clock.now().getTime() > Date.parse(approval.expiresAt);
  }

  /** Marks one request expired if its time is up: the request as stored now, and whether this call expired it. */
  async expireIfDue(approval: Approval): Promise<{ approval: Approval; expired: boolean }> {
    if (!this.isDue(approval)) return { approval, expired: false };
    const expired = await this.store.transition(approval.id, 'pending', { state: 'expired', decidedAt: approval.expiresAt });
    if (expired) return { approval: expired, expired: true };
    return { approval: (await this.find(approval.id)) ?? approval, expired: false };
  }

  /** Records a decision on a pending request (the caller checked who may decide); undefined if it was no longer pending or is overdue. */
  async decide(approval: Approval, decision: Decision, by: OperatorKey & { name: string }, comment?: string): Promise<Approval | undefined> {
    if (this.isDue(approval)) return undefined;
    return this.store.transition(approval.id, 'pending', {
      state: decision,
      decidedBy: { tenantId: by.tenantId, aadObjectId: by.aadObjectId, name: by.name },
      decidedAt: this.clock.now().toISOString(),
      ...(comment ? { comment } : {}),
      ...(decision === 'approved' ? { outcome: { status: 'running' as const } } : {}),
    });
  }

  setOutcome(approval: Approval, outcome: NonNullable<Approval['outcome']>): Promise<void> {
    approval.outcome = outcome;
    return this.store.setOutcome(approval.id, outcome);
  }

  setSentTo(approval: Approval, sentTo: string): Promise<void> {
    approval.sentTo = sentTo;
    return this.store.setSentTo(approval.id, sentTo);
  }

  addPosted(approval: Approval, posted: PostedCard): Promise<void> {
    if (!approval.posted.some((p) => p.activityId === posted.activityId)) approval.posted.push(posted);
    return this.store.addPosted(approval.id, posted);
  }

  isRequester(approval: Approval, who: OperatorKey): boolean {
    return operatorId(approval.requester) === operatorId(who);
  }
}

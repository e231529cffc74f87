import { randomBytes } from 'node:crypto';
import { ServiceError } from '../../domain/errors.js';
import type { Clock } from '../../domain/clock.js';
import type { AppState, Confirmation, OperatorKey } from '../app-state.js';
import { operatorId } from '../app-state.js';

export interface NewConfirmation {
  kind: string;
  operator: OperatorKey;
  customerId: string;
  target: string;
  payload: Record<string, unknown>;
  reason?: string;
}

/**
 * Pending destructive operations. The card carries only the opaque id; what runs is what was stored here.
 * Bound to the operator, the customer and the target; expires; works once; survives a restart.
 */
export class Confirmations {
  constructor(
    private readonly state: AppState,
    private readonly clock: Clock,
    private readonly ttlMinutes: number,
  ) {}

  async create(request: NewConfirmation): Promise<Confirmation> {
    const now = this.clock.now();
    this.prune(now);
    const confirmation: Confirmation = {
      id: randomBytes(18).toString('base64url'),
      ...request,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.ttlMinutes * 60_000).toISOString(),
    };
    this.state.data.confirmations.push(confirmation);
    await this.state.persist();
    return confirmation;
  }

  /** The confirmation if it exists (for showing state); NOT_FOUND for ids this bot never issued. */
  get(id: string): Confirmation {
    const found = this.state.data.confirmations.find((c) => c.id === id);
    if (!found) throw new ServiceError('NOT_FOUND', 'This confirmation is unknown.', { what: 'Confirmation' });
    return found;
  }

  /**
   * Marks the confirmation used and returns it, or throws CONFIRMATION_FOREIGN / _USED / _EXPIRED.
   * The check and the mark happen without an await in between, so two presses cannot both pass.
   */
  async consume(id: string, operator: OperatorKey, kind: string): Promise<Confirmation> {
    const confirmation = this.get(id);
    if (confirmation.kind !== kind) throw new ServiceError('INVALID_INPUT', 'This button does not belong to that confirmation.', { what: 'Confirmation' });
    if (operatorId(confirmation.operator) !== operatorId(operator)) {
      throw new ServiceError('CONFIRMATION_FOREIGN', 'Only the person who asked can confirm this.', { confirmationId: id });
    }
    if (confirmation.usedAt) throw new ServiceError('CONFIRMATION_USED', 'This confirmation was already used.', { usedAt: confirmation.usedAt });
    const now = this.clock.now();
    if (now.getTime() > Date.parse(confirmation.expiresAt)) {
      throw new ServiceError('CONFIRMATION_EXPIRED', 'This confirmation has expired.', { expiresAt: confirmation.expiresAt });
    }
    confirmation.usedAt = now.toISOString();
    await this.state.persist();
    return confirmation;
  }

  /** Forget confirmations a day past their expiry (they can only ever answer "expired"). */
  private prune(now: Date): void {
    const horizon = now.getTime() - 24 * 60 * 60_000;
    this.state.data.confirmations = this.state.data.confirmations.filter((c) => Date.parse(c.expiresAt) > horizon);
  }
}

import { randomBytes } from 'node:crypto';
import { ServiceError } from '../../domain/errors.js';
import type { Clock } from '../../domain/clock.js';
import type { ConfirmationStore } from '../../ports/state/confirmations.js';
import type { Confirmation, OperatorKey } from '../../ports/state/records.js';

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
    private readonly store: ConfirmationStore,
    private readonly clock: Clock,
    private readonly ttlMinutes: number,
  ) {}

  async create(request: NewConfirmation): Promise<Confirmation> {
    const now = this.clock.now();
    // Forget confirmations a day past their expiry (they can only ever answer "expired").
    await this.store.prune(new Date(now.getTime() - 24 * 60 * 60_000));
    const confirmation: Confirmation = {
      id: randomBytes(18).toString('base64url'),
      ...request,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.ttlMinutes * 60_000).toISOString(),
    };
    await this.store.add(confirmation);
    return confirmation;
  }

  /** The confirmation if it exists (for showing state); NOT_FOUND for ids this bot never issued. */
  async get(id: string): Promise<Confirmation> {
    const found = await this.store.get(id);
    if (!found) throw new ServiceError('NOT_FOUND', 'This confirmation is unknown.', { what: 'Confirmation' });
    return found;
  }

  /**
   * Marks the confirmation used and returns it, or throws CONFIRMATION_FOREIGN / _USED / _EXPIRED. Single use is the
   * store's promise (consume checks and marks atomically), so two presses cannot both pass, on any instance.
   */
  async consume(id: string, operator: OperatorKey, kind: string): Promise<Confirmation> {
    const result = await this.store.consume(id, operator, kind, this.clock.now());
    if (result.ok) return result.confirmation;
    switch (result.why) {
      case 'missing':
        throw new ServiceError('NOT_FOUND', 'This confirmation is unknown.', { what: 'Confirmation' });
      case 'kind':
        throw new ServiceError('INVALID_INPUT', 'This button does not belong to that confirmation.', { what: 'Confirmation' });
      case 'foreign':
        throw new ServiceError('CONFIRMATION_FOREIGN', 'Only the person who asked can confirm this.', { confirmationId: id });
      case 'used':
        throw new ServiceError('CONFIRMATION_USED', 'This confirmation was already used.', { usedAt: result.confirmation?.usedAt });
      case 'expired':
        throw new ServiceError('CONFIRMATION_EXPIRED', 'This confirmation has expired.', { expiresAt: result.confirmation?.expiresAt });
    }
  }
}

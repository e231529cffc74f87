import type { ActionReply } from '../action.js';
import type { HandlerContext } from '../handler-context.js';
import { changeGate } from '../change-gate.js';
import type { ChangeDefinition } from '../change.js';
import { takeConfirmation } from './ask-confirmation.js';
import { ServiceError } from '../../domain/errors.js';
import { notice } from '../../cards/messages.js';
import type { Verb } from '../../cards/verbs.js';

/**
 * The Confirm button of an operation: consumes the confirmation (operator, customer, once, not expired), runs exactly
 * the stored payload through the gate again (roles or the target may have changed since), and executes it.
 */
export async function runConfirmed<P>(ctx: HandlerContext, confirmationId: string, verb: Verb, operation: ChangeDefinition<P>, targetOf: (payload: P) => string): Promise<ActionReply> {
  const confirmation = await takeConfirmation(ctx, confirmationId, verb);
  const parsed = operation.payloadSchema.safeParse(confirmation.payload);
  if (!parsed.success || targetOf(parsed.data) !== confirmation.target) {
    throw new ServiceError('INVALID_INPUT', 'This confirmation no longer matches what was asked. Nothing was changed; ask again.');
  }
  const refused = await changeGate(ctx, operation, parsed.data);
  if (refused) return { card: refused };
  const cards = await operation.execute(ctx, parsed.data);
  return { card: cards[0] ?? notice('Done', '') };
}

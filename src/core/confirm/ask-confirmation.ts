import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card-template.js';
import { confirmCard } from '../../cards/confirm.js';
import type { Confirmation } from '../../ports/state/records.js';
import type { HandlerContext } from '../handler-context.js';
import { ServiceError } from '../../domain/errors.js';
import type { Verb } from '../../cards/verbs.js';

export interface ConfirmationRequest {
  /** The verb of the confirm button, e.g. "user.delete.confirm"; also the confirmation's kind. */
  confirmVerb: Verb;
  /** What exactly will be acted on (a user id, a sorted id list); shown nowhere, checked on confirm. */
  target: string;
  /** Everything the confirm handler needs to act; stored server-side, never taken from the card. */
  payload: Record<string, unknown>;
  title: string;
  message: string;
  facts?: { title: string; value: string }[];
  confirmTitle: string;
  destructive?: boolean;
}

const formatTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Stores a pending operation bound to the caller and the customer, and renders its Confirm / Cancel card. */
export async function askConfirmation(ctx: HandlerContext, request: ConfirmationRequest): Promise<AdaptiveCard> {
  const customer = await ctx.customer();
  const confirmation = await ctx.app.confirmations.create({
    kind: request.confirmVerb,
    operator: { tenantId: ctx.caller.tenantId, aadObjectId: ctx.caller.aadObjectId },
    customerId: customer.id,
    target: request.target,
    payload: request.payload,
    ...(ctx.reason ? { reason: ctx.reason } : {}),
  });
  return confirmCard.render({
    title: request.title,
    message: request.message,
    facts: [...(request.facts ?? []), ...(ctx.reason ? [{ title: 'Reason', value: ctx.reason }] : [])],
    destructive: request.destructive ?? true,
    confirmTitle: request.confirmTitle,
    confirmVerb: request.confirmVerb,
    confirmationId: confirmation.id,
    requestedBy: ctx.caller.name,
    expiresAt: formatTime(confirmation.expiresAt),
  });
}

/** The data every confirm and cancel button carries: only the opaque id. */
export const confirmationData = z.object({ confirmationId: z.string().min(10).max(64).regex(/^[A-Za-z0-9_-]+$/) });

/**
 * Consumes the confirmation for this verb (throws if foreign, used or expired) and checks that it belongs to the
 * conversation's current customer; returns the stored operation.
 */
export async function takeConfirmation(ctx: HandlerContext, confirmationId: string, verb: Verb): Promise<Confirmation> {
  const confirmation = await ctx.app.confirmations.consume(confirmationId, ctx.caller, verb);
  if (confirmation.customerId !== ctx.customerId) {
    throw new ServiceError('CONFIRMATION_FOREIGN', 'This confirmation was made for another customer than the one chosen here now. Nothing was changed.');
  }
  if (confirmation.reason) ctx.reason = confirmation.reason;
  return confirmation;
}

import { z } from 'zod';
import { ServiceError } from '../../../domain/errors.js';

/**
 * Graph error bodies mapped to stable ServiceError codes. Graph's own message never reaches the user: it can name
 * objects of the tenant and is not written for chat. `reason` tells the adapter what it can fix itself.
 */

export type GraphFailureReason = 'not-found' | 'no-seats' | 'usage-location' | 'inherited' | 'conflict' | 'forbidden' | 'throttled' | 'not-sent' | 'other';

const errorBodySchema = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    details: z.array(z.object({ code: z.string().optional(), target: z.string().optional() }).loose()).optional(),
    innerError: z.object({ 'request-id': z.string().optional() }).loose().optional(),
  }).loose(),
});

export interface GraphFailure {
  status: number;
  reason: GraphFailureReason;
  graphCode: string;
  /** Graph's message, for redacted logging only. */
  graphMessage: string;
  requestId?: string;
}

export function classifyGraphFailure(status: number, body: unknown, requestId?: string): GraphFailure {
  const parsed = errorBodySchema.safeParse(body);
  const error = parsed.success ? parsed.data.error : {};
  const graphCode = error.code ?? `HTTP${status}`;
  const graphMessage = error.message ?? '';
  const codes = [graphCode, ...(error.details ?? []).map((d) => d.code ?? '')].join(' ');
  const id = requestId ?? error.innerError?.['request-id'];
  const failure = (reason: GraphFailureReason): GraphFailure => ({ status, reason, graphCode, graphMessage, ...(id ? { requestId: id } : {}) });

  if (status === 429) return failure('throttled');
  if (/does not have any available licenses|CountViolation/i.test(`${graphMessage} ${codes}`)) return failure('no-seats');
  if (/invalid usage location/i.test(graphMessage)) return failure('usage-location');
  if (/inherited from a group/i.test(graphMessage)) return failure('inherited');
  if (status === 409 || /ObjectConflict/i.test(codes) || /already exists|object references already exist|conflicting object/i.test(graphMessage)) return failure('conflict');
  if (status === 404 || /Request_ResourceNotFound/i.test(codes)) return failure('not-found');
  if (status === 401 || status === 403 || /Authorization_RequestDenied/i.test(codes)) return failure('forbidden');
  return failure('other');
}

const MESSAGES: Record<GraphFailureReason, [ServiceError['code'], string]> = {
  'not-found': ['NOT_FOUND', 'The object was not found in the customer tenant.'],
  'no-seats': ['NO_SEATS', 'The subscription has no free seat.'],
  'usage-location': ['INVALID_INPUT', 'The user has no valid usage location, which a license needs.'],
  inherited: ['LICENSE_INHERITED', 'This license comes from a group membership; remove the user from the group (or the license from the group) instead.'],
  conflict: ['CONFLICT', 'An object with the same user name or alias already exists.'],
  forbidden: ['FORBIDDEN', 'The app is not allowed to do this in the customer tenant (check its permissions and GDAP roles).'],
  throttled: ['THROTTLED', 'Microsoft Graph is throttling requests; try again in a minute.'],
  'not-sent': ['UPSTREAM', 'Not sent to Microsoft Graph: an earlier request of this change failed, so the rest was stopped.'],
  other: ['UPSTREAM', 'Microsoft Graph could not complete the request.'],
};

export function toServiceError(failure: GraphFailure): ServiceError {
  const [code, message] = MESSAGES[failure.reason];
  return new ServiceError(code, message, {
    status: failure.status,
    graphCode: failure.graphCode,
    reason: failure.reason,
    ...(failure.requestId ? { requestId: failure.requestId } : {}),
  });
}

/** The Graph failure reason carried by a ServiceError from this adapter, if any. */
export const failureReason = (error: unknown): GraphFailureReason | undefined =>
  error instanceof ServiceError && typeof error.details.reason === 'string' ? (error.details.reason as GraphFailureReason) : undefined;

/** Replaces every secret (passwords we sent) in a text about to be logged. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, s) => (s ? t.split(s).join('[redacted]') : t), text);
}

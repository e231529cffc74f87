import type { HandlerContext } from '../../../core/handler-context.js';
import { askConfirmation } from '../../../core/confirm/ask-confirmation.js';
import { changeGate } from '../../../core/change-gate.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { licenseChange } from '../changes/change-licenses.js';
import { licenseChangeTarget, type LicenseChangePayload } from './license-payload.js';
import { shortageReply } from './license-shortage.js';
import { VERB } from '../../../cards/verbs.js';

/**
 * Every license change from chat or a card goes through here: the gate (role, privileged users, approvals), the
 * seat check before anything changes, a confirmation when licenses are removed from more than one user, then the run.
 */
export async function requestLicenseChange(ctx: HandlerContext, payload: LicenseChangePayload, reason?: string): Promise<AdaptiveCard> {
  const refused = await changeGate(ctx, licenseChange, payload, reason);
  if (refused) return refused;
  const shortage = await shortageReply(ctx, payload);
  if (shortage) return shortage;
  if (payload.remove.length > 0 && payload.userIds.length > 1) {
    const summary = await licenseChange.describe(ctx, payload);
    return askConfirmation(ctx, {
      confirmVerb: VERB.licensesChangeConfirm,
      target: licenseChangeTarget(payload),
      payload,
      title: summary.title,
      message: summary.message,
      facts: summary.facts,
      confirmTitle: payload.add.length ? 'Save changes' : 'Remove licenses',
      destructive: true,
    });
  }
  const [card] = await licenseChange.execute(ctx, payload);
  if (!card) throw new Error('license change returned no card');
  return card;
}

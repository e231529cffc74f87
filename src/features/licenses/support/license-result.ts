import type { AdaptiveCard } from '../../../cards/card-template.js';
import type { CardAction } from '../../../cards/common.js';
import { licensesResultCard } from '../../../cards/licenses.js';
import { seatsAvailable, type LicenseOutcome, type Subscription } from '../../../domain/types.js';
import { VERB } from '../../../cards/verbs.js';

type Color = 'Default' | 'Good' | 'Attention' | 'Warning' | 'Accent';

export const OUTCOME_LABELS: Record<LicenseOutcome, string> = {
  assigned: 'assigned',
  'already-had': 'already had',
  removed: 'removed',
  'did-not-have': 'did not have',
  'no-seat': 'no seat',
};

const OUTCOME_COLORS: Record<LicenseOutcome, Color> = {
  assigned: 'Good',
  'already-had': 'Default',
  removed: 'Accent',
  'did-not-have': 'Default',
  'no-seat': 'Attention',
};

/** What happened (or would have happened) to one user, per SKU id. */
export interface UserOutcomes {
  userId: string;
  upn: string;
  displayName: string;
  outcomes: Record<string, LicenseOutcome>;
  usageLocationSet?: string;
}

/** Rows beyond this are summarised (the audit log keeps every user): 25 rows keep the card well under 28 KB. */
const MAX_ROWS = 25;

export function seatsText(s: Subscription): string {
  const over = s.seatsAssigned - s.seatsTotal;
  return `${seatsAvailable(s)} of ${s.seatsTotal} seats available${over > 0 ? ` (${over} more assigned than bought)` : ''}`;
}

/** "3 assigned, 1 already had" over every user and license. */
export function tally(users: readonly UserOutcomes[]): string {
  const counts = new Map<LicenseOutcome, number>();
  for (const u of users) for (const o of Object.values(u.outcomes)) counts.set(o, (counts.get(o) ?? 0) + 1);
  const parts = (Object.keys(OUTCOME_LABELS) as LicenseOutcome[]).filter((o) => counts.get(o)).map((o) => `${counts.get(o)} ${OUTCOME_LABELS[o]}`);
  return parts.join(', ') || 'no change';
}

export interface ResultView {
  title: string;
  message: string;
  color: Color;
  users: readonly UserOutcomes[];
  /** Subscriptions as they are now; the touched ones are shown with their seats. */
  subscriptions: readonly Subscription[];
  skuIds: readonly string[];
  actions?: CardAction[];
}

export function licensesResult(view: ResultView): AdaptiveCard {
  const byId = new Map(view.subscriptions.map((s) => [s.skuId, s]));
  const rows = view.users.slice(0, MAX_ROWS).map((u) => ({
    displayName: u.displayName,
    upn: u.upn,
    outcomes: Object.entries(u.outcomes).map(([sku, o]) => ({ license: byId.get(sku)?.name ?? sku, outcome: OUTCOME_LABELS[o], color: OUTCOME_COLORS[o] })),
    note: u.usageLocationSet ? `Usage location set to ${u.usageLocationSet} first.` : '',
  }));
  const more = view.users.length - rows.length;
  return licensesResultCard.render({
    title: view.title,
    message: view.message,
    color: view.color,
    rows,
    moreRows: more > 0 ? `and ${more} more user${more === 1 ? '' : 's'} (every outcome is in the audit log).` : '',
    facts: view.skuIds.flatMap((id) => {
      const s = byId.get(id);
      return s ? [{ title: s.name, value: seatsText(s) }] : [];
    }),
    actions: view.actions ?? [{ title: 'Show licenses', verb: VERB.licensesShow, data: {} }],
  });
}

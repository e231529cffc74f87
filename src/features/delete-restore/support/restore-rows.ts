import type { HandlerContext } from '../../../core/handler-context.js';
import type { CardAction } from '../../../cards/common.js';
import type { RestoreRow as Row } from '../../../cards/deleted.js';
import { splitUpn } from '../../../domain/user-names.js';
import type { DeletedUser, RestoreOutcome, Subscription, User } from '../../../domain/types.js';
import { day, skuNames } from './deleted-format.js';
import { VERB } from '../../../cards/verbs.js';

/** What the result card needs besides the outcomes: the deleted records as they were, SKU names, the caller's powers. */
export interface Known {
  deleted: Map<string, DeletedUser>;
  subscriptions: Subscription[];
  mayManageLicenses: boolean;
}

/** First of name, name2, name3 ... at the same domain that nobody (live or deleted) holds. */
async function freeUpnLike(ctx: HandlerContext, customerId: string, upn: string): Promise<string> {
  const { localPart, domain } = splitUpn(upn);
  const candidates = Array.from({ length: 9 }, (_, i) => `${localPart}${i + 2}@${domain}`);
  const taken = await ctx.service.upnsInUse(customerId, candidates);
  return candidates.find((c) => !taken.has(c.toLowerCase())) ?? `${localPart}.restored@${domain}`;
}

/** One user's part of the restore result card. */
export async function rowFor(ctx: HandlerContext, customerId: string, outcome: RestoreOutcome, known: Known): Promise<Row> {
  const base = { lines: [] as { text: string }[], code: '', actions: [] as CardAction[] };
  if (outcome.status === 'restored') {
    const { user, licensesRestored, licensesNotRestored, renameFailed } = outcome;
    const was = known.deleted.get(user.id);
    const lines = [
      ...(renameFailed ? [{ text: `Restored, but under its old name ${user.upn}: renaming it to ${renameFailed.wanted} failed (${renameFailed.reason}). Rename it in the admin center, or delete and restore it again.` }] : []),
      ...(was && was.upn.toLowerCase() !== user.upn.toLowerCase() ? [{ text: `Restored under the new name ${user.upn} (was ${was.upn}).` }] : []),
      ...(licensesRestored.length ? [{ text: `Licenses back: ${skuNames(licensesRestored, known.subscriptions).join(', ')}` }] : []),
      ...(licensesNotRestored.length
        ? [{ text: `Not given back, no free seat: ${skuNames(licensesNotRestored, known.subscriptions).join(', ')}. Free or buy a seat, then assign it.` }]
        : []),
      ...(licensesRestored.length + licensesNotRestored.length === 0 ? [{ text: 'It held no license.' }] : []),
    ];
    const actions: CardAction[] = [
      { title: 'Open user', verb: VERB.userShow, data: { userId: user.id } },
      ...(known.mayManageLicenses ? [{ title: 'Manage licenses', verb: VERB.licensesManage, data: { userIds: user.id } }] : []),
    ];
    const short = licensesNotRestored.length > 0 || renameFailed !== undefined;
    const status = renameFailed ? 'Restored under its old name' : licensesNotRestored.length > 0 ? 'Restored, without some licenses' : 'Restored';
    return { ...base, displayName: user.displayName, upn: user.upn, status, color: short ? 'Warning' : 'Good', lines, actions };
  }
  if (outcome.status === 'upn-taken') {
    const was = known.deleted.get(outcome.userId);
    const oldUpn = was?.upn ?? outcome.upn;
    const suggestion = await freeUpnLike(ctx, customerId, oldUpn);
    return {
      displayName: was?.displayName ?? outcome.upn,
      upn: oldUpn,
      status: 'Not restored: the user name is taken',
      color: 'Attention',
      lines: [{ text: `${outcome.upn} is taken by ${outcome.takenBy} (a live user, or a deleted one that keeps its name for 30 days).` }, { text: `Restore it under another name: restore ${oldUpn} as ${suggestion}` }],
      code: 'CONFLICT',
      actions: [{ title: `Restore as ${suggestion}`, verb: VERB.deletedRestore, data: { userIds: outcome.userId, newUpn: suggestion } }],
    };
  }
  if (outcome.status === 'expired') {
    const was = known.deleted.get(outcome.userId);
    const when = was ? `It was deleted on ${day(was.deletedAt)}; the 30-day restore window ended on ${day(was.restorableUntil)}.` : 'Its 30-day restore window has ended.';
    return { ...base, displayName: was?.displayName ?? outcome.upn, upn: outcome.upn, status: 'Too late to restore', color: 'Attention', lines: [{ text: `${when} It is being purged for good.` }], code: 'RESTORE_WINDOW_EXPIRED' };
  }
  const live: User | undefined = await ctx.service.getUser(customerId, outcome.userId).catch(() => undefined);
  if (live) {
    return {
      ...base,
      displayName: live.displayName,
      upn: live.upn,
      status: 'Nothing to restore: this user is not deleted',
      color: 'Default',
      lines: [{ text: 'It is on the user list (perhaps restored already).' }],
      actions: [{ title: 'Open user', verb: VERB.userShow, data: { userId: live.id } }],
    };
  }
  return { ...base, displayName: outcome.userId, upn: '', status: 'Not found among the deleted users', color: 'Attention', lines: [{ text: 'Type `deleted` to see who can be restored.' }], code: 'NOT_FOUND' };
}

/** The card's title and colour: all, some or none restored. */
export function heading(rows: Row[], restored: number): { title: string; color: Row['color'] } {
  if (restored === rows.length) return { title: restored === 1 ? `${rows[0]?.displayName} was restored` : `Restored ${restored} users`, color: rows.some((r) => r.color === 'Warning') ? 'Warning' : 'Good' };
  if (restored === 0) return { title: rows.length === 1 && rows[0]?.code === 'RESTORE_WINDOW_EXPIRED' ? 'Too late to restore' : 'Nothing was restored', color: 'Attention' };
  return { title: `Restored ${restored} of ${rows.length} users`, color: 'Warning' };
}

import { z } from 'zod';
import { defineOperation } from '../app/operation.js';
import type { HandlerContext } from '../app/handler.js';
import { access } from '../app/permissions.js';
import { restoreResultCard, type RestoreRow as Row } from '../cards/deleted.js';
import type { CardAction } from '../cards/common.js';
import { isServiceError } from '../service/errors.js';
import { splitUpn } from '../service/user-names.js';
import type { DeletedUser, RestoreOutcome, Subscription, User } from '../service/types.js';
import { day, skuNames } from './deleted-format.js';

export const restoreUsersPayload = z.object({
  requests: z.array(z.object({ userId: z.string().min(1).max(320), newUpn: z.string().min(3).max(320).optional() })).min(1).max(20),
});
export type RestoreUsersPayload = z.infer<typeof restoreUsersPayload>;

interface Known {
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

async function rowFor(ctx: HandlerContext, customerId: string, outcome: RestoreOutcome, known: Known): Promise<Row> {
  const base = { lines: [] as { text: string }[], code: '', actions: [] as CardAction[] };
  if (outcome.status === 'restored') {
    const { user, licensesRestored, licensesNotRestored } = outcome;
    const was = known.deleted.get(user.id);
    const lines = [
      ...(was && was.upn.toLowerCase() !== user.upn.toLowerCase() ? [{ text: `Restored under the new name ${user.upn} (was ${was.upn}).` }] : []),
      ...(licensesRestored.length ? [{ text: `Licenses back: ${skuNames(licensesRestored, known.subscriptions).join(', ')}` }] : []),
      ...(licensesNotRestored.length
        ? [{ text: `Not given back, no free seat: ${skuNames(licensesNotRestored, known.subscriptions).join(', ')}. Free or buy a seat, then assign it.` }]
        : []),
      ...(licensesRestored.length + licensesNotRestored.length === 0 ? [{ text: 'It held no license.' }] : []),
    ];
    const actions: CardAction[] = [
      { title: 'Open user', verb: 'user.show', data: { userId: user.id } },
      ...(known.mayManageLicenses ? [{ title: 'Manage licenses', verb: 'licenses.manage', data: { userIds: user.id } }] : []),
    ];
    const short = licensesNotRestored.length > 0;
    return { ...base, displayName: user.displayName, upn: user.upn, status: short ? 'Restored, without some licenses' : 'Restored', color: short ? 'Warning' : 'Good', lines, actions };
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
      lines: [{ text: `${outcome.upn} now belongs to ${outcome.takenBy}.` }, { text: `Restore it under another name: restore ${oldUpn} as ${suggestion}` }],
      code: 'CONFLICT',
      actions: [{ title: `Restore as ${suggestion}`, verb: 'deleted.restore', data: { userIds: outcome.userId, newUpn: suggestion } }],
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
      actions: [{ title: 'Open user', verb: 'user.show', data: { userId: live.id } }],
    };
  }
  return { ...base, displayName: outcome.userId, upn: '', status: 'Not found among the deleted users', color: 'Attention', lines: [{ text: 'Type `deleted` to see who can be restored.' }], code: 'NOT_FOUND' };
}

function auditRecord(outcome: RestoreOutcome, known: Known) {
  const name = (id: string) => known.deleted.get(id)?.upn ?? id;
  switch (outcome.status) {
    case 'restored':
      return {
        target: outcome.user.upn,
        outcome: outcome.licensesNotRestored.length ? ('partial' as const) : ('success' as const),
        details: { userId: outcome.user.id, licensesRestored: skuNames(outcome.licensesRestored, known.subscriptions), licensesNotRestored: skuNames(outcome.licensesNotRestored, known.subscriptions) },
      };
    case 'upn-taken':
      return { target: name(outcome.userId), outcome: 'failure' as const, details: { userId: outcome.userId, code: 'CONFLICT', upn: outcome.upn } };
    case 'expired':
      return { target: outcome.upn, outcome: 'failure' as const, details: { userId: outcome.userId, code: 'RESTORE_WINDOW_EXPIRED' } };
    default:
      return { target: name(outcome.userId), outcome: 'failure' as const, details: { code: 'NOT_FOUND' } };
  }
}

function heading(rows: Row[], restored: number): { title: string; color: Row['color'] } {
  if (restored === rows.length) return { title: restored === 1 ? `${rows[0]?.displayName} was restored` : `Restored ${restored} users`, color: rows.some((r) => r.color === 'Warning') ? 'Warning' : 'Good' };
  if (restored === 0) return { title: rows.length === 1 && rows[0]?.code === 'RESTORE_WINDOW_EXPIRED' ? 'Too late to restore' : 'Nothing was restored', color: 'Attention' };
  return { title: `Restored ${restored} of ${rows.length} users`, color: 'Warning' };
}

/** Brings deleted users back with their id and UPN (or a new UPN), with licenses only where seats are free. */
export default defineOperation<RestoreUsersPayload>({
  kind: 'user.restore',
  permission: 'user.restore',
  policyName: 'restore',
  payloadSchema: restoreUsersPayload,

  async targetUserIds(ctx, { requests }) {
    const customer = await ctx.customer();
    const found = await Promise.all(requests.map((r) => ctx.service.getDeletedUser(customer.id, r.userId).catch(() => undefined)));
    return found.filter((u): u is DeletedUser => u !== undefined).map((u) => u.id);
  },

  async describe(ctx, { requests }) {
    const customer = await ctx.customer();
    const found = await Promise.all(requests.map((r) => ctx.service.getDeletedUser(customer.id, r.userId).catch(() => undefined)));
    const list = found.map((u, i) => (u ? `${u.displayName} (${requests[i]?.newUpn ? `as ${requests[i]?.newUpn}` : u.upn})` : (requests[i]?.userId ?? '')));
    return {
      title: requests.length === 1 ? `Restore ${list[0]}?` : `Restore ${requests.length} users?`,
      message: `They come back to ${customer.name}'s user list with their previous licenses where seats are free; licenses without a free seat are not given back.`,
      facts: [{ title: requests.length === 1 ? 'User' : 'Users', value: list.join(', ') }],
    };
  },

  async execute(ctx, { requests }) {
    const customer = await ctx.customer();
    const [found, subscriptions] = await Promise.all([
      Promise.all(requests.map((r) => ctx.service.getDeletedUser(customer.id, r.userId).catch(() => undefined))),
      ctx.service.listSubscriptions(customer.id),
    ]);
    const known: Known = {
      deleted: new Map(found.filter((u): u is DeletedUser => u !== undefined).map((u) => [u.id, u])),
      subscriptions,
      mayManageLicenses: access(ctx.roles, 'license.change') !== 'deny',
    };
    // The service keys restores by id; a UPN typed in chat is resolved to the deleted user's id first.
    const resolved = requests.map((r, i) => ({ ...r, userId: found[i]?.id ?? r.userId }));
    let outcomes: RestoreOutcome[];
    try {
      outcomes = await ctx.service.restoreUsers(customer.id, resolved, { actor: { aadObjectId: ctx.caller.aadObjectId, name: ctx.caller.name } });
    } catch (error) {
      await ctx.audit({ action: 'user.restore', target: resolved.map((r) => r.userId).join(', '), outcome: 'failure', details: { code: isServiceError(error) ? error.code : 'INTERNAL' } });
      throw error;
    }
    for (const outcome of outcomes) await ctx.audit({ action: 'user.restore', ...auditRecord(outcome, known) });
    const rows = await Promise.all(outcomes.map((o) => rowFor(ctx, customer.id, o, known)));
    const restored = outcomes.filter((o) => o.status === 'restored').length;
    const short = outcomes.some((o) => o.status === 'restored' && o.licensesNotRestored.length > 0);
    return [
      restoreResultCard.render({
        ...heading(rows, restored),
        summary: short ? 'Licenses come back only where a seat is free, so no subscription is ever over-assigned.' : '',
        rows,
        actions: [{ title: 'Deleted users', verb: 'deleted.page', data: { skip: 0 } }],
      }),
    ];
  },
});

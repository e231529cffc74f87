import { z } from 'zod';
import { defineChange } from '../../../core/change.js';
import { access } from '../../../core/permissions.js';
import { restoreResultCard } from '../../../cards/deleted.js';
import { isServiceError } from '../../../domain/errors.js';
import type { DeletedUser, RestoreOutcome } from '../../../domain/types.js';
import { dayAndTime, skuNames } from '../support/deleted-format.js';
import { SeatDelta, seatChangeFact } from '../../shared/seat-change.js';
import { heading, rowFor, type Known } from '../support/restore-rows.js';
import { VERB } from '../../../cards/verbs.js';

export const restoreUsersPayload = z.object({
  requests: z.array(z.object({ userId: z.string().min(1).max(320), newUpn: z.string().min(3).max(320).optional() })).min(1).max(20),
});
export type RestoreUsersPayload = z.infer<typeof restoreUsersPayload>;

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

/** Brings deleted users back with their id and UPN (or a new UPN), with licenses only where seats are free. */
export default defineChange<RestoreUsersPayload>({
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
    const [found, subscriptions] = await Promise.all([
      Promise.all(requests.map((r) => ctx.service.getDeletedUser(customer.id, r.userId).catch(() => undefined))),
      ctx.service.listSubscriptions(customer.id),
    ]);
    const list = found.map((u, i) => (u ? `${u.displayName} (${requests[i]?.newUpn ? `as ${requests[i]?.newUpn}` : u.upn})` : (requests[i]?.userId ?? '')));
    const users = found.filter((u): u is DeletedUser => u !== undefined);
    const licenses = users.filter((u) => u.licenses.length).map((u) => `${u.displayName}: ${skuNames(u.licenses, subscriptions).join(', ')}`);
    const seats = seatChangeFact(new SeatDelta().addAll(users.map((u) => u.licenses)), subscriptions);
    return {
      title: requests.length === 1 ? `Restore ${list[0]}?` : `Restore ${requests.length} users?`,
      message: `They come back to ${customer.name}'s user list with their previous licenses where seats are free; licenses without a free seat are not given back.`,
      facts: [
        { title: requests.length === 1 ? 'User' : 'Users', value: list.join(', ') },
        { title: 'Licenses held', value: licenses.join('; ') || 'None' },
        ...(seats ? [seats] : []),
        { title: 'Restorable until', value: users.map((u) => `${users.length > 1 ? `${u.displayName}: ` : ''}${dayAndTime(u.restorableUntil)}`).join('; ') || 'Unknown' },
      ],
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
      // Users by name in the trail (ids in details), so `audit for <upn>` finds the failure too.
      const upns = resolved.map((r) => known.deleted.get(r.userId)?.upn ?? r.userId);
      await ctx.audit({ action: 'user.restore', target: upns.join(', '), outcome: 'failure', details: { code: isServiceError(error) ? error.code : 'INTERNAL', userIds: resolved.map((r) => r.userId) } });
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
        actions: [{ title: 'Deleted users', verb: VERB.deletedPage, data: {} }],
      }),
    ];
  },
});

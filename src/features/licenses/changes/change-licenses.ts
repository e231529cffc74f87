import { defineChange } from '../../../core/change.js';
import type { HandlerContext } from '../../../core/handler-context.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { isServiceError, type ServiceError } from '../../../domain/errors.js';
import type { LicenseOutcome, Subscription, User } from '../../../domain/types.js';
import { licensesResult, tally, type UserOutcomes } from '../support/license-result.js';
import { shortageReply } from '../support/license-shortage.js';
import { licenseChangePayload, listNames, usersByIds, type LicenseChangePayload } from '../support/license-payload.js';
import { SeatDelta, seatChangeFact } from '../../shared/seat-change.js';
import { VERB } from '../../../cards/verbs.js';

const namesOf = (ids: readonly string[], subs: readonly Subscription[]): string =>
  ids.map((skuId) => subs.find((s) => s.skuId === skuId)?.name ?? skuId).join(', ');

const partNumbers = (ids: readonly string[], subs: readonly Subscription[]): string[] =>
  ids.map((skuId) => subs.find((s) => s.skuId === skuId)?.skuPartNumber ?? skuId);

const optional = <T>(value: T | undefined): T[] => (value === undefined ? [] : [value]);

/** A seat per added license a user lacks; one freed per removed license a user holds. */
function seatDelta(users: readonly User[], payload: LicenseChangePayload): SeatDelta {
  const delta = new SeatDelta();
  for (const user of users) {
    for (const sku of payload.add) if (!user.licenses.includes(sku)) delta.add(sku);
    for (const sku of payload.remove) if (user.licenses.includes(sku)) delta.add(sku, -1);
  }
  return delta;
}

/** Outcomes of users who got nothing for lack of seats. */
function leftOutOutcomes(users: readonly User[], add: readonly string[]): UserOutcomes[] {
  return users.map((u) => ({
    userId: u.id,
    upn: u.upn,
    displayName: u.displayName,
    outcomes: Object.fromEntries(add.map((sku): [string, LicenseOutcome] => [sku, u.licenses.includes(sku) ? 'already-had' : 'no-seat'])),
  }));
}

function auditDetails(users: readonly UserOutcomes[], subs: readonly Subscription[], payload: LicenseChangePayload): Record<string, unknown> {
  const part = new Map(subs.map((s) => [s.skuId, s.skuPartNumber]));
  return {
    add: partNumbers(payload.add, subs),
    remove: partNumbers(payload.remove, subs),
    users: users.map((u) => ({
      upn: u.upn,
      outcomes: Object.fromEntries(Object.entries(u.outcomes).map(([sku, o]) => [part.get(sku) ?? sku, o])),
      ...(u.usageLocationSet ? { usageLocationSet: u.usageLocationSet } : {}),
    })),
  };
}

/** Someone took the seats between the check and the change: nothing changed; audit it and offer what still fits. */
async function refusedForSeats(ctx: HandlerContext, customerId: string, payload: LicenseChangePayload, error: ServiceError): Promise<AdaptiveCard> {
  const [tried, subs] = await Promise.all([usersByIds(ctx, customerId, payload.userIds), ctx.service.listSubscriptions(customerId)]);
  await ctx.audit({
    action: 'licenses.change',
    target: listNames(tried.map((u) => u.upn), 20),
    outcome: 'failure',
    details: { code: 'NO_SEATS', ...error.details, ...auditDetails(leftOutOutcomes(tried, payload.add), subs, payload) },
  });
  const reply = await shortageReply(ctx, payload);
  if (!reply) throw error;
  return reply;
}

/** Adds and removes licenses for the chosen users, all or nothing, never beyond the seats bought. */
export const licenseChange = defineChange<LicenseChangePayload>({
  kind: 'licenses.change',
  permission: 'license.change',
  policyName: 'licenses',
  payloadSchema: licenseChangePayload,
  targetUserIds: async (_ctx, payload) => payload.userIds,

  async describe(ctx, payload) {
    const customer = await ctx.customer();
    const [subs, users] = await Promise.all([ctx.service.listSubscriptions(customer.id), usersByIds(ctx, customer.id, payload.userIds)]);
    const n = users.length;
    // One user is named, so an approver scanning `approvals` sees whose licenses change without opening the card.
    const who = n === 1 ? (users[0]?.displayName ?? '1 user') : `${n} users`;
    const title = payload.add.length === 0 ? `Remove ${namesOf(payload.remove, subs)} from ${who}?` : `Change licenses of ${who}?`;
    const facts = [
      { title: 'Users', value: listNames(users.map((u) => u.displayName)) },
      ...(payload.add.length ? [{ title: 'Assign', value: namesOf(payload.add, subs) }] : []),
      ...(payload.remove.length ? [{ title: 'Remove', value: namesOf(payload.remove, subs) }] : []),
      ...optional(seatChangeFact(seatDelta(users, payload), subs)),
    ];
    const message = payload.remove.length ? 'Users who have a removed license lose it now and its seat is freed at once.' : 'Each user gets the licenses they do not have yet.';
    return { title, message, facts };
  },

  async execute(ctx, payload) {
    const customer = await ctx.customer();
    const actor = { aadObjectId: ctx.caller.aadObjectId, name: ctx.caller.name };
    const request = { userIds: payload.userIds, add: payload.add, remove: payload.remove };
    let result;
    try {
      result = await ctx.service.changeLicenses(customer.id, request, { actor }, { onShortage: 'fail' });
    } catch (error) {
      if (!isServiceError(error) || error.code !== 'NO_SEATS') throw error;
      return [await refusedForSeats(ctx, customer.id, payload, error)];
    }
    const leftOut = leftOutOutcomes(await usersByIds(ctx, customer.id, payload.leftOut), payload.add);
    const users: UserOutcomes[] = [...result.users, ...leftOut];
    const subs = result.subscriptions;
    await ctx.audit({
      action: 'licenses.change',
      target: listNames(users.map((u) => u.upn), 20),
      outcome: leftOut.length > 0 ? 'partial' : 'success',
      details: auditDetails(users, subs, payload),
    });
    const located = users.filter((u) => u.usageLocationSet);
    const message = [
      `${tally(users)}.`,
      located.length ? `Usage location set to ${customer.usageLocation} first for ${listNames(located.map((u) => u.displayName), 5)} (a license needs one).` : '',
      leftOut.length ? `${leftOut.length} left out for lack of seats: nothing changed for them.` : '',
    ].filter(Boolean).join(' ');
    const card = licensesResult({
      title: `Licenses changed for ${customer.name}`,
      message,
      color: leftOut.length ? 'Warning' : 'Good',
      users,
      subscriptions: subs,
      skuIds: [...payload.add, ...payload.remove],
      actions: [
        { title: 'Show licenses', verb: VERB.licensesShow, data: {} },
        ...(users.length <= 50 ? [{ title: 'Manage these users again', verb: VERB.licensesManage, data: { userIds: users.map((u) => u.userId) } }] : []),
      ],
    });
    return [card];
  },
});

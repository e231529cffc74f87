import { defineCommand } from '../../../core/command.js';
import { askConfirmation } from '../../../core/confirm/ask-confirmation.js';
import { changeGate } from '../../../core/change-gate.js';
import { createUserChange } from '../changes/create-user.js';
import { clashText, draftNewUser } from '../support/new-user-draft.js';
import { seatsAvailable } from '../../../domain/types.js';
import { splitUpn } from '../../../domain/user-names.js';
import { createUserForm } from '../support/create-user-form.js';
import { createUserArgs } from '../support/create-user-grammar.js';
import { resolveSku } from '../../shared/resolve.js';
import { withReason } from '../../shared/reason.js';
import { VERB } from '../../../cards/verbs.js';

export default defineCommand({
  name: 'create user',
  permission: 'user.create',
  customerScoped: true,
  approvable: true,
  category: 'Users',
  summary: 'Create a user with licenses (alone: a form). Nothing is created until you press Create; the temporary password comes to you privately.',
  usage: 'create user [<first> <last> [as <upn>] [with <SKU>[, <SKU>...]] [because <reason>]]',
  examples: ['create user', 'create user Anna Berg with O365_BUSINESS_PREMIUM', 'create user "Mary Ann" Lee as mary.lee@contoso.com with SPE_E3, TEAMS_ESSENTIALS_AAD'],
  schema: withReason(createUserArgs),
  async handle(ctx, { args, reason }) {
    if (args.kind === 'form') return createUserForm(ctx);
    const customer = await ctx.customer();
    const subscriptions = await ctx.service.listSubscriptions(customer.id);
    const chosen = args.skus.map((text) => resolveSku(subscriptions, text));
    const name = args.upn?.includes('@') ? splitUpn(args.upn) : { localPart: args.upn, domain: undefined };
    const draft = await draftNewUser(ctx.service, customer, subscriptions, {
      givenName: args.givenName,
      surname: args.surname,
      localPart: name.localPart,
      domain: name.domain,
      skuIds: chosen.map((s) => s.skuId),
    });
    const refused = await changeGate(ctx, createUserChange, draft.payload, reason);
    if (refused) return refused;
    const summary = await createUserChange.describe(ctx, draft.payload);
    const full = chosen.filter((s) => seatsAvailable(s) === 0).map((s) => `${s.name} (${s.skuPartNumber}) has no free seat right now, so Create will fail unless one is freed first.`);
    return askConfirmation(ctx, {
      confirmVerb: VERB.userCreateConfirm,
      target: draft.payload.upn.toLowerCase(),
      payload: draft.payload,
      title: summary.title,
      message: [draft.clash ? `${clashText(draft.clash)} The new user gets that name.` : '', summary.message, ...full].filter(Boolean).join(' '),
      facts: summary.facts,
      confirmTitle: 'Create',
      destructive: false,
    });
  },
});

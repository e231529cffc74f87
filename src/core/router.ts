import type { z } from 'zod';
import type { AdaptiveCard } from '../cards/card-template.js';
import { cardForError, errorCardFor } from '../cards/messages.js';
import { isServiceError } from '../domain/errors.js';
import { completeCommand, matchCommand, MAX_MESSAGE_LENGTH, normalizeText, suggestCommand } from './command-grammar.js';
import type { ActionDefinition } from './action.js';
import { handlerContext, type AppServices, type HandlerContext, type Turn } from './handler-context.js';
import type { CommandDefinition, Reply } from './command.js';
import { ACTION_LIMITS, payloadProblem } from './payload-guard.js';
import { access, PARTNER_WIDE, performers, ROLE_LABELS, type Permission, type Role } from './permissions.js';
import { VERB } from '../cards/verbs.js';

export type ActionOutcome = { status: 200; card: AdaptiveCard } | { status: 400; code: string; message: string };

type AnyCommand = CommandDefinition<unknown>;
type AnyAction = ActionDefinition<unknown>;

/** What a permission lets someone do, in words (refusals name what the person tried, never a verb or command id). */
const PERMISSION_PHRASES: Record<Permission, string> = {
  public: 'use the bot',
  'directory.read': 'see users and licenses',
  'user.create': 'create a user',
  'user.import': 'import users',
  'user.resetPassword': 'reset a password',
  'license.change': 'assign or remove licenses',
  'user.delete': 'delete a user',
  'user.restore': 'restore a deleted user',
  'user.assignAdminRole': 'give a user an admin role',
  'roles.manage': 'grant or revoke roles',
  'audit.read': 'read the audit trail',
  'approvals.manage': 'manage approvals',
};

const asCards = (reply: Reply): AdaptiveCard[] => (reply === undefined ? [] : Array.isArray(reply) ? reply : [reply]);

/** Dispatches chat text to commands and card verbs to actions, with permissions, customer scope and error cards. */
export class Router {
  private readonly actionsByVerb: Map<string, AnyAction>;

  constructor(
    private readonly app: AppServices,
    readonly commands: readonly AnyCommand[],
    actions: readonly AnyAction[],
  ) {
    this.actionsByVerb = new Map(actions.map((a) => [a.verb, a]));
  }

  async onMessage(turn: Turn, text: string): Promise<AdaptiveCard[]> {
    if (text.length > MAX_MESSAGE_LENGTH) return [errorCardFor('INVALID_INPUT', `That message is too long (over ${MAX_MESSAGE_LENGTH} characters); nothing was done.`)];
    const match = matchCommand(this.commands, text);
    if (!match) return [this.unknownCommand(text)];
    const { command, argText } = match;
    try {
      const ctx = await this.context(turn);
      const denied = await this.check(ctx, command.permission, command.customerScoped, command.name, command.approvable);
      if (denied) return [denied];
      const args = command.schema.safeParse(argText);
      if (!args.success) return [this.usageError(command, args.error)];
      return asCards(await command.handle(ctx, args.data));
    } catch (error) {
      return [this.failure(error, command.name, text)];
    }
  }

  async onAction(turn: Turn, verb: unknown, data: unknown): Promise<ActionOutcome> {
    const action = typeof verb === 'string' && verb.length <= ACTION_LIMITS.maxVerb ? this.actionsByVerb.get(verb) : undefined;
    if (!action) return { status: 400, code: 'UNKNOWN_VERB', message: 'This button is not recognised.' };
    const problem = payloadProblem(data);
    if (problem) return { status: 400, code: 'INVALID_INPUT', message: `The card data is not valid (${problem}).` };
    const parsed = action.schema.safeParse(data);
    if (!parsed.success) return { status: 400, code: 'INVALID_INPUT', message: 'The card data is not valid.' };
    try {
      const ctx = await this.context(turn);
      const denied = await this.check(ctx, action.permission, action.customerScoped, action.verb, action.approvable);
      if (denied) return { status: 200, card: denied };
      return { status: 200, card: (await action.handle(ctx, parsed.data)).card };
    } catch (error) {
      // Unknown or mismatched confirmation ids are refused like bad input. Someone else's confirmation gets a clear
      // card instead (issue 3): it is a real confirmation that a colleague pressed, not a forged payload.
      if (isServiceError(error) && error.details.what === 'Confirmation') {
        return { status: 400, code: error.code, message: error.message };
      }
      return { status: 200, card: this.failure(error, action.verb) };
    }
  }

  private async context(turn: Turn): Promise<HandlerContext> {
    const chosen = await this.app.state.conversations.chosenCustomer(turn.conversation.id);
    const scope = await this.app.operators.customerScope(turn.caller);
    return handlerContext(this.app, turn, chosen && (scope === 'all' || scope.has(chosen)) ? chosen : undefined, { commands: this.commands });
  }

  /** A card explaining why the caller may not do this, or null when they may. */
  private async check(ctx: HandlerContext, permission: Permission, customerScoped: boolean, what: string, approvable = false): Promise<AdaptiveCard | null> {
    // Someone with no role at all is told so (and how to get one), not asked to pick a customer they cannot see.
    if (customerScoped && !ctx.customerId && (await this.app.operators.anyRoles(ctx.caller)).length > 0) await ctx.customer();
    const roles = PARTNER_WIDE.includes(permission) ? await this.app.operators.rolesFor(ctx.caller, undefined) : ctx.roles;
    const allowed = access(roles, permission);
    if (allowed === 'perform' || (allowed === 'request' && approvable)) return null;
    const roleText = ctx.roles.length ? ctx.roles.map((r: Role) => ROLE_LABELS[r]).join(', ') : 'no role';
    await ctx.audit({ action: what, target: '', outcome: 'denied', details: { permission } });
    const partnerWide = PARTNER_WIDE.includes(permission) && permission !== 'public';
    const hint = ctx.roles.length === 0
      ? 'Type `whoami` and give your AAD object id to a global admin to get a role.'
      : partnerWide ? `Only ${performers(permission).map((r) => ROLE_LABELS[r]).join(' or ')} for all customers may do this.` : '';
    const doing = PERMISSION_PHRASES[permission];
    return errorCardFor('FORBIDDEN', `You have ${roleText}${ctx.customerId && !partnerWide ? ' for this customer' : ''}, which does not allow you to ${doing}.`, [], hint);
  }

  private unknownCommand(text: string): AdaptiveCard {
    const typed = normalizeText(text).slice(0, 60);
    const completed = completeCommand(this.commands, text);
    if (completed) {
      const shown = completed.length > 80 ? `${completed.slice(0, 79)}…` : completed;
      return errorCardFor('INVALID_INPUT', `I don't know the command "${typed}".`, [], `Did you mean \`${shown}\`?`, [{ title: shown, command: completed }]);
    }
    const suggestion = suggestCommand(this.commands, text);
    return errorCardFor(
      'INVALID_INPUT',
      typed ? `I don't know the command "${typed}".` : 'Type a command, for example `help`.',
      [{ title: 'Show help', verb: VERB.helpShow, data: {} }],
      suggestion ? `Did you mean \`${suggestion.usage}\`?` : 'Type `help` to see what you can do.',
    );
  }

  private usageError(command: AnyCommand, error: z.ZodError): AdaptiveCard {
    const message = error.issues[0]?.message ?? 'The command is incomplete.';
    const examples = command.examples?.length ? ` Example: \`${command.examples[0]}\`` : '';
    return errorCardFor('INVALID_INPUT', message, [], `Usage: \`${command.usage}\`.${examples}`);
  }

  private failure(error: unknown, what: string, text?: string): AdaptiveCard {
    if (!isServiceError(error)) this.app.log.error({ err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error), what }, 'handler failed');
    if (isServiceError(error) && error.code === 'NO_CUSTOMER') {
      return errorCardFor('NO_CUSTOMER', 'This command works on one customer; none is chosen in this conversation yet.', [{ title: 'Show customers', verb: VERB.customersShow, data: {} }]);
    }
    const closest = isServiceError(error) ? error.details.closest : undefined;
    if (text && isServiceError(error) && Array.isArray(closest) && typeof error.details.key === 'string' && text.includes(error.details.key)) {
      // A misspelt name: the same command with each close candidate, one press away.
      const key = error.details.key;
      const suggestions = closest.slice(0, 5).map((c) => ({ title: String(c), command: text.replace(key, String(c)) }));
      return errorCardFor(error.code, error.message, [], suggestions.length ? 'Did you mean one of these?' : undefined, suggestions);
    }
    return cardForError(error);
  }
}

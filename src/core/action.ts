import type { z } from 'zod';
import type { AdaptiveCard } from '../cards/card-template.js';
import type { HandlerContext } from './handler-context.js';
import type { Permission } from './permissions.js';
import type { Verb } from '../cards/verbs.js';

export interface ActionReply {
  /** Replaces the card whose button was pressed. */
  card: AdaptiveCard;
}

export interface ActionDefinition<D, V extends Verb = Verb> {
  verb: V;
  permission: Permission;
  customerScoped: boolean;
  /** See CommandDefinition.approvable. */
  approvable?: boolean;
  /** Parses the button's data together with the card's inputs (which Teams sends as strings). */
  schema: z.ZodType<D>;
  handle(ctx: HandlerContext, data: D): Promise<ActionReply>;
}

/** Keeps the verb's literal type, so the action list can be checked against cards/verbs.ts. */
export const defineAction = <D, V extends Verb>(action: ActionDefinition<D, V>): ActionDefinition<D, V> => action;

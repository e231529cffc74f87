import type { z } from 'zod';
import type { AdaptiveCard } from '../cards/card-template.js';
import type { HandlerContext } from './handler-context.js';
import type { Permission } from './permissions.js';

export interface ActionReply {
  /** Replaces the card whose button was pressed. */
  card: AdaptiveCard;
}

export interface ActionDefinition<D> {
  verb: string;
  permission: Permission;
  customerScoped: boolean;
  /** See CommandDefinition.approvable. */
  approvable?: boolean;
  /** Parses the button's data together with the card's inputs (which Teams sends as strings). */
  schema: z.ZodType<D>;
  handle(ctx: HandlerContext, data: D): Promise<ActionReply>;
}

export const defineAction = <D>(action: ActionDefinition<D>): ActionDefinition<D> => action;

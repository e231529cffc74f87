import type { z } from 'zod';
import type { AdaptiveCard } from '../cards/card-template.js';
import type { HandlerContext } from './handler-context.js';
import type { Permission } from './permissions.js';

export type Reply = AdaptiveCard | AdaptiveCard[] | void;

export interface CommandDefinition<A> {
  /** The command's words, matched as exact tokens, e.g. "reset password". */
  name: string;
  permission: Permission;
  /** Needs a chosen customer (answered with guidance when none is chosen). */
  customerScoped: boolean;
  /**
   * The handler sends the request through changeGate (approvals): callers whose role may only request the
   * permission reach the handler instead of being refused by the router.
   */
  approvable?: boolean;
  /** Heading the command is listed under in help. */
  category: string;
  summary: string;
  usage: string;
  examples?: string[];
  /** Parses the text after the command's words. */
  schema: z.ZodType<A, string>;
  handle(ctx: HandlerContext, args: A): Promise<Reply>;
}

export const defineCommand = <A>(command: CommandDefinition<A>): CommandDefinition<A> => command;

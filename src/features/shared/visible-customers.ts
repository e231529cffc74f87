import type { HandlerContext } from '../../core/handler-context.js';
import type { Customer } from '../../domain/types.js';

/** The customers the caller's grants reach (all of them for partner-wide roles). */
export async function visibleCustomers(ctx: HandlerContext): Promise<Customer[]> {
  const scope = await ctx.app.operators.customerScope(ctx.caller);
  const all = await ctx.service.listCustomers();
  return scope === 'all' ? all : all.filter((c) => scope.has(c.id));
}

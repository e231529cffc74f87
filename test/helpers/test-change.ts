import { z } from 'zod';
import { defineCommand } from '../../src/core/command.js';
import { defineChange, type ChangeDefinition } from '../../src/core/change.js';
import { changeGate } from '../../src/core/change-gate.js';
import { notice } from '../../src/cards/messages.js';
import { commands } from '../../src/features/commands.js';
import { withReason } from '../../src/features/shared/reason.js';
import { changes } from '../../src/features/changes.js';
import type { CommandDefinition } from '../../src/core/command.js';

/**
 * A stand-in for the real delete operation (built on another branch): deletes users through the service, so tests
 * can observe exactly what ran and how often.
 */
export const testDelete = defineChange<{ userIds: string[] }>({
  kind: 'test.delete',
  permission: 'user.delete',
  policyName: 'delete',
  payloadSchema: z.object({ userIds: z.array(z.string()).min(1) }),
  targetUserIds: async (_ctx, payload) => payload.userIds,
  async describe(ctx, payload) {
    const customer = await ctx.customer();
    const users = await Promise.all(payload.userIds.map((id) => ctx.service.getUser(customer.id, id)));
    return {
      title: `Delete ${users.map((u) => u.displayName).join(', ')}`,
      message: `${users.map((u) => u.upn).join(', ')} will be deleted; they can be restored for 30 days.`,
      facts: [{ title: 'Users', value: String(users.length) }],
    };
  },
  async execute(ctx, payload) {
    const customer = await ctx.customer();
    const deleted = await ctx.service.deleteUsers(customer.id, payload.userIds, { actor: { aadObjectId: ctx.caller.aadObjectId, name: ctx.caller.name } });
    const upns = deleted.map((u) => u.upn).join(', ');
    await ctx.audit({ action: 'test.delete', target: upns, outcome: 'success' });
    // Like a password card: must reach the requester's personal chat only.
    await ctx.messenger.sendPrivate(notice('Private result', `Secret-ish detail for ${upns}`));
    return [notice('Deleted', `Deleted ${upns} (as ${ctx.caller.name}).`)];
  },
});

/** `test delete <upn> [<upn> ...] [because <reason>]`: goes through changeGate, then runs at once. */
export const testDeleteCommand = defineCommand({
  name: 'test delete',
  permission: 'user.delete',
  approvable: true,
  customerScoped: true,
  category: 'Test',
  summary: 'Test-only delete.',
  usage: 'test delete <upn>',
  schema: withReason(z.string().min(1)),
  async handle(ctx, { args, reason }) {
    const customer = await ctx.customer();
    const users = await Promise.all(args.split(/\s+/).map((upn) => ctx.service.getUser(customer.id, upn)));
    const payload = { userIds: users.map((u) => u.id) };
    const gated = await changeGate(ctx, testDelete, payload, reason);
    if (gated) return gated;
    return testDelete.execute(ctx, payload);
  },
});

export function installTestChange(): () => void {
  changes.push(testDelete as ChangeDefinition<unknown>);
  commands.push(testDeleteCommand as CommandDefinition<unknown>);
  return () => {
    changes.splice(changes.indexOf(testDelete as ChangeDefinition<unknown>), 1);
    commands.splice(commands.indexOf(testDeleteCommand as CommandDefinition<unknown>), 1);
  };
}

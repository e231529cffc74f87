import { z } from 'zod';
import { defineCard } from './card-template.js';

export const helpCard = defineCard(
  'help',
  z.object({
    intro: z.string(),
    sections: z.array(z.object({ title: z.string(), commands: z.array(z.object({ usage: z.string(), summary: z.string() })) })),
  }),
);

export const whoamiCard = defineCard(
  'whoami',
  z.object({
    name: z.string(),
    aadObjectId: z.string(),
    tenantId: z.string(),
    owner: z.boolean(),
    /** How ownership was decided (tenant named, home tenant, first-write binding), or ''. */
    ownerNote: z.string(),
    roles: z.array(z.object({ role: z.string(), scope: z.string() })),
    noRoleText: z.string(),
  }),
);

export const rolesCard = defineCard(
  'roles',
  z.object({
    owners: z.string(),
    grants: z.array(z.object({ aadObjectId: z.string(), tenantId: z.string(), role: z.string(), scope: z.string() })),
  }),
);

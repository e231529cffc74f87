import { z } from 'zod';
import { defineCard } from './card-template.js';

/** What the bot says when it is installed: who you are to it in a personal chat, how to call it in a team. */
export const welcomeCard = defineCard(
  'welcome',
  z.object({
    personal: z.boolean(),
    intro: z.string(),
    /** Personal chat: the caller's roles, or how to get one. */
    roleText: z.string(),
    /** Team or group chat: commands as typed after the mention. */
    examples: z.array(z.string()),
    approvalsText: z.string(),
  }),
);

import { DEMO_CUSTOMER_IDS } from '../../src/adapters/directory/embedded/demo-data.js';
import type { Role } from '../../src/domain/roles.js';
import { BotHarness, OWNER, type HarnessOptions, type Persona, type Where } from './bot-harness.js';

export const CONTOSO = DEMO_CUSTOMER_IDS.contoso;
export const FABRIKAM = DEMO_CUSTOMER_IDS.fabrikam;
/** The channel the harness posts channel messages in. */
export const CHANNEL = '19:general@thread.tacv2';

/** Has each person choose Contoso, in the personal chat unless `where` says otherwise. */
export async function useContoso(bot: BotHarness, people: Persona[] = [OWNER], where: Where = {}): Promise<void> {
  for (const who of people) await bot.say(who, 'use contoso', where);
}

/** The "use contoso" setup: the bot started, and the owner working on Contoso in the personal chat. */
export async function startOnContoso(options: HarnessOptions = {}): Promise<BotHarness> {
  const bot = await BotHarness.start(options);
  await useContoso(bot);
  return bot;
}

/** An operator ready to work: granted `role` (on Contoso unless told otherwise) and working on Contoso. */
export async function operator(bot: BotHarness, who: Persona, role: Role, customers: string[] | null = [CONTOSO]): Promise<Persona> {
  await bot.grant(who, role, customers);
  await useContoso(bot, [who]);
  return who;
}

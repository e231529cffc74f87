import { DEMO_CUSTOMER_IDS } from '../../src/adapters/directory/embedded/demo-data.js';
import type { Subscription } from '../../src/domain/types.js';
import type { BotHarness, Card } from './bot-harness.js';
import { cardText } from './cards.js';

export const CONTOSO = DEMO_CUSTOMER_IDS.contoso;
export const upn = (local: string): string => `${local}@contoso.onmicrosoft.com`;

export async function subscription(bot: BotHarness, partNumber: string): Promise<Subscription> {
  const found = (await bot.directory.listSubscriptions(CONTOSO)).find((s) => s.skuPartNumber === partNumber);
  if (!found) throw new Error(`no ${partNumber}`);
  return found;
}

/** The part numbers a Contoso user holds now. */
export async function licensesOf(bot: BotHarness, local: string): Promise<string[]> {
  const [user, subs] = await Promise.all([bot.directory.getUser(CONTOSO, upn(local)), bot.directory.listSubscriptions(CONTOSO)]);
  return user.licenses.map((id) => subs.find((s) => s.skuId === id)?.skuPartNumber ?? id).sort();
}

export async function userId(bot: BotHarness, local: string): Promise<string> {
  return (await bot.directory.getUser(CONTOSO, upn(local))).id;
}

/** upn -> the outcome words on a licenses result card, e.g. { "a@x": ["assigned"] }. */
export function outcomes(card: Card | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  let current: string | undefined;
  for (const line of cardText(card).split('\n')) {
    if (/^[^\s:]+@[^\s:]+$/.test(line)) result[(current = line)] = [];
    else {
      const match = /: \*\*(.+)\*\*$/.exec(line);
      if (match && current) result[current]?.push(match[1] as string);
    }
  }
  return result;
}

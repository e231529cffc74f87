import type { BotHarness, Card } from './bot-harness.js';
import { cardOf, monospaceText } from './cards.js';
import { type ConnectorCall } from './fake-connector.js';
import { verifyPassword } from '../../src/domain/passwords.js';

/** Personal chats: the harness's own (a:personal-...) and those the bot opens itself (POST /v3/conversations). */
export const isPersonalChat = (call: ConnectorCall): boolean => call.conversationId.startsWith('a:personal-') || call.conversationId.startsWith('personal:');

export interface PasswordMessage {
  call: ConnectorCall;
  card: Card;
  password: string;
  /** The id of the message, for pressing its buttons (replyToId) and checking its later update. */
  activityId: string;
}

/** The password cards among the given calls (new messages only, not updates). */
export function passwordMessages(calls: ConnectorCall[]): PasswordMessage[] {
  return calls
    .filter((c) => c.method === 'POST')
    .map((call) => ({ call, card: cardOf(call.activity) as Card }))
    .map(({ call, card }) => ({ call, card, password: monospaceText(card) ?? '', activityId: String(call.activity.id) }))
    .filter((m) => m.password !== '');
}

export const PASSWORD_SHAPE = /^[A-HJ-NP-Za-km-z2-9!#$%&+\-=?@]{16}$/;

/** Whether the password signs in to the stored user (the embedded store keeps only its scrypt hash). */
export async function passwordWorks(bot: BotHarness, customerId: string, upn: string, password: string): Promise<boolean> {
  const stored = bot.directory.state(customerId).findUser(upn);
  if (!stored?.credential) return false;
  return verifyPassword(password, stored.credential);
}

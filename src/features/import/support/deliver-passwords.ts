import { notice } from '../../../cards/messages.js';
import { importPasswordsCard } from '../../../cards/imports.js';
import type { AppServices } from '../../../core/handler-context.js';
import type { ConversationAddress } from '../../../ports/messaging.js';
import type { CreatedUser } from './create-in-batches.js';
import { n } from './report.js';
import { VERB } from '../../../cards/verbs.js';

/** CSV text per password card: with the card's own text this keeps each card far below Teams' 28 KB. */
const PASSWORD_CARD_CSV_BYTES = 20_000;
const CSV_HEADER = 'User name,Temporary password';

/** Splits created users into password cards' CSV texts of at most maxBytes each. */
export function passwordChunks(users: CreatedUser[], maxBytes = PASSWORD_CARD_CSV_BYTES): CreatedUser[][] {
  const chunks: CreatedUser[][] = [];
  let current: CreatedUser[] = [];
  let bytes = CSV_HEADER.length;
  for (const user of users) {
    const line = Buffer.byteLength(`${user.upn},${user.temporaryPassword}`) + 2;
    if (current.length > 0 && bytes + line > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = CSV_HEADER.length;
    }
    current.push(user);
    bytes += line;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export interface PasswordCardsRequest {
  /** Title of every card, e.g. "Temporary passwords: new-hires.csv"; " (2 of 3)" is appended when split. */
  title: string;
  /** First sentence of each card, given the part's first and last users. */
  describe(first: CreatedUser, last: CreatedUser): string;
  /** What the users are, for the card that replaces a hidden one ("users imported into Contoso"). */
  whose: string;
  log: Record<string, unknown>;
}

/**
 * Sends user names and temporary passwords to a personal chat (only there) in cards under 28 KB, each hidden after
 * PASSWORD_VISIBLE_MINUTES. Returns the number of cards and the users whose card could not be delivered.
 */
export async function deliverPasswordCards(app: AppServices, address: ConversationAddress, users: CreatedUser[], request: PasswordCardsRequest): Promise<{ cards: number; undelivered: CreatedUser[] }> {
  const chunks = passwordChunks(users);
  const minutes = app.config.PASSWORD_VISIBLE_MINUTES;
  const undelivered: CreatedUser[] = [];
  for (const [i, chunk] of chunks.entries()) {
    const part = chunks.length > 1 ? ` (${i + 1} of ${chunks.length})` : '';
    const card = importPasswordsCard.render({
      title: `${request.title}${part}`,
      message: `${request.describe(chunk[0] as CreatedUser, chunk[chunk.length - 1] as CreatedUser)} This message is hidden after ${minutes} minutes: copy or print it now.`,
      csv: [CSV_HEADER, ...chunk.map((u) => `${u.upn},${u.temporaryPassword}`)].join('\n'),
      rows: chunk.length,
      hideVerb: VERB.importPasswordsHide,
    });
    const hidden = notice(
      'Temporary passwords hidden',
      `The temporary passwords of ${n(chunk.length)} ${request.whose}${part} were hidden. If one was not passed on, reset that user's password.`,
    );
    try {
      const activityId = await app.outbox.send(address, card);
      if (activityId) await app.passwordHides.schedule(address, activityId, hidden);
    } catch (error) {
      undelivered.push(...chunk);
      app.log.warn({ ...request.log, err: error instanceof Error ? error.message : String(error) }, 'could not send a password card');
    }
  }
  return { cards: chunks.length, undelivered };
}

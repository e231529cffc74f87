import assert from 'node:assert/strict';
import { adaptiveCardErrors, MAX_CARD_BYTES } from './card-validation.js';
import { cardText } from './cards.js';

const LEAKS = [/\bundefined\b/, /\bnull\b/, /\bNaN\b/, /\[object Object\]/, /\$\{/, /\bat \S+ \(.*:\d+:\d+\)/, /TypeError|ReferenceError|SyntaxError|ZodError/, /Cannot read prop/];

/** A reply fit to show an admin: a valid Adaptive Card under Teams' size limit, with no internal text. */
export function assertGoodCard(card: unknown, context = ''): string {
  assert.ok(card && typeof card === 'object', `no card ${context}`);
  assert.equal((card as { type?: unknown }).type, 'AdaptiveCard', `not an Adaptive Card ${context}`);
  assert.deepEqual(adaptiveCardErrors(card), [], `card errors ${context}`);
  assert.ok(Buffer.byteLength(JSON.stringify(card)) < MAX_CARD_BYTES, `card too large ${context}`);
  const text = cardText(card);
  for (const leak of LEAKS) assert.doesNotMatch(text, leak, `leak ${leak} in ${context}: ${text.slice(0, 400)}`);
  assert.doesNotMatch(text, /Code: INTERNAL/, `an internal failure in ${context}`);
  return text;
}

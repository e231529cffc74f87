import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CARDS_DIR } from '../../src/cards/card-template.js';

/**
 * adaptive-expressions builds an Intl.DateTimeFormat on every call of these functions (to find the default locale),
 * about 0.2 ms each: a template calling one per row made the `licenses` card cost 2.6 ms to render, more than the
 * rest of the turn. Format in TypeScript and pass text instead.
 */
const LOCALE_PROBING = ['string', 'formatNumber', 'formatDateTime', 'formatEpoch', 'formatTicks', 'toLower', 'toUpper', 'titleCase', 'sentenceCase', 'utcNow', 'addToTime', 'subtractFromTime', 'convertFromUTC', 'convertToUTC', 'getFutureTime', 'getPastTime', 'startOfDay', 'startOfHour', 'startOfMonth'];

describe('card templates: render cost', () => {
  it('call no template function that probes the locale on every call', () => {
    const templates = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.data.json'));
    assert.ok(templates.length > 10, 'the card templates were found');
    const calls = new RegExp(`\\b(${LOCALE_PROBING.join('|')})\\s*\\(`, 'g');
    const offenders = templates.flatMap((file) => {
      const expressions = readFileSync(path.join(CARDS_DIR, file), 'utf8').match(/\$\{[^}]*\}/g) ?? [];
      return expressions.filter((e) => new RegExp(calls.source).test(e)).map((e) => `${file}: ${e}`);
    });
    assert.deepEqual(offenders, []);
  });
});

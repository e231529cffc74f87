import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type * as ACDataTypes from 'adaptivecards-templating';
import { CARDS_DIR, readCardTemplate, type CardTemplate } from '../../src/cards/card-template.js';
import { compileTemplate } from '../../src/cards/template-compiler.js';
import { arbitraryOf } from '../helpers/zod-arbitrary.js';

// The reference: the library the cards were written for (a devDependency; the bot compiles templates itself).
const ACData = createRequire(import.meta.url)('adaptivecards-templating') as typeof ACDataTypes;
const here = path.dirname(fileURLToPath(import.meta.url));

type Outcome = { value: unknown } | { threw: true };
const outcome = (expand: () => unknown): Outcome => {
  try {
    return { value: expand() };
  } catch {
    return { threw: true };
  }
};
const reference = (template: unknown, data: unknown): Outcome => outcome(() => new ACData.Template(template).expand({ $root: data }));

/** Every `${...}` the card templates use, as written. */
const cardExpressions = [...new Set(readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.data.json')).flatMap((f) => readFileSync(path.join(CARDS_DIR, f), 'utf8').match(/\$\{[^}]*\}/g) ?? []))].map((e) => e.slice(2, -1));

describe('card templates compiled to functions, against adaptivecards-templating', function () {
  // The library is the slow side here: thousands of reference expansions on a shared machine.
  this.timeout(120_000);
  let cards: CardTemplate<unknown>[] = [];
  before(async () => {
    // Same dynamic import as test/unit/cards.test.ts, so the registry is the one the card modules filled.
    for (const file of readdirSync(path.join(here, '../../src/cards')).filter((f) => f.endsWith('.ts'))) await import(`../../src/cards/${file.replace(/\.ts$/, '.js')}`);
    cards = (await import('../../src/cards/card-template.js')).definedCards();
  });

  it('renders every sample in cards/*.data.json exactly as the library expands it', () => {
    assert.ok(cards.length > 15, 'the cards were found');
    for (const card of cards) {
      const sample = JSON.parse(readFileSync(path.join(CARDS_DIR, `${card.name}.data.json`), 'utf8')) as unknown;
      const expected = reference(readCardTemplate(card.name), sample);
      assert.ok('value' in expected, `${card.name}: the library expands its sample`);
      assert.deepStrictEqual({ value: card.render(sample) }, expected, card.name);
    }
  });

  it("renders data generated from each card's schema exactly as the library expands it", () => {
    for (const card of cards) {
      const template = readCardTemplate(card.name);
      const reused = new ACData.Template(template);
      fc.assert(
        // Checks beyond the shape (a minimum length, ...) are met by filtering.
        fc.property(arbitraryOf(card.schema).filter((data) => card.schema.safeParse(data).success), (data) => {
          assert.deepStrictEqual(outcome(() => card.render(data)), outcome(() => reused.expand({ $root: data })), card.name);
        }),
        { numRuns: 40 },
      );
    }
  });

  it('evaluates every expression the cards use like the library on any data: missing, null, wrong types', () => {
    assert.ok(cardExpressions.length > 50, 'the expressions were found');
    const names = [...new Set(cardExpressions.flatMap((e) => e.match(/(?<![.'$\w])[A-Za-z_]\w*(?![\w(])/g) ?? []))];
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('', 0, false, true, null, [], {}, 'x'));
    const item = fc.record(Object.fromEntries(names.map((n) => [n, value])), { requiredKeys: [] });
    const data = fc.record({ ...Object.fromEntries(names.map((n) => [n, value])), rows: fc.array(fc.oneof(item, value), { maxLength: 3 }), values: item }, { requiredKeys: [] });
    const forms = cardExpressions
      .flatMap((e) => [
        { v: `\${${e}}` },
        { t: `x \${${e}}\${${e}} y` },
        { $when: `\${${e}}`, w: 1 },
        { k: [{ $data: '${rows}', $when: `\${${e}}`, v: `\${${e}}`, id: '${$data}' }, 'tail'] },
      ])
      .map((form) => ({ form, library: new ACData.Template(form), build: compileTemplate(form) }));
    fc.assert(
      fc.property(data, (d) => {
        for (const { form, library, build } of forms) {
          assert.deepStrictEqual(outcome(() => build(d)), outcome(() => library.expand({ $root: d })), `${JSON.stringify(form)} on ${JSON.stringify(d)}`);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('refuses expressions outside the supported subset when compiling, instead of expanding them differently', () => {
    for (const text of ['${toUpper(name)}', '${a && b}', '${items[0]}', '${$index}', '${true}']) {
      assert.throws(() => compileTemplate({ text }), /card expression/, text);
    }
  });
});

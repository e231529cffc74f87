import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CARDS_DIR, type CardTemplate } from '../../src/cards/card-template.js';
import { adaptiveCardErrors, MAX_CARD_BYTES } from '../helpers/card-validation.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const cardModules = path.join(here, '../../src/cards');

describe('card templates', () => {
  // The registry is read through the same dynamic import as the card modules: a static import can be a second
  // module instance under tsx (CommonJS hook vs ESM loader), whose registry would then stay empty.
  let definedCards: () => CardTemplate<unknown>[] = () => [];
  before(async () => {
    for (const file of readdirSync(cardModules).filter((f) => f.endsWith('.ts'))) await import(`../../src/cards/${file.replace(/\.ts$/, '.js')}`);
    ({ definedCards } = await import('../../src/cards/card-template.js'));
  });

  it('every template in cards/ has a typed definition and a sample', () => {
    const names = new Set(definedCards().map((c) => c.name));
    const templates = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.data.json'));
    assert.ok(templates.length > 0);
    for (const file of templates) {
      const name = file.replace(/\.json$/, '');
      assert.ok(names.has(name), `${file} has no defineCard() in src/cards`);
      assert.ok(existsSync(path.join(CARDS_DIR, `${name}.data.json`)), `${name}.data.json (sample data) is missing`);
    }
  });

  it('every card renders from its sample, parses with adaptivecards without errors, is version 1.5 and under 28 KB', () => {
    for (const card of definedCards()) {
      const sample = JSON.parse(readFileSync(path.join(CARDS_DIR, `${card.name}.data.json`), 'utf8')) as unknown;
      const parsed = card.schema.safeParse(sample);
      assert.ok(parsed.success, `${card.name}.data.json does not match the card's data type: ${parsed.success ? '' : parsed.error.message}`);
      const rendered = card.render(parsed.data);
      assert.equal(rendered.version, '1.5', `${card.name} version`);
      assert.deepEqual(adaptiveCardErrors(rendered), [], `${card.name} has errors`);
      const size = Buffer.byteLength(JSON.stringify(rendered));
      assert.ok(size < MAX_CARD_BYTES, `${card.name} is ${size} bytes`);
      assert.doesNotMatch(JSON.stringify(rendered), /\$\{/, `${card.name} left a template expression unexpanded`);
    }
  });

  it('reports a broken card (the check can fail)', () => {
    assert.notDeepEqual(adaptiveCardErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'NoSuchElement' }, { type: 'Input.Text' }] }), []);
  });
});

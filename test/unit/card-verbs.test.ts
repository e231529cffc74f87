import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CARDS_DIR } from '../../src/cards/card-template.js';
import { VERBS } from '../../src/cards/verbs.js';
import { cardActionSchema } from '../../src/cards/common.js';
import { confirmCard } from '../../src/cards/confirm.js';
import { importPasswordsCard } from '../../src/cards/imports.js';
import { actions } from '../../src/features/actions.js';

// Placeholders a typed builder fills: each field's schema is z.enum(VERBS) (checked below), so only known verbs get in.
const TYPED_PLACEHOLDERS = new Set(['${verb}', '${confirmVerb}', '${hideVerb}']);

/** Every "verb" value written in a template (Action.Execute verbs and data.verb alike), with where it is. */
function verbsIn(node: unknown, where: string, found: { verb: unknown; where: string }[] = []): { verb: unknown; where: string }[] {
  if (Array.isArray(node)) node.forEach((item, i) => verbsIn(item, `${where}[${i}]`, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'verb') found.push({ verb: value, where: `${where}.verb` });
      verbsIn(value, `${where}.${key}`, found);
    }
  }
  return found;
}

const unknownVerbs = (template: unknown, name: string): string[] =>
  verbsIn(template, name)
    .filter(({ verb }) => !(typeof verb === 'string' && ((VERBS as readonly string[]).includes(verb) || TYPED_PLACEHOLDERS.has(verb))))
    .map(({ verb, where }) => `${where} = ${JSON.stringify(verb)}`);

describe('card verbs', () => {
  it('every verb written in cards/*.json is a verb the bot answers, or a placeholder a typed builder fills', () => {
    const templates = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.data.json'));
    const problems = templates.flatMap((file) => unknownVerbs(JSON.parse(readFileSync(path.join(CARDS_DIR, file), 'utf8')), file));
    assert.deepEqual(problems, []);
  });

  it('the check finds a renamed verb in a template', () => {
    const renamed = { type: 'AdaptiveCard', refresh: { action: { type: 'Action.Execute', verb: 'approval.reload', data: {} } }, actions: [{ type: 'Action.Execute', verb: '${other}' }] };
    assert.deepEqual(unknownVerbs(renamed, 'fixture'), ['fixture.refresh.action.verb = "approval.reload"', 'fixture.actions[0].verb = "${other}"']);
  });

  it('the builders behind the placeholders accept known verbs only', () => {
    assert.equal(cardActionSchema.safeParse({ title: 'x', verb: 'users.page', data: {} }).success, true);
    assert.equal(cardActionSchema.safeParse({ title: 'x', verb: 'users.pages', data: {} }).success, false);
    const confirm = JSON.parse(readFileSync(path.join(CARDS_DIR, 'confirm.data.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(confirmCard.schema.safeParse({ ...confirm, confirmVerb: 'user.delete.confirmed' }).success, false);
    const passwords = JSON.parse(readFileSync(path.join(CARDS_DIR, 'import-passwords.data.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(importPasswordsCard.schema.safeParse({ ...passwords, hideVerb: 'import.passwords.hidden' }).success, false);
  });

  it('every verb has exactly one action', () => {
    const verbs = actions.map((a) => a.verb).sort();
    assert.deepEqual(verbs, [...VERBS].sort());
  });
});

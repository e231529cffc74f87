import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { AdaptiveCard } from '../domain/adaptive-card.js';
import { compileTemplate } from './template-compiler.js';

export type { AdaptiveCard };

/** The folder holding package.json, found from this file whether it runs from src/ (tsx) or dist/src/ (node). */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the cards module');
    dir = parent;
  }
  return dir;
}

export const CARDS_DIR = path.join(projectRoot(), 'cards');

export interface CardTemplate<T> {
  readonly name: string;
  /** The shape of the data this template expects; tests check the sample cards/<name>.data.json against it. */
  readonly schema: z.ZodType;
  render(data: T): AdaptiveCard;
}

const registry = new Map<string, CardTemplate<unknown>>();

/** Every card template defined so far (the card tests import all card modules, then check each). */
export const definedCards = (): CardTemplate<unknown>[] => [...registry.values()];

/** The parsed JSON template cards/<name>.json (tests expand it with adaptivecards-templating as the reference). */
export const readCardTemplate = (name: string): unknown => JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8'));

/**
 * A typed card: the JSON template cards/<name>.json, compiled on first use into a function that builds the card
 * (template-compiler.ts: the same output as adaptivecards-templating, at a fraction of its cost per turn).
 */
export function defineCard<S extends z.ZodType>(name: string, schema: S): CardTemplate<z.infer<S>> {
  let build: ((data: unknown) => unknown) | undefined;
  const card: CardTemplate<z.infer<S>> = {
    name,
    schema,
    render(data) {
      build ??= compileTemplate(readCardTemplate(name));
      return build(data) as AdaptiveCard;
    },
  };
  registry.set(name, card as CardTemplate<unknown>);
  return card;
}

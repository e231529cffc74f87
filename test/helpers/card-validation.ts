import { createRequire } from 'node:module';

// The package's lib/ build is extensionless ESM that Node cannot load; its UMD bundle works.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.min.js') as {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; validateProperties(): { validationEvents: { event: number; message: string }[] } };
  SerializationContext: new (version: unknown) => { eventCount: number; getEventAt(i: number): { event: number; message: string } };
  Version: new (major: number, minor: number) => unknown;
  ValidationEvent: Record<string, number>;
};

const WARNINGS = new Set(['Hint', 'Deprecated', 'TooManyActions', 'RequiredInputsShouldHaveLabel', 'RequiredInputsShouldHaveErrorMessage'].map((k) => AC.ValidationEvent[k]));

/** Errors the adaptivecards library reports for a card parsed as version 1.5 (warnings left out). */
export function adaptiveCardErrors(card: unknown): string[] {
  const ctx = new AC.SerializationContext(new AC.Version(1, 5));
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, ctx);
  const events = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i));
  events.push(...parsed.validateProperties().validationEvents);
  return events.filter((e) => !WARNINGS.has(e.event)).map((e) => e.message);
}

export const MAX_CARD_BYTES = 28 * 1024;

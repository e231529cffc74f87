import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Data of a zod schema's shape, for the kinds the card schemas use (object, string, number, boolean, enum, array,
 * record of unknown, optional). Strings include template syntax ("${title}") to prove data is never expanded as a template.
 */
export function arbitraryOf(schema: z.ZodType): fc.Arbitrary<unknown> {
  const s = schema as unknown as { _zod: { def: Record<string, unknown> }; isInt?: boolean; options?: unknown[] };
  const def = s._zod.def;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      // Optional fields are sometimes absent (as a builder leaves them), never present as undefined.
      const isOptional = (v: z.ZodType) => (v as unknown as { _zod: { def: { type: string } } })._zod.def.type === 'optional';
      const requiredKeys = Object.keys(shape).filter((k) => !isOptional(shape[k] as z.ZodType));
      return fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, arbitraryOf(v)])), { requiredKeys });
    }
    case 'string':
      return fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '${title}', 'a ${b} c', '0', 'false'), fc.string({ unit: 'grapheme', maxLength: 6 }));
    case 'number':
      return s.isInt ? fc.integer({ min: -1000, max: 100_000 }) : fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...(s.options as unknown[]));
    case 'array':
      return fc.array(arbitraryOf(def.element as z.ZodType), { maxLength: 4 });
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
    case 'optional':
      return arbitraryOf(def.innerType as z.ZodType);
    case 'unknown':
      return fc.jsonValue({ maxDepth: 2 });
    default:
      throw new Error(`no arbitrary for zod type ${String(def.type)}`);
  }
}

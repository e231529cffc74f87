/**
 * Limits every card payload must meet before its verb's schema sees it. Zod's object schemas drop unknown keys and
 * never assign through `__proto__`, but a payload that carries such keys, megabyte strings or deep nesting is not
 * from one of our cards: it is refused outright, so nothing downstream ever has to be careful about it.
 */
export const ACTION_LIMITS = {
  /** Serialized size of the button data plus card inputs. */
  maxChars: 16 * 1024,
  maxString: 4000,
  maxKey: 100,
  maxDepth: 6,
  maxNodes: 500,
  maxVerb: 100,
} as const;

const POLLUTING_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Why the payload is refused, or null when it is within limits. */
export function payloadProblem(data: unknown): string | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'not an object';
  let nodes = 0;
  const walk = (value: unknown, depth: number): string | null => {
    if (++nodes > ACTION_LIMITS.maxNodes) return 'too many values';
    if (typeof value === 'string') return value.length > ACTION_LIMITS.maxString ? 'string too long' : null;
    if (value === null || typeof value !== 'object') return null;
    if (depth >= ACTION_LIMITS.maxDepth) return 'nested too deeply';
    for (const key of Object.keys(value)) {
      if (POLLUTING_KEYS.has(key)) return 'reserved key';
      if (key.length > ACTION_LIMITS.maxKey) return 'key too long';
      const problem = walk((value as Record<string, unknown>)[key], depth + 1);
      if (problem) return problem;
    }
    return null;
  };
  const problem = walk(data, 0);
  if (problem) return problem;
  return JSON.stringify(data).length > ACTION_LIMITS.maxChars ? 'too large' : null;
}

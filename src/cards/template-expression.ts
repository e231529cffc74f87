/**
 * The subset of Adaptive Expressions the card templates use, compiled once to plain functions that follow
 * adaptive-expressions' own rules (checked against the library in test/unit/card-compile.test.ts): paths from the
 * current `$data` or `$root`, string and number literals, `!`, `==`, `!=`, `>`, `count()` and `if()`. Anything else
 * is refused when the template is compiled, so a new card cannot silently expand differently from the library.
 */

/** What an evaluation that failed returns (the library's `{ error }`); never a value a template can produce. */
export const FAILED: unique symbol = Symbol('expression failed');

/**
 * data: the current `$data`; root: `$root`; substitute: whether a missing path reads as the text "${path}" (the
 * library's nullSubstitution: on in values, off in `$when` and inside comparisons, `!` and `if` conditions).
 */
export type Evaluate = (data: unknown, root: unknown, substitute: boolean) => unknown;

export interface CompiledExpression {
  readonly evaluate: Evaluate;
  /** A bare literal, which the library treats as text, not as a typed value. */
  readonly literal: boolean;
  /** Whether evaluation can fail (used to refuse failures whose printed form we would not reproduce). */
  readonly canFail: boolean;
  /** Always a number when it succeeds (count(), a number literal): `>` on two of these cannot fail. */
  readonly numeric?: boolean;
}

/** adaptive-expressions' property access: own keys only, matched without regard to case; nothing on a falsy value. */
function property(value: unknown, key: string): unknown {
  if (!value) return undefined;
  if (typeof value === 'object' && Object.hasOwn(value, key)) return (value as Record<string, unknown>)[key];
  const lower = key.toLowerCase();
  const found = Object.keys(value).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : (value as Record<string, unknown>)[found];
}

const isLogicTrue = (value: unknown): boolean => (typeof value === 'boolean' ? value : value != null);
const isNumber = (value: unknown): value is number => typeof value === 'number' && !Number.isNaN(value);

/** FunctionUtils.commonEquals. */
function commonEquals(a: unknown, b: unknown): boolean {
  if (a == null || b == null) return a == null && b == null;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => commonEquals(item, b[i]));
  const plain = (v: unknown) => typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
  if (plain(a) && plain(b)) return deepEqual(a, b);
  if (isNumber(a) && isNumber(b) && Math.abs(a - b) < Number.EPSILON) return true;
  return a === b;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|'([^'\\]*)'|([$A-Za-z_][\w$]*(?:\.[$A-Za-z_][\w$]*)*)|(==|!=|[!(),>]))/y;
const MEMORY_ROOTS = new Set(['$data', '$root']);

/** Parses and compiles one expression (the text between `${` and `}`); throws on anything outside the subset. */
export function compileExpression(source: string): CompiledExpression {
  const tokens: string[][] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.trimEnd().length) {
    const m = TOKEN.exec(source);
    if (!m) throw new Error(`card expression \${${source}}: unsupported syntax at ${TOKEN.lastIndex}`);
    tokens.push(m[1] !== undefined ? ['num', m[1]] : m[2] !== undefined ? ['str', m[2]] : m[3] !== undefined ? ['path', m[3]] : ['op', m[4] as string]);
  }
  let at = 0;
  const peek = () => tokens[at];
  const expect = (op: string) => {
    if (peek()?.[1] !== op) throw new Error(`card expression \${${source}}: expected ${op}`);
    at++;
  };
  const comparison = (): CompiledExpression => {
    const left = unary();
    const op = peek();
    if (op?.[0] !== 'op' || !['==', '!=', '>'].includes(op[1] as string)) return left;
    at++;
    return binary(op[1] as string, left, unary());
  };
  const unary = (): CompiledExpression => {
    const token = tokens[at++];
    if (!token) throw new Error(`card expression \${${source}}: unexpected end`);
    const [kind, text] = token as [string, string];
    if (kind === 'op' && text === '!') return not(unary());
    if (kind === 'op' && text === '(') {
      const inner = comparison();
      expect(')');
      return inner;
    }
    if (kind === 'num') return literal(Number(text));
    if (kind === 'str') return literal(text);
    if (kind === 'path' && peek()?.[1] === '(') {
      at++;
      const args: CompiledExpression[] = [comparison()];
      while (peek()?.[1] === ',') {
        at++;
        args.push(comparison());
      }
      expect(')');
      return call(source, text, args);
    }
    if (kind === 'path') return accessor(source, text);
    throw new Error(`card expression \${${source}}: unexpected ${text}`);
  };
  const result = comparison();
  if (at !== tokens.length) throw new Error(`card expression \${${source}}: unexpected ${tokens[at]?.[1]}`);
  return result;
}

const literal = (value: unknown): CompiledExpression => ({ evaluate: () => value, literal: true, canFail: false, numeric: typeof value === 'number' });

function accessor(source: string, path: string): CompiledExpression {
  const parts = path.split('.');
  if (['true', 'false', 'null', 'undefined'].includes(parts[0] as string)) throw new Error(`card expression \${${source}}: literal ${parts[0]} not supported`);
  const fromMemory = (parts[0] as string).startsWith('$');
  if (fromMemory && !MEMORY_ROOTS.has(parts[0] as string)) throw new Error(`card expression \${${source}}: ${parts[0]} not supported`);
  const fromRoot = parts[0] === '$root';
  const rest = fromMemory ? parts.slice(1) : parts;
  const missing = `\${${path}}`;
  return {
    literal: false,
    canFail: false,
    evaluate(data, root, substitute) {
      let value = fromRoot ? root : data;
      for (const part of rest) value = property(value, part);
      return value === undefined && substitute ? missing : value;
    },
  };
}

function not(operand: CompiledExpression): CompiledExpression {
  return {
    literal: false,
    canFail: false,
    evaluate(data, root) {
      const value = operand.evaluate(data, root, false);
      return value === FAILED ? true : !isLogicTrue(value);
    },
  };
}

function binary(op: string, left: CompiledExpression, right: CompiledExpression): CompiledExpression {
  const evaluate: Evaluate = (data, root) => {
    const a = left.evaluate(data, root, false);
    if (a === FAILED || (op === '>' && a == null)) return false;
    const b = right.evaluate(data, root, false);
    if (b === FAILED || (op === '>' && b == null)) return false;
    if (op === '==') return commonEquals(a, b);
    if (op === '!=') return !commonEquals(a, b);
    if ((isNumber(a) && isNumber(b)) || (typeof a === 'string' && typeof b === 'string')) return a > b;
    return FAILED;
  };
  return { evaluate, literal: false, canFail: op === '>' && !(left.numeric && right.numeric) };
}

function call(source: string, name: string, args: CompiledExpression[]): CompiledExpression {
  const [a, b, c] = args as [CompiledExpression, CompiledExpression, CompiledExpression];
  if (name === 'count' && args.length === 1) {
    const evaluate: Evaluate = (data, root, substitute) => {
      const value = a.evaluate(data, root, substitute);
      if (typeof value === 'string' || Array.isArray(value)) return value.length;
      return value !== null && typeof value === 'object' ? Object.keys(value).length : FAILED;
    };
    return { evaluate, literal: false, canFail: true, numeric: true };
  }
  if (name === 'if' && args.length === 3) {
    const evaluate: Evaluate = (data, root, substitute) => {
      const condition = a.evaluate(data, root, false);
      return condition !== FAILED && isLogicTrue(condition) ? b.evaluate(data, root, substitute) : c.evaluate(data, root, substitute);
    };
    return { evaluate, literal: false, canFail: b.canFail || c.canFail };
  }
  throw new Error(`card expression \${${source}}: function ${name}() with ${args.length} arguments not supported`);
}

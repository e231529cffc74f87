/**
 * A strict parser and evaluator for the OData $filter subset the fake Graph understands: or/and/not, parentheses,
 * eq/ne/gt/ge/lt/le, in (...), startswith/endswith, prop/$count and prop/any(x:x/p eq v). String literals use ''
 * for a quote, like Graph. Anything else is a syntax error (Graph answers 400), so an injection attempt either
 * parses as a literal or fails loudly; it can never widen a query.
 */

export class FilterSyntaxError extends Error {}

type Token = { t: 'str' | 'guid' | 'num' | 'id' | 'punct'; v: string };
type Scope = { root: Record<string, unknown>; vars: Record<string, unknown> };
type Eval = (scope: Scope) => unknown;

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ') {
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError('unterminated string literal');
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      tokens.push({ t: 'str', v: value });
    } else if ('(),:/'.includes(c)) {
      tokens.push({ t: 'punct', v: c });
      i++;
    } else if (GUID.test(text.slice(i))) {
      tokens.push({ t: 'guid', v: text.slice(i, i + 36) });
      i += 36;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ t: 'num', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$.]*/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else throw new FilterSyntaxError(`unexpected character ${c}`);
  }
  return tokens;
}

const OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const norm = (v: unknown): unknown => (typeof v === 'string' ? v.toLowerCase() : v);

class Parser {
  private i = 0;
  usesCount = false;
  constructor(private readonly tokens: Token[]) {}

  parseAll(): Eval {
    const e = this.or();
    if (this.i !== this.tokens.length) throw new FilterSyntaxError(`unexpected ${this.peek()?.v}`);
    return e;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new FilterSyntaxError('unexpected end of filter');
    return t;
  }
  private expect(v: string): void {
    const t = this.next();
    if (t.v !== v) throw new FilterSyntaxError(`expected ${v}, got ${t.v}`);
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t?.t === 'id' && t.v === v;
  }

  private or(): Eval {
    let left = this.and();
    while (this.isWord('or')) {
      this.i++;
      const l = left;
      const r = this.and();
      left = (s) => Boolean(l(s)) || Boolean(r(s));
    }
    return left;
  }
  private and(): Eval {
    let left = this.unary();
    while (this.isWord('and')) {
      this.i++;
      const l = left;
      const r = this.unary();
      left = (s) => Boolean(l(s)) && Boolean(r(s));
    }
    return left;
  }
  private unary(): Eval {
    if (this.isWord('not')) {
      this.i++;
      const e = this.unary();
      return (s) => !e(s);
    }
    return this.primary();
  }
  private primary(): Eval {
    const t = this.peek();
    if (t?.t === 'punct' && t.v === '(') {
      this.i++;
      const e = this.or();
      this.expect(')');
      return e;
    }
    if (t?.t === 'id' && (t.v === 'startswith' || t.v === 'endswith')) {
      this.i++;
      this.expect('(');
      const target = this.path();
      this.expect(',');
      const lit = this.next();
      if (lit.t !== 'str') throw new FilterSyntaxError(`${t.v} needs a string literal`);
      this.expect(')');
      const needle = lit.v.toLowerCase();
      return (s) => {
        const v = target(s);
        return typeof v === 'string' && (t.v === 'startswith' ? v.toLowerCase().startsWith(needle) : v.toLowerCase().endsWith(needle));
      };
    }
    const left = this.operand();
    // A boolean path on its own, e.g. assignedLicenses/any(...).
    const after = this.peek();
    if (!after || after.v === ')' || (after.t === 'id' && (after.v === 'and' || after.v === 'or'))) return left;
    const op = this.next();
    if (op.t === 'id' && op.v === 'in') {
      this.expect('(');
      const values: unknown[] = [];
      for (;;) {
        values.push(norm(this.literal()));
        const sep = this.next();
        if (sep.v === ')') break;
        if (sep.v !== ',') throw new FilterSyntaxError('expected , or )');
      }
      if (values.length > 15) throw new FilterSyntaxError('too many values in "in"');
      return (s) => values.includes(norm(left(s)));
    }
    if (op.t !== 'id' || !OPS.has(op.v)) throw new FilterSyntaxError(`expected an operator, got ${op.v}`);
    const right = this.operand();
    return (s) => compare(op.v, norm(left(s)), norm(right(s)));
  }
  private operand(): Eval {
    const t = this.peek();
    if (t?.t === 'id' && !['true', 'false', 'null'].includes(t.v)) return this.path();
    const value = this.literal();
    return () => value;
  }
  private literal(): unknown {
    const t = this.next();
    if (t.t === 'str') return t.v;
    if (t.t === 'guid') return t.v.toLowerCase();
    if (t.t === 'num') return Number(t.v);
    if (t.t === 'id' && t.v === 'true') return true;
    if (t.t === 'id' && t.v === 'false') return false;
    if (t.t === 'id' && t.v === 'null') return null;
    throw new FilterSyntaxError(`expected a literal, got ${t.v}`);
  }
  private path(): Eval {
    const first = this.next();
    if (first.t !== 'id') throw new FilterSyntaxError(`expected a property, got ${first.v}`);
    let get: Eval = (s) => (first.v in s.vars ? s.vars[first.v] : s.root[first.v]);
    while (this.peek()?.v === '/') {
      this.i++;
      const seg = this.next();
      const prev = get;
      if (seg.v === '$count') {
        this.usesCount = true;
        get = (s) => (Array.isArray(prev(s)) ? (prev(s) as unknown[]).length : 0);
      } else if (seg.v === 'any') {
        this.expect('(');
        const variable = this.next();
        this.expect(':');
        const body = this.or();
        this.expect(')');
        get = (s) => {
          const list = prev(s);
          return Array.isArray(list) && list.some((item) => body({ root: s.root, vars: { ...s.vars, [variable.v]: item } }));
        };
      } else if (seg.t === 'id') {
        get = (s) => {
          const obj = prev(s);
          return obj && typeof obj === 'object' ? (obj as Record<string, unknown>)[seg.v] : undefined;
        };
      } else throw new FilterSyntaxError(`bad path segment ${seg.v}`);
    }
    return get;
  }
}

function compare(op: string, a: unknown, b: unknown): boolean {
  const x = a ?? null;
  const y = b ?? null;
  switch (op) {
    case 'eq':
      return x === y;
    case 'ne':
      return x !== y;
    case 'gt':
      return (x as number) > (y as number);
    case 'ge':
      return (x as number) >= (y as number);
    case 'lt':
      return (x as number) < (y as number);
    default:
      return (x as number) <= (y as number);
  }
}

export function parseFilter(text: string): { matches: (obj: Record<string, unknown>) => boolean; usesCount: boolean; usesNegation: boolean } {
  const tokens = tokenize(text);
  const parser = new Parser(tokens);
  const evaluate = parser.parseAll();
  // Graph needs advanced query for ne and not.
  const usesNegation = tokens.some((t) => t.t === 'id' && (t.v === 'ne' || t.v === 'not'));
  return { matches: (obj) => Boolean(evaluate({ root: obj, vars: {} })), usesCount: parser.usesCount, usesNegation };
}

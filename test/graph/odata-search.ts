import { FilterSyntaxError } from './odata-filter.js';

/**
 * Graph's $search on directory objects, as documented: `"property:text"` clauses joined by upper-case AND/OR, `"` and
 * `\` escaped with a backslash inside a clause. displayName is tokenised (every word typed starts some word of the
 * name); any other property falls back to startswith. Anything else is a syntax error (Graph answers 400).
 */
const TOKENISED = new Set(['displayName', 'description']);
const words = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

export function parseSearch(text: string): (obj: Record<string, unknown>) => boolean {
  const clauses: { prop: string; value: string }[] = [];
  const ops: string[] = [];
  let i = 0;
  const skipSpace = () => {
    while (text[i] === ' ') i++;
  };
  for (;;) {
    skipSpace();
    if (text[i] !== '"') throw new FilterSyntaxError('a $search clause must be in double quotes');
    let clause = '';
    for (i++; ; i++) {
      if (i >= text.length) throw new FilterSyntaxError('unterminated $search clause');
      const c = text[i] as string;
      if (c === '\\') {
        clause += text[++i] ?? '';
        continue;
      }
      if (c === '"') break;
      clause += c;
    }
    i++;
    const colon = clause.indexOf(':');
    if (colon <= 0) throw new FilterSyntaxError('a $search clause is "property:text"');
    clauses.push({ prop: clause.slice(0, colon), value: clause.slice(colon + 1) });
    skipSpace();
    if (i >= text.length) break;
    const op = /^(AND|OR) /.exec(text.slice(i))?.[1];
    if (!op) throw new FilterSyntaxError('$search clauses are joined by AND or OR');
    ops.push(op);
    i += op.length;
  }
  const test = ({ prop, value }: { prop: string; value: string }, obj: Record<string, unknown>): boolean => {
    const field = obj[prop];
    if (typeof field !== 'string') return false;
    if (!TOKENISED.has(prop)) return field.toLowerCase().startsWith(value.toLowerCase());
    const have = words(field);
    return words(value).every((w) => have.some((h) => h.startsWith(w)));
  };
  return (obj) => {
    // AND binds tighter than OR.
    let result = false;
    let term = test(clauses[0] as { prop: string; value: string }, obj);
    ops.forEach((op, k) => {
      const next = test(clauses[k + 1] as { prop: string; value: string }, obj);
      if (op === 'AND') term = term && next;
      else {
        result = result || term;
        term = next;
      }
    });
    return result || term;
  };
}

import { compileExpression, FAILED } from './template-expression.js';

/**
 * Compiles a card template (parsed JSON) once into a function that builds the card from data, with the same result
 * as adaptivecards-templating's `new Template(json).expand({ $root: data })` for every feature the cards use: `$data`
 * (an object or a list, repeating the element), `$when`, whole-string `${expr}` (keeping the value's type) and
 * interpolated strings. The library evaluated every expression through a fresh memory object and options; this
 * costs a closure call. test/unit/card-compile.test.ts compares both on every sample and on generated data.
 */
export type Build = (data: unknown, root: unknown) => unknown;

/** Fields the library consumes and never copies into the card. */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

export function compileTemplate(template: unknown): (data: unknown) => unknown {
  const build = compileNode(template);
  return (data) => build(data, data);
}

function compileNode(node: unknown): Build {
  if (typeof node === 'string') return compileString(node);
  if (Array.isArray(node)) return compileArray(node.map(compileNode));
  if (typeof node === 'object' && node !== null) return compileObject(node as Record<string, unknown>);
  return () => node;
}

/** The parts of "text ${expr} text": text as is, expressions by their source. */
function splitInterpolated(text: string): (string | { source: string })[] {
  const parts: (string | { source: string })[] = [];
  let from = 0;
  for (let start = text.indexOf('${'); start >= 0; start = text.indexOf('${', from)) {
    let end = start + 2;
    while (end < text.length && text[end] !== '}') end = text[end] === "'" ? text.indexOf("'", end + 1) + 1 || text.length : end + 1;
    if (end >= text.length) throw new Error(`card template string ${JSON.stringify(text)}: unterminated \${`);
    if (start > from) parts.push(text.slice(from, start));
    parts.push({ source: text.slice(start + 2, end) });
    from = end + 1;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}

function compileString(text: string): Build {
  if (!text.includes('${')) return () => text;
  if (/[`\\]/.test(text)) throw new Error(`card template string ${JSON.stringify(text)}: backquotes and backslashes are not supported`);
  const parts = splitInterpolated(text).map((p) => (typeof p === 'string' ? p : { source: p.source, ...compileExpression(p.source) }));
  const [only] = parts;
  if (parts.length === 1 && typeof only === 'object' && !only.literal) {
    // A whole-string expression keeps its value's type (a list, a number, a boolean); a failure is the library's throw.
    const { evaluate, source } = only;
    return (data, root) => {
      const value = evaluate(data, root, true);
      if (value === FAILED) throw new Error(`card template: \${${source}} failed to evaluate`);
      return value;
    };
  }
  for (const part of parts) {
    if (typeof part === 'object' && part.canFail) throw new Error(`card template string ${JSON.stringify(text)}: \${${part.source}} may fail inside text, which is not supported`);
  }
  return (data, root) => {
    let result = '';
    for (const part of parts) {
      // String(null) would hide the library's TypeError on a null inside text; toString() throws just like it.
      result += typeof part === 'string' ? part : (part.evaluate(data, root, true) as { toString(): string }).toString();
    }
    return result;
  };
}

/** Items that expand to nothing (null) are dropped; an item repeated over a list adds each of its copies. */
function compileArray(items: Build[]): Build {
  return (data, root) => {
    const result: unknown[] = [];
    for (const item of items) {
      const value = item(data, root);
      if (value === null) continue;
      if (Array.isArray(value)) for (const v of value) result.push(v);
      else result.push(value);
    }
    return result;
  };
}

function compileWhen(when: unknown): ((data: unknown, root: unknown) => boolean) | undefined {
  if (when === undefined) return undefined;
  const parts = typeof when === 'string' && when.includes('${') ? splitInterpolated(when) : [];
  const [only] = parts;
  if (parts.length === 1 && typeof only === 'object') {
    const expression = compileExpression(only.source);
    // The library's $when: anything but a boolean true, including a failure, drops the element.
    if (!expression.literal) return (data, root) => expression.evaluate(data, root, false) === true;
  }
  // Not a single expression: the library drops the element when the value is truthy (text never evaluates to a boolean).
  return when ? () => false : undefined;
}

function compileObject(node: Record<string, unknown>): Build {
  const fields = Object.keys(node).filter((k) => !RESERVED.has(k)).map((k) => [k, compileNode(node[k])] as const);
  const when = compileWhen(node.$when);
  if (node.$data !== undefined && !(typeof node.$data === 'string' && node.$data.includes('${'))) throw new Error('card template: $data must be an expression');
  const dataOf = node.$data === undefined ? undefined : compileString(node.$data as string);
  const single = (data: unknown, root: unknown): Record<string, unknown> | null => {
    if (when && !when(data, root)) return null;
    const result: Record<string, unknown> = {};
    for (const [key, build] of fields) {
      const value = build(data, root);
      if (value !== undefined) result[key] = value;
    }
    return result;
  };
  if (!dataOf) return single;
  return (data, root) => {
    const context = dataOf(data, root);
    if (!Array.isArray(context)) return single(context === undefined ? data : context, root);
    const copies: Record<string, unknown>[] = [];
    let current = data;
    for (const item of context) {
      if (item !== undefined) current = item;
      const copy = single(current, root);
      if (copy !== null) copies.push(copy);
    }
    return copies.length === 0 ? null : copies.length === 1 ? copies[0] : copies;
  };
}

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';

/**
 * A small checker of Graph request URLs against Microsoft Graph's v1.0 CSDL ($metadata, vendored here): it resolves
 * each path segment (entity sets, singletons, keys, navigation properties, $count, casts, bound actions and
 * functions), checks $select names against the resolved type, the query option names, and that a bound action gets
 * only its declared parameters. It cannot see the advanced-query rules (headers): the fake Graph enforces those.
 */

interface TypeInfo {
  name: string;
  base?: string;
  properties: Set<string>;
  /** Navigation property -> [type, is collection]. */
  navs: Map<string, [string, boolean]>;
}

interface Operation {
  name: string;
  kind: 'action' | 'function';
  bindingType: string;
  bindingCollection: boolean;
  params: string[];
  returns?: [string, boolean];
}

interface Position {
  type: string;
  collection: boolean;
}

const arr = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const QUERY_OPTIONS = new Set(['$select', '$filter', '$top', '$count', '$orderby', '$search', '$skiptoken', '$expand']);

export class CsdlModel {
  private readonly types = new Map<string, TypeInfo>();
  private readonly operations = new Map<string, Operation[]>();
  private readonly roots = new Map<string, Position>();

  static load(gzPath: string): CsdlModel {
    const xml = gunzipSync(readFileSync(gzPath)).toString('utf8');
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true });
    return new CsdlModel(parser.parse(xml) as Record<string, unknown>);
  }

  private constructor(doc: Record<string, unknown>) {
    const schemas = arr((doc.Edmx as { DataServices: { Schema: unknown } }).DataServices.Schema) as Record<string, unknown>[];
    const aliases = new Map<string, string>();
    for (const s of schemas) if (s.Alias) aliases.set(String(s.Alias), String(s.Namespace));
    const full = (t: string): string => {
      const dot = t.indexOf('.');
      const head = t.slice(0, dot);
      return aliases.has(head) ? `${aliases.get(head)}${t.slice(dot)}` : t;
    };
    const typeRef = (t: string): [string, boolean] => {
      const m = /^Collection\((.+)\)$/.exec(t);
      return m ? [full(m[1] as string), true] : [full(t), false];
    };
    for (const s of schemas) {
      const ns = String(s.Namespace);
      for (const t of [...arr(s.EntityType), ...arr(s.ComplexType)] as Record<string, unknown>[]) {
        const name = `${ns}.${String(t.Name)}`;
        this.types.set(name, {
          name,
          ...(t.BaseType ? { base: full(String(t.BaseType)) } : {}),
          properties: new Set(arr(t.Property as Record<string, unknown>[]).map((p) => String(p.Name))),
          navs: new Map(arr(t.NavigationProperty as Record<string, unknown>[]).map((p) => [String(p.Name), typeRef(String(p.Type))])),
        });
      }
      for (const [kind, list] of [['action', s.Action], ['function', s.Function]] as const) {
        for (const op of arr(list) as Record<string, unknown>[]) {
          if (String(op.IsBound) !== 'true') continue;
          const params = arr(op.Parameter as Record<string, unknown>[]);
          const [binding, ...rest] = params;
          if (!binding) continue;
          const [bindingType, bindingCollection] = typeRef(String(binding.Type));
          const returnType = op.ReturnType as Record<string, unknown> | undefined;
          const entry: Operation = { name: String(op.Name), kind, bindingType, bindingCollection, params: rest.map((p) => String(p.Name)), ...(returnType ? { returns: typeRef(String(returnType.Type)) } : {}) };
          for (const key of [entry.name, `${ns}.${entry.name}`]) this.operations.set(key, [...(this.operations.get(key) ?? []), entry]);
        }
      }
      const container = s.EntityContainer as Record<string, unknown> | undefined;
      if (container) {
        for (const e of arr(container.EntitySet) as Record<string, unknown>[]) this.roots.set(String(e.Name), { type: full(String(e.EntityType)), collection: true });
        for (const e of arr(container.Singleton) as Record<string, unknown>[]) this.roots.set(String(e.Name), { type: full(String(e.Type)), collection: false });
      }
    }
  }

  /** The problems of one request ([] = valid v1.0). url is after /v1.0. */
  check(method: string, url: string, body: unknown): string[] {
    const [path = '', query = ''] = url.split('?', 2) as [string, string?];
    if (path === '/$batch') return method === 'POST' ? [] : ['$batch takes POST'];
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    const problems: string[] = [];
    const rootName = segments[0] ?? '';
    let at = this.roots.get(rootName);
    if (!at) return [`'${rootName}' is not an entity set or singleton`];
    let last: Operation | undefined;
    for (const segment of segments.slice(1)) {
      if (last) return [...problems, `nothing can follow the ${last.kind} '${last.name}'`];
      if (segment === '$count') {
        if (!at.collection) return [...problems, '$count on a single entity'];
        at = { type: 'Edm.Int32', collection: false };
        continue;
      }
      if (segment === '$ref') continue;
      const cast = this.types.get(segment);
      if (cast && segment.includes('.')) {
        if (!this.derives(segment, at.type)) return [...problems, `cast to ${segment}, which does not derive from ${at.type}`];
        at = { type: segment, collection: at.collection };
        continue;
      }
      const op = this.bound(segment, at);
      if (op) {
        last = op;
        if (op.kind === 'action' && method !== 'POST') problems.push(`action '${op.name}' needs POST`);
        if (op.kind === 'action' && body !== undefined && body !== null && typeof body === 'object') {
          for (const key of Object.keys(body)) if (!op.params.includes(key)) problems.push(`'${key}' is not a parameter of action ${op.name} (parameters: ${op.params.join(', ') || 'none'})`);
        }
        at = op.returns ? { type: op.returns[0], collection: op.returns[1] } : { type: 'Edm.Untyped', collection: false };
        continue;
      }
      if (at.collection) {
        at = { type: at.type, collection: false }; // a key
        continue;
      }
      const member = this.member(at.type, segment);
      if (!member) return [...problems, `'${segment}' is not a property, navigation, cast or bound operation of ${at.type}`];
      at = member;
    }
    const params = new URLSearchParams(query);
    for (const key of params.keys()) if (!QUERY_OPTIONS.has(key)) problems.push(`unknown query option '${key}'`);
    const select = params.get('$select');
    if (select) for (const name of select.split(',')) if (!this.hasProperty(at.type, name.trim())) problems.push(`'${name}' is not a property of ${at.type}`);
    return problems;
  }

  private chain(type: string): TypeInfo[] {
    const out: TypeInfo[] = [];
    for (let t = this.types.get(type); t; t = t.base ? this.types.get(t.base) : undefined) out.push(t);
    return out;
  }

  private derives(type: string, from: string): boolean {
    return this.chain(type).some((t) => t.name === from);
  }

  private hasProperty(type: string, name: string): boolean {
    return this.chain(type).some((t) => t.properties.has(name) || t.navs.has(name));
  }

  private member(type: string, name: string): Position | undefined {
    for (const t of this.chain(type)) {
      const nav = t.navs.get(name);
      if (nav) return { type: nav[0], collection: nav[1] };
      if (t.properties.has(name)) return { type: 'Edm.Property', collection: false };
    }
    return undefined;
  }

  private bound(segment: string, at: Position): Operation | undefined {
    const bases = new Set(this.chain(at.type).map((t) => t.name));
    return (this.operations.get(segment) ?? []).find((op) => op.bindingCollection === at.collection && bases.has(op.bindingType));
  }
}

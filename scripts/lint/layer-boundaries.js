// @ts-check
// A local ESLint rule instead of a plugin: it resolves each relative import to the folder it lands in, so "a feature
// imports only its own folder" is checked by path, not by how many "../" an import string happens to have.
import path from 'node:path';

/** The zone of a file under src/: a layer folder, one feature, one adapter, or a top-level file by name. */
export function zoneOf(srcRelative) {
  const parts = srcRelative.split('/');
  if (parts.length === 1) return parts[0].replace(/\.ts$/, '');
  if (parts[0] === 'features') return parts.length === 2 ? 'features/index' : parts[1] === 'shared' ? 'features/shared' : `features/${parts[1]}`;
  if (parts[0] === 'adapters') return parts[1] === 'directory' || parts[1] === 'state' ? `adapters/${parts[1]}/${parts[2]}` : `adapters/${parts[1]}`;
  return parts[0];
}

const matches = (zone, pattern) => pattern === zone || (pattern.endsWith('/*') && zone.startsWith(pattern.slice(0, -1)));

/** @type {import('eslint').Rule.RuleModule} */
export const layerBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder of src imports only the layers below it (see README, Architecture).' },
    schema: [{ type: 'object', additionalProperties: true }],
  },
  create(context) {
    const { srcDir, zones, packages = {}, exceptions = [] } = context.options[0] ?? {};
    const file = path.resolve(context.filename);
    const fromSrc = path.relative(srcDir, file).split(path.sep).join('/');
    if (fromSrc.startsWith('..')) return {};
    const zone = zoneOf(fromSrc);
    const allowed = (Object.entries(zones).find(([pattern]) => pattern === fromSrc) ?? Object.entries(zones).find(([pattern]) => matches(zone, pattern)))?.[1];
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (!source.startsWith('.')) {
        const rule = Object.entries(packages).find(([prefix]) => source === prefix || source.startsWith(`${prefix}/`) || (prefix.endsWith('*') && source.startsWith(prefix.slice(0, -1))));
        if (rule && !rule[1].some((z) => matches(zone, z) || fromSrc === z)) context.report({ node, message: `${source} may be imported only in ${rule[1].join(', ')}.` });
        return;
      }
      const target = path.relative(srcDir, path.resolve(path.dirname(file), source)).split(path.sep).join('/').replace(/\.js$/, '.ts');
      if (target.startsWith('..')) return;
      const targetZone = zoneOf(target);
      if (targetZone === zone || allowed === '*') return;
      if ((allowed ?? []).some((z) => matches(targetZone, z))) return;
      if (exceptions.some((e) => e.from === fromSrc && e.to === target)) return;
      context.report({ node, message: `${zone} may not import ${targetZone} (${target}): ${zone} imports only ${(allowed ?? []).join(', ') || 'itself'}.` });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): the functions with the most self time, and self time per package.
 *   tsx bench/cpuprofile-top.ts <file.cpuprofile> [count]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** "adaptive-expressions", "src/core", "(node)" ... : where a function lives, for the per-package view. */
export function ownerOf(url: string): string {
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1] as string;
  if (url.startsWith('node:') || url === '') return '(node internals)';
  const source = /\/((?:src|bench)\/[^/]+)/.exec(url);
  return source ? (source[1] as string) : url;
}

export function selfTimes(profile: Profile): { byFunction: [string, number][]; byOwner: [string, number][]; totalMs: number } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    total += ms;
    const file = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/(src|bench)\//, '$1/');
    const key = `${frame.functionName || '(anonymous)'}  ${file}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    const owner = frame.url ? ownerOf(frame.url) : frame.functionName;
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + ms);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { byFunction: sorted(byFunction), byOwner: sorted(byOwner), totalMs: total };
}

if (process.argv[1]?.endsWith('cpuprofile-top.ts')) {
  const [file, count = '30'] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpuprofile-top.ts <file.cpuprofile> [count]');
  const { byFunction, byOwner, totalMs } = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const pct = (ms: number) => `${((ms / totalMs) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(6)} ms`;
  console.log(`total ${totalMs.toFixed(0)} ms sampled\n\nself time by package / source folder:`);
  for (const [owner, ms] of byOwner.slice(0, 15)) console.log(`${pct(ms)}  ${owner}`);
  console.log('\ntop functions by self time:');
  for (const [fn, ms] of byFunction.slice(0, Number(count))) console.log(`${pct(ms)}  ${fn}`);
}

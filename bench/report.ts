/** Plain-text tables for the terminal. */
export function table(title: string, header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  return [`\n${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export const ms = (x: number): string => (x >= 100 ? Math.round(x).toString() : x.toFixed(x >= 10 ? 1 : 2));
export const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
export const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');

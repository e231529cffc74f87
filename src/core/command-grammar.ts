/** Chat text -> command: exact, case-insensitive tokens; never a substring match. */

export interface NamedCommand {
  name: string;
}

export interface CommandMatch<C extends NamedCommand> {
  command: C;
  /** The text after the command's words, original case kept, trimmed. */
  argText: string;
}

export const MAX_MESSAGE_LENGTH = 4000;

/** Strips Teams @mentions and HTML leftovers, folds whitespace (including non-breaking spaces). */
export function normalizeText(text: string): string {
  return text
    .slice(0, MAX_MESSAGE_LENGTH * 4)
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/<\/?(p|div|span|br)\s*\/?>/gi, ' ')
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim();
}

interface Token {
  text: string;
  end: number;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0].toLowerCase(), end: (m.index ?? 0) + m[0].length }));
}

// Admins type "hi", "?", "show users" or "licenses." as readily as the bare command.
const GREETINGS = new Set(['hi', 'hello', 'hey', 'hallo', 'hej', 'hola', '?', 'commands', 'menu', 'start']);
const LEADING_VERBS = new Set(['show', 'list', 'get', 'view', 'display']);
const TRAILING_PUNCTUATION = /[\s?!.,;:]+$/;

/** The command whose words are the longest exact prefix of the message's tokens, after the forgiving rewrites. */
export function matchCommand<C extends NamedCommand>(commands: readonly C[], text: string): CommandMatch<C> | null {
  const normalized = normalizeText(text);
  const clean = normalized.replace(TRAILING_PUNCTUATION, '');
  const exact = matchWords(commands, clean);
  if (exact) return exact;
  const help = commands.find((c) => c.name === 'help');
  const first = tokens(clean)[0];
  if (help && (/^\?+$/.test(normalized) || (first && GREETINGS.has(first.text.replace(/[!,.]+$/, ''))))) return { command: help, argText: '' };
  if (first && LEADING_VERBS.has(first.text)) return matchWords(commands, clean.slice(first.end).trim());
  return null;
}

function matchWords<C extends NamedCommand>(commands: readonly C[], clean: string): CommandMatch<C> | null {
  const words = tokens(clean);
  let best: { command: C; length: number } | null = null;
  for (const command of commands) {
    const name = command.name.split(' ');
    if (name.length > words.length) continue;
    if (name.every((w, i) => words[i]?.text === w) && (!best || name.length > best.length)) best = { command, length: name.length };
  }
  if (!best) return null;
  const end = words[best.length - 1]?.end ?? 0;
  return { command: best.command, argText: clean.slice(end).trim() };
}

/** Levenshtein edit distance. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

/** The closest command name to what was typed, if it is close enough to be a likely typo. */
/**
 * "delete megan.bowen@x" -> "delete user megan.bowen@x": the typed first word starts exactly one command of several
 * words, and the rest is its argument. Checked before the spelling suggestion, which would offer `deleted`.
 */
export function completeCommand<C extends NamedCommand>(commands: readonly C[], text: string): string | undefined {
  const typed = normalizeText(text);
  const [first = '', ...rest] = typed.split(' ');
  if (rest.length === 0) return undefined;
  const candidates = commands.filter((c) => c.name.includes(' ') && c.name.split(' ')[0] === first.toLowerCase());
  return candidates.length === 1 ? `${candidates[0]?.name} ${rest.join(' ')}` : undefined;
}

export function suggestCommand<C extends NamedCommand>(commands: readonly C[], text: string): C | undefined {
  const words = tokens(normalizeText(text).replace(TRAILING_PUNCTUATION, '')).map((t) => t.text);
  if (words.length === 0) return undefined;
  let best: { command: C; score: number } | undefined;
  for (const command of commands) {
    const n = command.name.split(' ').length;
    const typed = words.slice(0, n).join(' ').slice(0, 64);
    const score = distance(typed, command.name) / Math.max(command.name.length, 1);
    if (!best || score < best.score) best = { command, score };
  }
  return best && best.score <= 0.5 ? best.command : undefined;
}

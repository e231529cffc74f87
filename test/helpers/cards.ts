import assert from 'node:assert/strict';
import type { ConnectorCall } from './fake-connector.js';

/** A card as the tests see it: plain JSON. */
type Node = Record<string, unknown>;
export interface CardAction {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

/**
 * The one card walker: calls `visit` on every object in a card, parents before children, in document order.
 * Every question the tests ask of a card (texts, buttons, inputs) is one visit over it, so they cannot disagree.
 */
export function walkCard(card: unknown, visit: (node: Node) => void): void {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    visit(node as Node);
    Object.values(node).forEach(walk);
  };
  walk(card);
}

/** The Adaptive Card in an activity (first attachment), or undefined. */
export function cardOf(activity: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const attachments = activity?.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined;
  return attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** Every text in a card (TextBlocks, fact titles and values, action titles), joined by newlines, for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  walkCard(card, (o) => {
    for (const key of ['text', 'title', 'value', 'label', 'placeholder']) if (typeof o[key] === 'string') out.push(o[key] as string);
  });
  return out.join('\n');
}

/** All Action.Execute buttons in a card, with their verbs and data. */
export function cardActions(card: unknown): CardAction[] {
  const out: CardAction[] = [];
  walkCard(card, (o) => {
    if (o.type === 'Action.Execute') out.push({ title: String(o.title ?? ''), verb: String(o.verb), data: (o.data as Record<string, unknown>) ?? {} });
  });
  return out;
}

/** The button titled `title` (or matching it); fails the test, naming the buttons there are, when there is none. */
export function button(card: unknown, title: string | RegExp): CardAction {
  const found = cardActions(card).find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.ok(found, `no button ${String(title)} in: ${cardActions(card).map((a) => a.title).join(', ')}`);
  return found;
}

/** Every Input.* element of a card that has an id, in document order. */
export function cardInputs(card: unknown): Node[] {
  const out: Node[] = [];
  walkCard(card, (o) => {
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') out.push(o);
  });
  return out;
}

/** Every input id in a card, for checking a form. */
export const inputIds = (card: unknown): string[] => cardInputs(card).map((i) => i.id as string);

/** The Input.* elements of a card by id, to see their defaults and choices. */
export const inputsById = (card: unknown): Map<string, Node> => new Map(cardInputs(card).map((i) => [i.id as string, i]));

/** The titles of a choice set's choices. */
export const choiceTitles = (input: Node | undefined): string[] => ((input?.choices as { title: string }[] | undefined) ?? []).map((c) => c.title);

/** What Teams sends with an Action.Execute: the button's data plus the value of every input on the card. */
export function inputValues(card: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of cardInputs(card)) {
    const value = o.value ?? (o.type === 'Input.Toggle' ? (o.valueOff ?? 'false') : undefined);
    if (value !== undefined) out[o.id as string] = String(value);
  }
  return out;
}

/** Every Input.Toggle in a card: its input id and the value it sends when ticked. */
export function toggles(card: unknown): { id: string; valueOn: string; title: string }[] {
  const out: { id: string; valueOn: string; title: string }[] = [];
  walkCard(card, (o) => {
    if (o.type === 'Input.Toggle') out.push({ id: String(o.id), valueOn: String(o.valueOn), title: String(o.title) });
  });
  return out;
}

/** The text of a card's first monospace TextBlock (where the password result card shows the password), if any. */
export function monospaceText(card: unknown): string | undefined {
  let found: string | undefined;
  walkCard(card, (o) => {
    if (found === undefined && o.type === 'TextBlock' && o.fontType === 'Monospace' && typeof o.text === 'string') found = o.text;
  });
  return found;
}

/** The CSV in a card's "passwords" input (the import's temporary passwords), or ''. */
export function passwordsCsv(card: unknown): string {
  const input = cardInputs(card).find((i) => i.id === 'passwords');
  return typeof input?.value === 'string' ? input.value : '';
}

/** The id of the approval an approval card shows (it refreshes itself with it); fails the test on any other card. */
export function approvalIdOf(card: unknown): string {
  const refresh = (card as Node | undefined)?.refresh as { action: { data: { approvalId: string } } } | undefined;
  assert.ok(refresh, `expected an approval card, got: ${cardText(card)}`);
  return refresh.action.data.approvalId;
}

/** What the bot sent to or updated in one conversation. */
export const inConversation = (calls: ConnectorCall[], conversationId: string): ConnectorCall[] => calls.filter((c) => c.conversationId === conversationId);

/** The texts of every card in `calls`, one block per call, for failure messages and matching. */
export const sentTexts = (calls: ConnectorCall[]): string => calls.map((c) => cardText(cardOf(c.activity))).join('\n---\n');

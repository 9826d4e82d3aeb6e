// The description a draft proposes: the words a person would have typed into the entry themselves.
import { type EvidenceItem, type EvidenceSource } from './evidence.ts';

/** Long enough for a few commit subjects, short enough for every back end's description field and a chat table. */
export const DESCRIPTION_MAX = 200;
/** Ticket ids lead a commit draft's description; past this many characters of them the rest are counted. */
const TICKETS_MAX = 80;

/** `items` in time order, all of one source (and, for commits, one repository). */
export function draftDescription(source: EvidenceSource, items: readonly EvidenceItem[]): string {
  const first = items[0];
  switch (source) {
    case 'calendar':
      return clip(first?.text ?? '', DESCRIPTION_MAX);
    case 'git':
      return commitsDescription(items);
    case 'ai':
      return clip(`Work with ${first?.text ?? 'an AI client'}`, DESCRIPTION_MAX);
    case 'activity':
      return 'Work at the computer';
  }
}

/**
 * "<repository>: <tickets> – <subject>; <subject>; and N more": the tickets first, since that is what a
 * team searches its entries for, then each distinct subject once, in the order they were committed.
 */
function commitsDescription(items: readonly EvidenceItem[]): string {
  const repository = items[0]?.group ?? 'git';
  const tickets = unique(items.flatMap((item) => item.tickets));
  const subjects = unique(items.map((item) => item.text.trim()).filter((subject) => subject.length > 0));
  const head = tickets.length > 0 ? `${repository}: ${fitList(tickets, ', ', TICKETS_MAX)} – ` : `${repository}: `;
  return clip(head + fitList(subjects, '; ', DESCRIPTION_MAX - head.length), DESCRIPTION_MAX);
}

/**
 * As many of the parts as fit in `budget` characters, joined, then "and N more" for the rest. The
 * first part is always shown (shortened with '…' if it alone is too long), so a description never
 * says only "and 5 more".
 */
export function fitList(parts: readonly string[], separator: string, budget: number): string {
  if (parts.length === 0) return '';
  const more = (left: number) => (left > 0 ? `${separator}and ${left} more` : '');
  let shown = 1;
  // The longest "and N more" this list can need, so adding a part never pushes it over the budget.
  const reserve = more(parts.length - 1).length;
  let text = parts[0] as string;
  while (shown < parts.length) {
    const next = `${text}${separator}${parts[shown]}`;
    const reserveAfter = shown + 1 < parts.length ? reserve : 0;
    if (next.length + reserveAfter > budget) break;
    text = next;
    shown++;
  }
  if (shown === 1) text = clip(text, Math.max(1, budget - more(parts.length - 1).length));
  return text + more(parts.length - shown);
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const value of values) {
    const key = value.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(value);
  }
  return result;
}

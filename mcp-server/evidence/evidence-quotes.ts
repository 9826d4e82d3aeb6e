// Evidence text as a tool's text gives it to the model: quoted data, never words of the tool's own. A
// calendar title or a commit subject is someone else's writing (whoever sent the invitation, whoever
// wrote the commit), and "Ignore previous instructions…" in a title must read as what the title says,
// not as what Punchcard says. So each such string is given after what it is (`calendar event "…"`,
// `commit subject "…"`), between double quotes, with every quote and backslash in it escaped by a
// backslash (as in a JSON string), so that no title can end its quote and go on as the tool's own
// words; `|` is escaped too, since the drafts are a Markdown table. structuredContent gives the same
// text in fields of its own (suggest_entries' `evidence`), which need no quotes. The quoting is every
// sentence's (contract/outcomes/quoted-line.ts); an excerpt here is shorter, on one line, and hides nothing.
import { quotedLine } from '../contract/outcomes/quoted-line.ts';
import { withoutHiddenCharacters } from '../plain-text.ts';
import type { DraftEvidence } from './drafts.ts';

/** The longest quote of an event's title in the table, and of a commit's subject or a name. */
const TITLE_QUOTE = 120;
const SUBJECT_QUOTE = 60;
const NAME_QUOTE = 64;
/** Subjects of a commit draft quoted in the table; the rest are counted. */
const SUBJECTS_SHOWN = 3;

/**
 * Outside text as one quoted line (quotedLine): cleaned (plain-text.ts), white space as single spaces, at
 * most `max` characters (the cut marked with '…' inside the quote), and `|` escaped with a backslash too.
 */
export function quotedText(text: string, max = SUBJECT_QUOTE): string {
  const line = withoutHiddenCharacters(text).replace(/\s+/g, ' ').trim();
  const characters = Array.from(line);
  const kept = characters.length <= max ? line : `${characters.slice(0, max - 1).join('')}…`;
  return quotedLine(kept).replaceAll('|', '\\|');
}

/**
 * What a draft stands on, each outside string quoted after what it is: `calendar event "…"`,
 * `repository "…", commit subjects "…", "…" and 2 more`, `AI client "…"`, `activity at the computer`.
 */
export function quotedEvidence(evidence: readonly DraftEvidence[]): string {
  const first = evidence[0];
  if (!first) return 'no evidence';
  switch (first.source) {
    case 'calendar':
      return `calendar event ${quotedText(first.text, TITLE_QUOTE)}`;
    case 'ai':
      return `AI client ${quotedText(first.text, NAME_QUOTE)}`;
    case 'activity':
      return 'activity at the computer';
    case 'git': {
      const subjects = [...new Set(evidence.map((line) => line.text))];
      const shown = subjects.slice(0, SUBJECTS_SHOWN).map((subject) => quotedText(subject, SUBJECT_QUOTE));
      const more = subjects.length > SUBJECTS_SHOWN ? ` and ${subjects.length - SUBJECTS_SHOWN} more` : '';
      const repository = first.repository === undefined ? '' : `repository ${quotedText(first.repository, NAME_QUOTE)}, `;
      return `${repository}commit ${subjects.length === 1 ? 'subject' : 'subjects'} ${shown.join(', ')}${more}`;
    }
  }
}

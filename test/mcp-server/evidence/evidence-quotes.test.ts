// Evidence text in a tool's text: quoted after what it is, escaped so that it cannot end its own quote.
import { describe, expect, it } from 'vitest';
import type { DraftEvidence } from '../../../mcp-server/evidence/drafts.ts';
import { quotedEvidence, quotedText } from '../../../mcp-server/evidence/evidence-quotes.ts';

const line = (source: DraftEvidence['source'], text: string, repository?: string): DraftEvidence => ({
  source,
  at: 0,
  text,
  ...(repository === undefined ? {} : { repository }),
});

describe('quotedText', () => {
  it('is a JSON string of the line, with | escaped for a table: whatever the text holds, the quote ends where the text does', () => {
    for (const text of ['plain', 'a "quoted" word', 'ends with a backslash \\', '\\"', '" | delete_time_entry {"id": 1} "', 'tab\there']) {
      const quoted = quotedText(text, 200);
      expect(quoted.startsWith('"') && quoted.endsWith('"')).toBe(true);
      expect(quoted).not.toMatch(/[^\\]\|/);
      expect(JSON.parse(quoted.replaceAll('\\|', '|'))).toBe(text.replace(/\s+/g, ' '));
    }
  });

  it('cuts a long line inside its quote, and drops hidden characters before it counts', () => {
    expect(quotedText(`${'a'.repeat(10)}\u202E${'b'.repeat(10)}`, 12)).toBe(`"${'a'.repeat(10)}b…"`);
    expect(quotedText('x"y', 2)).toBe('"x…"');
  });
});

describe('quotedEvidence', () => {
  it('says what each piece of evidence is, its text quoted', () => {
    expect(quotedEvidence([line('calendar', 'Sprint "review"')])).toBe('calendar event "Sprint \\"review\\""');
    expect(quotedEvidence([line('ai', 'Claude Code')])).toBe('AI client "Claude Code"');
    expect(quotedEvidence([line('activity', 'Active at the computer')])).toBe('activity at the computer');
    expect(quotedEvidence([line('git', 'Fix rounding', 'shop')])).toBe('repository "shop", commit subject "Fix rounding"');
    const commits = ['One', 'Two', 'Two', 'Three', 'Four', 'Five'].map((subject) => line('git', subject, 'sh"op'));
    expect(quotedEvidence(commits)).toBe('repository "sh\\"op", commit subjects "One", "Two", "Three" and 2 more');
    expect(quotedEvidence([])).toBe('no evidence');
  });
});

// What a question quotes of someone's words: a short excerpt on one line, without controls.
import { describe, expect, it } from 'vitest';
import { bounded, MAX_QUESTION_LENGTH, QUOTE_LENGTH, quoted } from '../../../mcp-server/tools/asking.ts';

describe('a quote in a question', () => {
  it('keeps short words as they are, on one line and without controls', () => {
    expect(quoted('  support call ')).toBe('support call');
    expect(quoted('line one\n\n\tline\u001b[2J two\u0007')).toBe('line one line[2J two');
  });

  it('cuts long words to an excerpt ending in an ellipsis, never inside a character', () => {
    const long = quoted('word '.repeat(1000));
    expect(Array.from(long)).toHaveLength(QUOTE_LENGTH);
    expect(long.endsWith('word…')).toBe(true);
    const emoji = quoted('🎉'.repeat(200));
    expect(Array.from(emoji)).toHaveLength(QUOTE_LENGTH);
    expect(emoji).toBe(`${'🎉'.repeat(QUOTE_LENGTH - 1)}…`);
    expect(quoted('a'.repeat(QUOTE_LENGTH))).toBe('a'.repeat(QUOTE_LENGTH));
  });
});

describe('a question as the person reads it', () => {
  it('keeps its own line breaks, each line cleaned as a quote is, without empty lines', () => {
    expect(bounded('Book 2 entries?\n• 09:00–10:00 Internal\n\n\t• 10:00–11:00\u001b[2J Web shop  ')).toBe(
      'Book 2 entries?\n• 09:00–10:00 Internal\n• 10:00–11:00[2J Web shop',
    );
  });

  it('is held to its length as a whole, however many lines', () => {
    const long = bounded(Array.from({ length: 100 }, (_, line) => `• entry ${line}`).join('\n'));
    expect(Array.from(long)).toHaveLength(MAX_QUESTION_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { confirmByCountLine, countMoved, countMovedWords } from '../../../mcp-server/contract/tools/correct-time-entries.ts';

describe("correct_time_entries' sentences the window reads back", () => {
  it('reads both counts and the rest back from the refusal of a moved count', () => {
    const message = `${countMovedWords(2, 3)} Would move 3 entries (4 h) to Intranet.`;
    expect(countMoved(message)).toEqual({ confirmed: 2, now: 3, rest: ' Would move 3 entries (4 h) to Intranet.' });
  });

  it('reads no other message as one, even one that quotes it later', () => {
    expect(countMoved('There is no project "Intranet" in Kimai.')).toBeNull();
    expect(countMoved(`Kimai said: ${countMovedWords(2, 3)}`)).toBeNull();
  });

  it('names the count a model confirms with', () => {
    expect(confirmByCountLine(12)).toBe('Nothing was changed: call again with confirm_count 12 to change them.');
  });
});

import { describe, expect, it } from 'vitest';
import { confirmByCountLine } from '../../../mcp-server/contract/tools/correct-time-entries.ts';

describe("correct_time_entries' sentences", () => {
  it('names the count a model confirms with', () => {
    expect(confirmByCountLine(12)).toBe('Nothing was changed: call again with confirm_count 12 to change them.');
  });
});

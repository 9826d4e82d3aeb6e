// The spans a report adds up, from the entries every remote back end lists.
import { describe, expect, it } from 'vitest';
import { spansWithin, type TimeEntry } from '../../../mcp-server/domain/records.ts';

const entry = (start: number, end: number | null): TimeEntry => ({ id: 1, start, end, project: { id: 2, name: 'Website' }, activity: null, description: '' });

describe('spansWithin', () => {
  it('cuts entries to the range, ends a running one now, and drops what lies outside', () => {
    expect(spansWithin([entry(0, 100), entry(50, null), entry(300, 400), entry(-50, 10)], 10, 200, 120)).toEqual([
      { start: 10, end: 100, project: { id: 2, name: 'Website' }, activity: null },
      { start: 50, end: 120, project: { id: 2, name: 'Website' }, activity: null },
    ]);
  });

  it('gives a running entry that begins after now nothing', () => {
    expect(spansWithin([entry(150, null)], 0, 200, 100)).toEqual([]);
  });
});

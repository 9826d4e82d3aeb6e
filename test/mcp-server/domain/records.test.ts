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

  it('keeps the mark of an entry that keeps its day and length only, so no rule reads its placed times as times', () => {
    expect(
      spansWithin(
        [
          { ...entry(0, 100), span: 'day' },
          { ...entry(100, 150), agent: 'codex' },
        ],
        0,
        200,
        120,
      ),
    ).toEqual([
      { start: 0, end: 100, project: { id: 2, name: 'Website' }, activity: null, span: 'day' },
      { start: 100, end: 150, project: { id: 2, name: 'Website' }, activity: null, agent: 'codex' },
    ]);
  });

  it('gives a running entry that begins after now nothing', () => {
    expect(spansWithin([entry(150, null)], 0, 200, 100)).toEqual([]);
  });
});

// The spans a report adds up, from the entries every remote back end lists, and the check every back end's mapping
// holds its entries to (an entry that ends before it starts, or lasts longer than the back end keeps any).
import { describe, expect, it } from 'vitest';
import { checkedEntry, LONGEST_WORK, spansWithin, type TimeEntry } from '../../../mcp-server/domain/records.ts';

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

const HOUR = 3_600_000;
const TOGGL = { hours: 999, limit: 'back_end' } as const;

describe('checkedEntry', () => {
  it('marks an entry that ends before it starts', () => {
    expect(checkedEntry(entry(10 * HOUR, 9 * HOUR)).impossible).toEqual({ why: 'ends_before_start', longestHours: LONGEST_WORK.hours, limit: 'general' });
  });

  it("marks an entry longer than the back end's own longest, else than a week of work", () => {
    // The 87,672 hours Toggl listed (ten years), and one just over Toggl's 999 hours.
    expect(checkedEntry(entry(0, 87_672 * HOUR), TOGGL).impossible).toEqual({ why: 'too_long', longestHours: 999, limit: 'back_end' });
    expect(checkedEntry(entry(0, 999 * HOUR + 1), TOGGL).impossible?.why).toBe('too_long');
    expect(checkedEntry(entry(0, 999 * HOUR), TOGGL).impossible).toBeUndefined();
    expect(checkedEntry(entry(0, 7 * 24 * HOUR + 1)).impossible).toEqual({ why: 'too_long', longestHours: 168, limit: 'general' });
  });

  it('leaves every entry that can be as it was: a running one, an empty one, a night shift, a week booked at once', () => {
    for (const possible of [entry(0, null), entry(5, 5), entry(0, 10 * HOUR), entry(0, 40 * HOUR), entry(0, 7 * 24 * HOUR)]) {
      expect(checkedEntry(possible)).toBe(possible);
    }
  });
});

describe('spansWithin, over an impossible entry', () => {
  const impossible = (start: number, end: number) => checkedEntry({ ...entry(start, end), id: 7 }, TOGGL);

  it('gives an empty span that names it, where it starts in the range, and counts none of its time', () => {
    const spans = spansWithin([impossible(20, 87_672 * HOUR), impossible(50, 10), entry(30, 40)], 0, 100, 100);
    expect(spans).toEqual([
      {
        start: 20,
        end: 20,
        project: { id: 2, name: 'Website' },
        activity: null,
        impossible: { entry: 7, start: 20, end: 87_672 * HOUR, why: 'too_long', longestHours: 999, limit: 'back_end' },
      },
      {
        start: 50,
        end: 50,
        project: { id: 2, name: 'Website' },
        activity: null,
        impossible: { entry: 7, start: 50, end: 10, why: 'ends_before_start', longestHours: 999, limit: 'back_end' },
      },
      { start: 30, end: 40, project: { id: 2, name: 'Website' }, activity: null },
    ]);
  });

  it('leaves out one that started before the range, as a report before it names it', () => {
    expect(spansWithin([impossible(-5 * HOUR, 87_672 * HOUR)], 0, 100, 100)).toEqual([]);
  });
});

// The worked time of an entry as the tray and the window tick it between the engine's answers.
import { describe, expect, it } from 'vitest';
import { runningBreak, workedMs } from '../../../mcp-server/contract/worked-time.ts';

const at = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;

/** A shift since 08:00 with a lunch from 12:00 to 12:30 and a break running since 15:00. */
const shift = {
  start: '2026-03-02T08:00:00+01:00',
  end: null,
  breaks: [
    { type: 'Lunch', start: '2026-03-02T12:00:00+01:00', end: '2026-03-02T12:30:00+01:00' },
    { type: 'Break', start: '2026-03-02T15:00:00+01:00', end: null },
  ],
};

describe('workedMs', () => {
  it('is the span so far without breaks', () => {
    expect(workedMs({ start: '2026-03-02T08:00:00+01:00', end: null }, at('2026-03-02T09:30:20+01:00'))).toBe(90 * MINUTE + 20_000);
    expect(workedMs(shift, at('2026-03-02T12:10:00+01:00'))).toBe(4 * 60 * MINUTE);
    expect(workedMs(shift, at('2026-03-02T14:00:00+01:00'))).toBe(5.5 * 60 * MINUTE);
  });

  it('stands still while a break runs', () => {
    const atBreak = workedMs(shift, at('2026-03-02T15:00:00+01:00'));
    expect(atBreak).toBe(6.5 * 60 * MINUTE);
    expect(workedMs(shift, at('2026-03-02T16:45:00+01:00'))).toBe(atBreak);
  });

  it('counts from `since` only, such as the day’s midnight', () => {
    const night = { start: '2026-03-02T22:00:00+01:00', end: null, breaks: [{ start: '2026-03-02T23:50:00+01:00', end: '2026-03-03T00:20:00+01:00' }] };
    expect(workedMs(night, at('2026-03-03T01:00:00+01:00'), at('2026-03-03T00:00:00+01:00'))).toBe(40 * MINUTE);
    expect(workedMs(night, at('2026-03-02T23:00:00+01:00'), at('2026-03-03T00:00:00+01:00'))).toBe(0);
  });

  it('ends with an ended entry, and is never negative', () => {
    const done = { start: '2026-03-02T08:00:00+01:00', end: '2026-03-02T10:00:00+01:00' };
    expect(workedMs(done, at('2026-03-02T18:00:00+01:00'))).toBe(120 * MINUTE);
    expect(workedMs(done, at('2026-03-02T07:00:00+01:00'))).toBe(0);
  });
});

describe('runningBreak', () => {
  it('is the break without an end, or null', () => {
    expect(runningBreak(shift)).toEqual({ type: 'Break', start: '2026-03-02T15:00:00+01:00', end: null });
    expect(runningBreak({ breaks: shift.breaks.slice(0, 1) })).toBeNull();
    expect(runningBreak({})).toBeNull();
    expect(runningBreak(null)).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reminderDelay, reminderDue } from '../../../main/notifications/reminder.ts';
import { ZONE, at, idle, running } from '../tray/fixtures.ts';

// Clocked in at 09:02 (fixtures): 8 hours later is 17:02.
const status = running();
const EIGHT_HOURS_IN = at('2026-03-02T17:02:00+01:00');

describe('reminderDue', () => {
  it('reminds once the timer has run the set hours, with what and since when', () => {
    expect(reminderDue(status, EIGHT_HOURS_IN, 8, null, ZONE)).toEqual({
      notify: true,
      entryId: 7,
      title: 'Your timer is still running',
      body: 'Website · Design: 8 h since 09:02. Clock out from the tray if you have stopped working.',
    });
  });

  it('stays quiet before the time, when idle, when off, and after reminding for this entry', () => {
    expect(reminderDue(status, EIGHT_HOURS_IN - 1, 8, null, ZONE)).toEqual({ notify: false });
    expect(reminderDue(idle(), EIGHT_HOURS_IN, 8, null, ZONE)).toEqual({ notify: false });
    expect(reminderDue(null, EIGHT_HOURS_IN, 8, null, ZONE)).toEqual({ notify: false });
    expect(reminderDue(status, EIGHT_HOURS_IN, 0, null, ZONE)).toEqual({ notify: false });
    expect(reminderDue(status, EIGHT_HOURS_IN, Number.NaN, null, ZONE)).toEqual({ notify: false });
    expect(reminderDue(status, EIGHT_HOURS_IN, 8, 7, ZONE)).toEqual({ notify: false });
  });

  it('reminds again for the next entry', () => {
    const next = running({}, { id: 8 });
    expect(reminderDue(next, EIGHT_HOURS_IN, 8, 7, ZONE)).toMatchObject({ notify: true, entryId: 8 });
  });

  it('accepts fractions of an hour and timers without a project', () => {
    const bare = running({}, { project: null, activity: null });
    expect(reminderDue(bare, at('2026-03-02T09:32:00+01:00'), 0.5, null, ZONE)).toMatchObject({
      notify: true,
      body: '30 min since 09:02. Clock out from the tray if you have stopped working.',
    });
  });
});

describe('reminderDelay', () => {
  it('counts down to the moment the reminder falls due', () => {
    expect(reminderDelay(status, EIGHT_HOURS_IN - 60_000, 8, null)).toBe(60_000);
    expect(reminderDelay(status, EIGHT_HOURS_IN + 5, 8, null)).toBe(0);
    expect(reminderDelay(status, EIGHT_HOURS_IN, 8, 7)).toBeNull();
    expect(reminderDelay(idle(), EIGHT_HOURS_IN, 8, null)).toBeNull();
    expect(reminderDelay(status, EIGHT_HOURS_IN, 0, null)).toBeNull();
  });

  it('agrees with reminderDue: due exactly when the delay is zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 48 * 3_600_000 }), fc.double({ min: 0, max: 24, noNaN: true }), (after, hours) => {
        const now = at('2026-03-02T09:02:00+01:00') + after;
        const due = reminderDue(status, now, hours, null, ZONE).notify;
        const delay = reminderDelay(status, now, hours, null);
        expect(due).toBe(delay === 0);
      }),
    );
  });
});

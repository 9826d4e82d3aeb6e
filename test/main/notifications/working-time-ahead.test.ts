// The tray's working-time warnings before a limit: which are due, when the next falls due, once each
// (by stretch and by day), and until when Clock in would start work inside the rest. 2026-11-10 is a
// Tuesday; the times are Berlin's.
import { describe, expect, it } from 'vitest';
import {
  aheadPlan,
  type AheadInput,
  runningSince,
  warningKey,
  warningSettings,
  withWarned,
  WARNED_KEPT,
} from '../../../main/notifications/working-time-ahead.ts';
import type { EntryView } from '../../../window-contract/status.ts';

const ZONE = 'Europe/Berlin';
const ON = { rules: 'de', notify: true } as const;

/** The instant of a Berlin wall-clock time in November (UTC+1). */
function t(local: string): number {
  return Date.parse(`${local.replace(' ', 'T')}:00+01:00`);
}

function iso(local: string): string {
  return `${local.replace(' ', 'T')}:00+01:00`;
}

function worked(id: number, from: string, to: string | null, fields: Partial<EntryView> = {}): EntryView {
  return { id, start: iso(from), end: to === null ? null : iso(to), minutes: 0, project: 'Website', activity: null, description: '', ...fields };
}

function plan(fields: Partial<AheadInput> & Pick<AheadInput, 'now'>) {
  return aheadPlan({ settings: ON, zone: ZONE, entries: [], running: [], warned: [], ...fields });
}

describe('aheadPlan: work in a row, the day, the break (de)', () => {
  const timer = worked(1, '2026-11-10 08:00', null);

  it('says nothing a millisecond before 15 minutes ahead, and waits for that moment', () => {
    const result = plan({ now: t('2026-11-10 13:45') - 1, entries: [timer], running: [timer] });
    expect(result.due).toEqual([]);
    expect(result.nextAt).toBe(t('2026-11-10 13:45'));
    expect(result.rest).toBeNull();
  });

  it('warns exactly 15 minutes ahead: six hours in a row and the break they require, each once', () => {
    const result = plan({ now: t('2026-11-10 13:45'), entries: [timer], running: [timer] });
    expect(result.due.map((each) => [each.key, each.minutesLeft])).toEqual([
      ['wt_stretch_over_max@2026-11-10T07:00:00.000Z', 15],
      ['wt_break_short@2026-11-10>360', 15],
    ]);
    expect(result.due[0]?.limit).toMatchObject({ code: 'wt_stretch_over_max', at: t('2026-11-10 14:00'), max_minutes: 360 });
    // The next: the longer break at 9 hours (17:00), 15 minutes before.
    expect(result.nextAt).toBe(t('2026-11-10 16:45'));
  });

  it('does not warn again of what it warned of already: a re-read or a restart gives the same keys', () => {
    const first = plan({ now: t('2026-11-10 13:45'), entries: [timer], running: [timer] });
    const warned = first.due.map((each) => each.key);
    const again = plan({ now: t('2026-11-10 13:50'), entries: [timer], running: [{ ...timer, minutes: 350 }], warned });
    expect(again.due).toEqual([]);
    expect(again.nextAt).toBe(t('2026-11-10 16:45'));
  });

  it('started inside the last 15 minutes: warns at once, with the minutes left', () => {
    const result = plan({ now: t('2026-11-10 13:50') + 30_000, entries: [timer], running: [timer] });
    expect(result.due.map((each) => each.minutesLeft)).toEqual([10, 10]);
  });

  it('a break taken starts another stretch, warned of anew; the break rule already met is not', () => {
    const morning = worked(1, '2026-11-10 08:00', '2026-11-10 11:00');
    const afternoon = worked(2, '2026-11-10 11:30', null);
    const warned = ['wt_stretch_over_max@2026-11-10T07:00:00.000Z', 'wt_break_short@2026-11-10>360'];
    const result = plan({ now: t('2026-11-10 17:15'), entries: [morning, afternoon], running: [afternoon], warned });
    expect(result.due.map((each) => each.key)).toEqual(['wt_stretch_over_max@2026-11-10T10:30:00.000Z', 'wt_break_short@2026-11-10>540']);
  });

  it('a break inside the running entry (start_break) counts as a break, not as work', () => {
    const shift = worked(1, '2026-11-10 08:00', null, {
      breaks: [{ type: 'Lunch', start: iso('2026-11-10 11:00'), end: iso('2026-11-10 11:30'), minutes: 30 }],
    });
    expect(runningSince([shift], t('2026-11-10 12:00'))).toBe(t('2026-11-10 11:30'));
    const result = plan({ now: t('2026-11-10 17:15'), entries: [shift], running: [shift] });
    expect(result.due.map((each) => each.key)).toEqual(['wt_stretch_over_max@2026-11-10T10:30:00.000Z', 'wt_break_short@2026-11-10>540']);
  });

  it('says nothing ahead while the shift is on a break', () => {
    const shift = worked(1, '2026-11-10 08:00', null, { breaks: [{ type: 'Lunch', start: iso('2026-11-10 13:40'), end: null, minutes: 5 }] });
    expect(plan({ now: t('2026-11-10 13:45'), entries: [shift], running: [shift] })).toEqual({ due: [], nextAt: null, rest: null });
  });

  it('the day’s maximum, 15 minutes before ten hours', () => {
    const morning = worked(1, '2026-11-10 07:00', '2026-11-10 12:00');
    const afternoon = worked(2, '2026-11-10 12:45', null);
    const warned = ['wt_break_short@2026-11-10>540', 'wt_stretch_over_max@2026-11-10T11:45:00.000Z'];
    const result = plan({ now: t('2026-11-10 17:30'), entries: [morning, afternoon], running: [afternoon], warned });
    expect(result.due.map((each) => [each.key, each.minutesLeft])).toEqual([['wt_day_over_max@2026-11-10', 15]]);
  });
});

describe('aheadPlan: the rules and notify', () => {
  const timer = worked(1, '2026-11-10 08:00', null);
  const due = { now: t('2026-11-10 13:45'), entries: [timer], running: [timer] };

  it('says nothing with the rules off, nor with notify off', () => {
    expect(plan({ ...due, settings: { rules: 'off', notify: true } })).toEqual({ due: [], nextAt: null, rest: null });
    expect(plan({ ...due, settings: { rules: 'de', notify: false } })).toEqual({ due: [], nextAt: null, rest: null });
  });

  it('at: no rule of work in a row; the day’s maximum is twelve hours', () => {
    const result = plan({ ...due, settings: { rules: 'at', notify: true } });
    expect(result.due.map((each) => each.key)).toEqual(['wt_break_short@2026-11-10>360']);
    expect(result.nextAt).toBe(t('2026-11-10 19:45'));
  });

  it('the organisation’s rules win over the person’s; never on with notify off', () => {
    expect(warningSettings({ workingTime: { rules: 'off', notify: true } }, 'de')).toEqual({ rules: 'de', notify: true });
    expect(warningSettings({ workingTime: { rules: 'at', notify: true } }, 'de')).toEqual({ rules: 'de', notify: true });
    expect(warningSettings({ workingTime: { rules: 'eu', notify: true } }, null)).toEqual({ rules: 'eu', notify: true });
    const fleet = warningSettings({ workingTime: { rules: 'off', notify: false } }, 'de');
    expect(plan({ ...due, settings: fleet }).due).toEqual([]);
  });

  it('leaves an agent’s own time out of the work', () => {
    const agent = worked(2, '2026-11-10 06:00', '2026-11-10 07:59', { agent: 'codex' });
    const result = plan({ ...due, entries: [agent, timer] });
    expect(result.due.map((each) => each.limit.at)).toEqual([t('2026-11-10 14:00'), t('2026-11-10 14:00')]);
  });
});

describe('aheadPlan: Clock in inside the rest', () => {
  const yesterday = worked(1, '2026-11-09 13:00', '2026-11-09 22:00');

  it('until 11 hours after yesterday’s last work: the rest, and the moment it is over', () => {
    expect(plan({ now: t('2026-11-10 06:00'), entries: [yesterday] })).toEqual({
      due: [],
      nextAt: t('2026-11-10 09:00'),
      rest: { rules: 'de', until: t('2026-11-10 09:00') },
    });
    expect(plan({ now: t('2026-11-10 09:00'), entries: [yesterday] }).rest).toBeNull();
  });

  it('not while a timer runs, not with the rules off or notify off', () => {
    const timer = worked(2, '2026-11-10 06:00', null);
    expect(plan({ now: t('2026-11-10 06:30'), entries: [yesterday, timer], running: [timer] }).rest).toBeNull();
    expect(plan({ now: t('2026-11-10 06:00'), entries: [yesterday], settings: { rules: 'off', notify: true } }).rest).toBeNull();
    expect(plan({ now: t('2026-11-10 06:00'), entries: [yesterday], settings: { rules: 'de', notify: false } }).rest).toBeNull();
  });
});

describe('the warnings remembered', () => {
  it('keys a stretch by its start and a day’s limits by the day', () => {
    expect(warningKey({ code: 'wt_stretch_over_max', date: '2026-11-10', at: t('2026-11-10 14:00'), start: t('2026-11-10 08:00'), max_minutes: 360 })).toBe(
      'wt_stretch_over_max@2026-11-10T07:00:00.000Z',
    );
    expect(warningKey({ code: 'wt_day_over_max', date: '2026-11-10', at: 0, max_minutes: 600 })).toBe('wt_day_over_max@2026-11-10');
  });

  it('keeps the latest few, each once', () => {
    const many = Array.from({ length: WARNED_KEPT }, (_, index) => `k${index}`);
    const kept = withWarned(many, ['k3', 'new']);
    expect(kept).toHaveLength(WARNED_KEPT);
    expect(kept.at(-1)).toBe('new');
    expect(kept.at(-2)).toBe('k3');
    expect(kept).not.toContain('k0');
  });
});

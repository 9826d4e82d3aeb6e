// Calamari's records as Punchcard's: its UTC times, shifts less their breaks, leave types by the
// organisation's names, half days both ways, the person's plan from a working week and holidays.
import { describe, expect, it } from 'vitest';
import {
  absenceTypeFor,
  calamariPlan,
  holidayDays,
  leaveStatusOf,
  requestParts,
  toLeaveRequest,
  toTimeEntry,
  workedPieces,
  workWeekOf,
} from '../../../../mcp-server/providers/calamari/mapping.ts';

const TYPES = [
  { id: 12, name: 'Annual leave', durationUnit: 'DAYS' as const },
  { id: 13, name: 'Sick leave', durationUnit: 'DAYS' as const },
  { id: 14, name: 'Overtime pickup', durationUnit: 'HOURS' as const },
  { id: 15, name: 'Blood donation', durationUnit: 'DAYS' as const, externalId: 'BLOOD' },
];

describe('times', () => {
  it('come back in UTC with +0000 and are read as such; anything else is refused', () => {
    const entry = toTimeEntry({
      id: 1,
      started: '2026-11-18T07:30:00+0000',
      finished: null,
      breaks: [{ from: '2026-11-18T09:00:00+0000', to: null, breakType: { id: 3, name: 'Lunch' } }],
      projects: [{ project: { id: 7, name: 'General' } }],
    });
    expect(entry).toMatchObject({ id: 1, start: Date.parse('2026-11-18T07:30:00Z'), end: null, project: { id: 7, name: 'General' }, activity: null });
    expect(entry.breaks).toEqual([{ type: { id: 3, name: 'Lunch' }, start: Date.parse('2026-11-18T09:00:00Z'), end: null }]);
    expect(() => toTimeEntry({ id: 2, started: '18.11.2026 07:30', finished: null })).toThrow(
      expect.objectContaining({
        failure: 'wrong_service',
        message: 'Calamari sent a time Punchcard cannot read ("18.11.2026 07:30").',
        refusal: { code: 'calamari_time_unreadable', facts: { text: '18.11.2026 07:30' } },
      }),
    );
  });
});

describe('shifts', () => {
  it('count as worked time less their breaks, a running break ending now', () => {
    const at = (time: string) => Date.parse(`2026-11-18T${time}:00Z`);
    const entry = {
      id: 1,
      start: at('08:00'),
      end: null,
      project: null,
      activity: null,
      description: '',
      breaks: [
        { type: { id: 1, name: 'Break' }, start: at('10:00'), end: at('10:15') },
        { type: { id: 1, name: 'Break' }, start: at('12:00'), end: null },
      ],
    };
    expect(workedPieces(entry, at('12:30'))).toEqual([
      { start: at('08:00'), end: at('10:00') },
      { start: at('10:15'), end: at('12:00') },
    ]);
  });
});

describe('leave', () => {
  it("finds Punchcard's types among the organisation's names, or takes its own names and external ids", () => {
    expect(absenceTypeFor(TYPES, 'vacation', undefined).id).toBe(12);
    expect(absenceTypeFor(TYPES, 'sick', undefined).id).toBe(13);
    expect(absenceTypeFor(TYPES, 'other', 'blood DONATION').id).toBe(15);
    expect(absenceTypeFor(TYPES, 'other', 'blood').id).toBe(15);
    expect(() => absenceTypeFor(TYPES, 'unpaid', undefined)).toThrow(
      /has no type for unpaid; name one of its own: "Annual leave", "Sick leave", "Blood donation"/,
    );
    expect(() => absenceTypeFor(TYPES, 'other', 'Overtime pickup')).toThrow(/counted in hours/);
    expect(() => absenceTypeFor(TYPES, 'other', 'Sabbatical')).toThrow(/no absence type "Sabbatical"/);
  });

  it('sends half days as the parts of the day they start and end at', () => {
    expect(requestParts({ firstDay: '2026-12-21', lastDay: '2026-12-23', firstDayPart: 'full', lastDayPart: 'full' })).toEqual({
      fromPart: 'MORNING',
      toPart: 'END_OF_DAY',
    });
    expect(requestParts({ firstDay: '2026-12-21', lastDay: '2026-12-23', firstDayPart: 'afternoon', lastDayPart: 'morning' })).toEqual({
      fromPart: 'AFTERNOON',
      toPart: 'AFTERNOON',
    });
  });

  it('reads half days back from the partial amounts, work elsewhere as such, and every status', () => {
    const base = { id: 5, from: '2026-12-21', to: '2026-12-23', absenceTypeName: 'Annual leave', status: 'ACCEPTED', entitlementAmount: 2 };
    expect(toLeaveRequest({ ...base, amountFirstDay: 0.5, amountLastDay: 0.5 }, 'Ada')).toMatchObject({
      firstDayPart: 'afternoon',
      lastDayPart: 'morning',
      days: 2,
      status: 'approved',
      type: 'vacation',
      kind: 'Annual leave',
    });
    expect(toLeaveRequest({ ...base, to: base.from, amountFirstDay: 0.5 }, 'Ada')).toMatchObject({ firstDayPart: 'full', lastDayPart: 'morning' });
    expect(toLeaveRequest({ ...base, absenceTypeName: 'Remote work', absenceCategory: 'WORK' }, 'Ada')).toMatchObject({
      workingElsewhere: true,
      type: 'other',
    });
    expect(['PENDING', 'ACCEPTED', 'APPROVED', 'REJECTED', 'CANCELED', 'REVOKED', 'CANCELLATION_PENDING'].map(leaveStatusOf)).toEqual([
      'pending',
      'approved',
      'approved',
      'rejected',
      'cancelled',
      'cancelled',
      'approved',
    ]);
  });
});

describe('the plan', () => {
  const week = {
    id: 1,
    workingDays: [
      { dayName: 'MONDAY', isWorkingDay: true, duration: 28_800 },
      { dayName: 'TUESDAY', isWorkingDay: true, duration: 28_800 },
      { dayName: 'WEDNESDAY', isWorkingDay: true, duration: 14_400 },
      { dayName: 'THURSDAY', isWorkingDay: true, duration: 28_800 },
      { dayName: 'FRIDAY', isWorkingDay: false, duration: null },
      { dayName: 'SATURDAY', isWorkingDay: false, duration: null },
      { dayName: 'SUNDAY', isWorkingDay: false, duration: null },
    ],
  };

  it("takes each weekday's seconds, and holidays (half ones by half, multi-day ones on each day)", () => {
    const holidays = holidayDays(
      [
        { name: 'Christmas Eve', start: '2026-12-24', end: '2026-12-24', halfDay: true },
        { name: 'Christmas', start: '2026-12-25', end: '2026-12-26', halfDay: false },
      ],
      '2026-01-01',
      '2026-12-31',
    );
    expect(calamariPlan('2026-12-23', '2026-12-26', week, holidays).map((day) => [day.date, day.targetMinutes, day.dayOff, day.holiday])).toEqual([
      ['2026-12-23', 240, false, null],
      ['2026-12-24', 240, false, 'Christmas Eve'],
      ['2026-12-25', 0, true, 'Christmas'],
      ['2026-12-26', 0, true, 'Christmas'],
    ]);
    expect(workWeekOf(week)).toEqual({ mon: 8, tue: 8, wed: 4, thu: 8, fri: 0, sat: 0, sun: 0 });
  });

  it('keeps a holiday Calamari says lasts for millennia to the days asked for (a hostile answer must not fill the heap)', () => {
    const days = holidayDays([{ name: 'Forever', start: '0001-01-01', end: '9999-12-31', halfDay: false }], '2026-01-01', '2026-12-31');
    expect(days.size).toBe(365);
    expect([...days.keys()].at(0)).toBe('2026-01-01');
    expect([...days.keys()].at(-1)).toBe('2026-12-31');
  });
});

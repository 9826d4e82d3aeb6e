// Clockodo's records as Punchcard's: times without milliseconds, lump sums, access maps, absence
// types both ways, and the person's plan from target-hour rows and non-business days.
import { describe, expect, it } from 'vitest';
import {
  absenceTypeCode,
  clockodoPlan,
  clockodoTime,
  hoursOnDate,
  instantOf,
  leaveStatusOf,
  leaveTypeOf,
  mayBook,
  mayUseService,
  toLeaveRequest,
  toTimeEntry,
  workWeekOn,
} from '../../../../mcp-server/providers/clockodo/mapping.ts';
import { externalApplication } from '../../../../mcp-server/providers/clockodo/api.ts';
import type { ClockodoTargetHours } from '../../../../mcp-server/providers/clockodo/wire.ts';

const names = { project: (id: number) => (id === 7 ? 'Website' : undefined), service: (id: number) => (id === 3 ? 'Design' : undefined) };

describe('times', () => {
  it('are sent to the second, in UTC with Z, never with milliseconds', () => {
    expect(clockodoTime(Date.parse('2026-11-18T08:15:30.999+01:00'))).toBe('2026-11-18T07:15:30Z');
  });

  it('are read back, and one in no shape Punchcard reads is refused as an answer that is not Clockodo’s, with its code', () => {
    expect(instantOf('2026-11-18T07:15:30Z')).toBe(Date.parse('2026-11-18T07:15:30Z'));
    expect(() => instantOf('18.11.2026 07:15')).toThrow(
      expect.objectContaining({
        failure: 'wrong_service',
        message: 'Clockodo sent a time Punchcard cannot read ("18.11.2026 07:15").',
        refusal: { code: 'clockodo_time_unreadable', facts: { text: '18.11.2026 07:15' } },
      }),
    );
  });
});

describe('entries', () => {
  it('name their project and service, and a running one has no end', () => {
    const entry = toTimeEntry(
      { id: 1, users_id: 5, customers_id: 2, projects_id: 7, services_id: 3, text: 'Hero', time_since: '2026-11-18T07:00:00Z', time_until: null },
      names,
    );
    expect(entry).toEqual({
      id: 1,
      start: Date.parse('2026-11-18T07:00:00Z'),
      end: null,
      project: { id: 7, name: 'Website' },
      activity: { id: 3, name: 'Design' },
      description: 'Hero',
    });
  });

  it("fall back to the enhanced list's name, or the id, for what the catalog does not know", () => {
    const entry = toTimeEntry(
      {
        id: 1,
        users_id: 5,
        customers_id: 2,
        projects_id: 9,
        projects_name: 'Old site',
        services_id: 4,
        time_since: '2026-11-18T07:00:00Z',
        time_until: '2026-11-18T08:00:00Z',
      },
      names,
    );
    expect(entry.project?.name).toBe('Old site');
    expect(entry.activity?.name).toBe('service #4');
  });

  it('show a lump sum where it was booked, taking no time, and say where to change it', () => {
    const entry = toTimeEntry(
      {
        id: 2,
        type: 2,
        users_id: 5,
        customers_id: 2,
        projects_id: 7,
        services_id: 3,
        lumpsum: 150,
        text: 'Travel',
        time_since: '2026-11-18T07:00:00Z',
        time_until: '2026-11-18T09:00:00Z',
      },
      names,
    );
    expect(entry.end).toBe(entry.start);
    expect(entry.description).toBe('Travel (lump sum 150; edit it in Clockodo)');
    expect(entry.locked).toBe('It is a lump sum, which Punchcard lists but does not change; change it in Clockodo.');
  });
});

describe('access maps', () => {
  it('grant everything, nothing, a whole customer, or some of its projects', () => {
    expect(mayBook(true, 1, 2)).toBe(true);
    expect(mayBook(false, 1, 2)).toBe(false);
    expect(mayBook(undefined, 1, 2)).toBe(false);
    const access = { '1': true, '2': { projects: { '20': true } } } as const;
    expect(mayBook(access, 1, null)).toBe(true);
    expect(mayBook(access, 1, 99)).toBe(true);
    expect(mayBook(access, 2, 20)).toBe(true);
    expect(mayBook(access, 2, 21)).toBe(false);
    expect(mayBook(access, 2, null)).toBe(false);
    expect(mayBook(access, 3, 30)).toBe(false);
    expect(mayUseService({ '3': true }, 3)).toBe(true);
    expect(mayUseService({ '3': true }, 4)).toBe(false);
  });
});

describe('absence types', () => {
  it("map Punchcard's types and accept Clockodo's own names, in any case", () => {
    expect(absenceTypeCode('vacation', undefined)).toBe(1);
    expect(absenceTypeCode('sick', undefined)).toBe(4);
    expect(absenceTypeCode('unpaid', undefined)).toBe(10);
    expect(absenceTypeCode('other', 'sick day of a CHILD')).toBe(5);
    expect(() => absenceTypeCode('other', undefined)).toThrow(/no type "other".*"Special leave"/);
    expect(() => absenceTypeCode('other', 'Sabbatical')).toThrow(/Clockodo has no leave type "Sabbatical"/);
  });

  it("read back with Clockodo's name where it says more than Punchcard's type", () => {
    expect(leaveTypeOf(1)).toEqual({ type: 'vacation' });
    expect(leaveTypeOf(5)).toEqual({ type: 'sick', kind: 'Sick day of a child' });
    expect(leaveTypeOf(14)).toEqual({ type: 'other', kind: 'Military service' });
    expect(leaveTypeOf(undefined)).toEqual({ type: 'other' });
    expect([0, 1, 2, 3, 4].map(leaveStatusOf)).toEqual(['pending', 'approved', 'rejected', 'cancelled', 'cancelled']);
  });

  it('read a one-day absence counting half a day as a half day', () => {
    const half = toLeaveRequest({ id: 9, users_id: 5, date_since: '2026-12-24', date_until: '2026-12-24', status: 0, type: 1, count_days: 0.5 }, 'Ada');
    expect(half).toMatchObject({ firstDay: '2026-12-24', lastDay: '2026-12-24', lastDayPart: 'morning', days: 0.5, status: 'pending', type: 'vacation' });
  });
});

describe('the plan', () => {
  const weekly = (since: string, until: string | null, hours: number[]): ClockodoTargetHours => {
    const [monday, tuesday, wednesday, thursday, friday, saturday, sunday] = hours;
    return { id: 1, users_id: 5, type: 'weekly', date_since: since, date_until: until, monday, tuesday, wednesday, thursday, friday, saturday, sunday };
  };

  it("takes each date's hours from the row in force then", () => {
    const rows = [weekly('2020-01-01', '2026-11-17', [8, 8, 8, 8, 8, 0, 0]), weekly('2026-11-18', null, [6, 6, 6, 6, 0, 0, 0])];
    const plan = clockodoPlan('2026-11-16', '2026-11-22', rows, new Map());
    expect(plan.map((day) => day.targetMinutes)).toEqual([480, 480, 360, 360, 0, 0, 0]);
    expect(plan[4]).toMatchObject({ date: '2026-11-20', dayOff: true, holiday: null });
    expect(workWeekOn(rows, '2026-11-18')).toEqual({ mon: 6, tue: 6, wed: 6, thu: 6, fri: 0, sat: 0, sun: 0 });
  });

  it("spreads a monthly target over the month's workdays", () => {
    const monthly: ClockodoTargetHours = {
      id: 2,
      users_id: 5,
      type: 'monthly',
      date_since: '2026-01-01',
      date_until: null,
      monthly_target: 168,
      workday_monday: true,
      workday_tuesday: true,
      workday_wednesday: true,
      workday_thursday: true,
      workday_friday: true,
      workday_saturday: false,
      workday_sunday: false,
    };
    // November 2026 has 21 weekdays: 8 hours each.
    expect(hoursOnDate(monthly, '2026-11-18')).toBe(8);
    expect(hoursOnDate(monthly, '2026-11-21')).toBe(0);
  });

  it("takes Clockodo's non-business days off, half ones by half", () => {
    const rows = [weekly('2020-01-01', null, [8, 8, 8, 8, 8, 0, 0])];
    const plan = clockodoPlan(
      '2026-12-24',
      '2026-12-26',
      rows,
      new Map([
        ['2026-12-24', { name: 'Christmas Eve', halfDay: true }],
        ['2026-12-25', { name: 'Christmas Day', halfDay: false }],
      ]),
    );
    expect(plan).toEqual([
      { date: '2026-12-24', targetMinutes: 240, dayOff: false, holiday: 'Christmas Eve', halfHoliday: true },
      { date: '2026-12-25', targetMinutes: 0, dayOff: false, holiday: 'Christmas Day', halfHoliday: false },
      { date: '2026-12-26', targetMinutes: 0, dayOff: true, holiday: null, halfHoliday: false },
    ]);
  });

  it('asks nothing of a day no row covers (before the person started)', () => {
    expect(clockodoPlan('2019-12-31', '2019-12-31', [weekly('2020-01-01', null, [8, 8, 8, 8, 8, 0, 0])], new Map())[0]).toMatchObject({
      targetMinutes: 0,
      dayOff: true,
    });
  });
});

describe('the application header', () => {
  it("names Punchcard and the login, within Clockodo's 50 characters", () => {
    expect(externalApplication('ada@example.com')).toBe('Punchcard;ada@example.com');
    const long = 'a.very.long.name.of.someone@company.example.com';
    expect(externalApplication(long)).toBe(`PC;${long}`);
    const longer = 'an.even.longer.name.of.someone.somewhere@company.example.com';
    expect(externalApplication(longer)).toBe('Punchcard;postmaster@company.example.com');
    for (const email of ['ada@example.com', long, longer]) expect(externalApplication(email).length).toBeLessThanOrEqual(50);
  });
});

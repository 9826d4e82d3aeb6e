// How Punchcard reads what Toggl Track leaves undocumented about timesheets (providers/toggl/timesheet-readings.ts),
// each one way: the status words, the list's bounds asked a day wider and kept by start, the list's forms, the
// periodicity and the lock.
import { describe, expect, it } from 'vitest';
import {
  isLocked,
  lockOfTimesheet,
  readTimesheetId,
  ruleOf,
  startsAsked,
  statusOf,
  timesheetId,
  timesheetsOf,
  timesheetsStarting,
} from '../../../../mcp-server/providers/toggl/timesheet-readings.ts';

const sheet = (start: string, more: Record<string, unknown> = {}) => ({
  timesheet_setup_id: 301,
  member_id: 7,
  start_date: start,
  end_date: start.replace(/\d\d$/, (day) => String(Number(day) + 6).padStart(2, '0')),
  ...more,
});

describe("Toggl Track's timesheet readings", () => {
  it('reads the status words case aside, open and reopened as never submitted, and no unknown word', () => {
    expect(['submitted', 'APPROVED', ' Rejected ', 'open', 'reopened', '', null].map(statusOf)).toEqual([
      'pending',
      'approved',
      'rejected',
      'open',
      'open',
      'open',
      'open',
    ]);
    expect(statusOf('pending_review')).toBeUndefined();
  });

  it("asks a day wider each side and keeps the periods by their start, whether Toggl's bounds include the day or not", () => {
    expect(startsAsked('2026-11-09', '2026-11-16', 2)).toEqual({ after: '2026-11-08', before: '2026-11-17', per_page: 20 });
    expect(startsAsked('2026-01-05', '2026-12-28', 52).per_page).toBe(54);
    // Inclusive bounds answer the days named too: kept to the starts wanted.
    const answered = ['2026-11-02', '2026-11-08', '2026-11-09', '2026-11-16', '2026-11-17', '2026-11-23'].map((day) => sheet(day));
    expect(timesheetsStarting(answered, '2026-11-09', '2026-11-16').map((item) => item.start_date)).toEqual(['2026-11-09', '2026-11-16']);
  });

  it("reads the list as one page, as the swagger's array of pages, or as a bare array", () => {
    const items = [sheet('2026-11-09'), sheet('2026-11-16')];
    expect(timesheetsOf({ data: items, page: 1, per_page: 20, total_count: 2 })).toEqual(items);
    expect(timesheetsOf([{ data: items, page: 1 }])).toEqual(items);
    expect(timesheetsOf(items)).toEqual(items);
    expect(timesheetsOf(null)).toEqual([]);
    expect(timesheetsOf({ data: 'none' })).toEqual([]);
  });

  it("reads weeks from the setup's first weekday and months from a month's first day, nothing else", () => {
    expect(ruleOf({ id: 1, periodicity: 'weekly', start_date: '2026-01-07' })).toEqual({ period: 'week', weekStart: 3 });
    expect(ruleOf({ id: 1, periodicity: 'Monthly', start_date: '2026-02-01' })).toEqual({ period: 'month', weekStart: 1 });
    expect(ruleOf({ id: 1, periodicity: 'monthly', start_date: '2026-02-15' })).toBeUndefined();
    expect(ruleOf({ id: 1, periodicity: 'daily', start_date: '2026-02-01' })).toBeUndefined();
  });

  it("takes Toggl's period_locked as it says, an approved period as locked where it says nothing", () => {
    expect(isLocked(sheet('2026-11-09', { status: 'submitted', period_locked: true }))).toBe(true);
    expect(isLocked(sheet('2026-11-09', { status: 'approved', period_locked: false }))).toBe(false);
    expect(isLocked(sheet('2026-11-09', { status: 'approved' }))).toBe(true);
    expect(isLocked(sheet('2026-11-09', { status: 'submitted' }))).toBe(false);
    expect(lockOfTimesheet(sheet('2026-11-09', { status: 'submitted', period_locked: true }))).toEqual({
      firstDay: '2026-11-09',
      lastDay: '2026-11-15',
      status: 'pending',
      reopenedBy: 'the_person',
    });
    expect(lockOfTimesheet(sheet('2026-11-09', { status: 'APPROVED', period_locked: true }))).toMatchObject({ status: 'approved', reopenedBy: 'an_approver' });
  });

  it("names a timesheet by its setup and its period's first day, and reads nothing else as one", () => {
    expect(timesheetId(301, '2026-11-09')).toBe('301:2026-11-09');
    expect(readTimesheetId(' 301:2026-11-09 ')).toEqual({ setupId: 301, firstDay: '2026-11-09' });
    expect(readTimesheetId('65f0c1a2b3')).toBeUndefined();
  });
});

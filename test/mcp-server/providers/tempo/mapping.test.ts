// Tempo's and Jira's records as Punchcard's (mcp-server/providers/tempo/mapping.ts): issue keys as people write them,
// issues as Jira answers them (a number in text), worklogs' wall-clock days and times in the person's zone (a worklog
// without a start time keeps its day and length only), a period's approval status, the site's approval rule, and a
// schedule's days with their holidays.
import { describe, expect, it } from 'vitest';
import {
  approvalRuleOf,
  clockTime,
  isIssueKey,
  issueKey,
  issueOf,
  periodState,
  scheduleDays,
  secondsBetween,
  toTimeEntry,
  wallClock,
  worklogSpan,
} from '../../../../mcp-server/providers/tempo/mapping.ts';
import type { TempoWorklog } from '../../../../mcp-server/providers/tempo/wire.ts';

const BERLIN = 'Europe/Berlin';
const ADA = '557058:ada';
const worklog = (more: Partial<TempoWorklog>): TempoWorklog => ({
  tempoWorklogId: 7,
  startDate: '2026-11-17',
  startTime: '09:15:30',
  timeSpentSeconds: 5400,
  ...more,
});

describe('issue keys', () => {
  it('takes a key in any case and writes it as Jira prints it; a word or a number is none', () => {
    for (const key of ['WEB-12', 'web-12', 'Ops_2-7', ' WEB-1 ']) expect(isIssueKey(key), key).toBe(true);
    for (const word of ['Website', '12', '#12', 'WEB-', '-12', 'WEB-012', 'WEB 12', '1WEB-2']) expect(isIssueKey(word), word).toBe(false);
    expect(issueKey(' web-12 ')).toBe('WEB-12');
  });

  it("reads Jira's issue, its number as text, its project and whether it is done; one without a number or key is none", () => {
    expect(
      issueOf({
        id: '10412',
        key: 'WEB-12',
        fields: { summary: ' Fix login ', project: { id: '10000', key: 'WEB', name: 'Website' }, status: { statusCategory: { key: 'done' } } },
      }),
    ).toEqual({ id: 10412, key: 'WEB-12', summary: 'Fix login', project: { id: 10000, name: 'Website' }, done: true });
    expect(issueOf({ id: '10413', key: 'WEB-13', fields: { summary: '' } })).toEqual({
      id: 10413,
      key: 'WEB-13',
      summary: 'WEB-13',
      project: null,
      done: false,
    });
    expect(issueOf({ id: 'x', key: 'WEB-1' })).toBeUndefined();
    expect(issueOf({ id: '1', key: '' })).toBeUndefined();
  });
});

describe('days and times', () => {
  it("writes an instant as the zone's wall-clock day and time, seconds included", () => {
    expect(wallClock(Date.parse('2026-11-17T23:30:05Z'), BERLIN)).toEqual({ startDate: '2026-11-18', startTime: '00:30:05' });
    expect(wallClock(Date.parse('2026-11-17T15:00:00Z'), 'America/New_York')).toEqual({ startDate: '2026-11-17', startTime: '10:00:00' });
  });

  it('reads a worklog at its day and time in the zone, for its seconds', () => {
    expect(worklogSpan(worklog({}), BERLIN)).toEqual({ start: Date.parse('2026-11-17T09:15:30+01:00'), end: Date.parse('2026-11-17T10:45:30+01:00') });
    expect(worklogSpan(worklog({ startTime: '09:15' }), 'America/New_York').start).toBe(Date.parse('2026-11-17T09:15:00-05:00'));
  });

  it('places a worklog without a start time at its day’s start, marked as keeping its day and length only', () => {
    expect(worklogSpan(worklog({ startTime: null }), BERLIN)).toEqual({
      start: Date.parse('2026-11-17T00:00:00+01:00'),
      end: Date.parse('2026-11-17T01:30:00+01:00'),
      span: 'day',
    });
    expect(clockTime('25:00:00')).toBeUndefined();
    expect(clockTime('7:00')).toBeUndefined();
  });

  it('books whole seconds, at least one', () => {
    expect(secondsBetween(0, 90_400)).toBe(90);
    expect(secondsBetween(5, 5)).toBe(1);
  });

  it('shows a worklog as an entry on its issue, its description without an agent’s mark, with its attributes', () => {
    const issue = { id: 10412, key: 'WEB-12', summary: 'Fix login', project: null, done: false };
    const entry = toTimeEntry(worklog({ description: '[ai:claude] Ran the suite' }), issue, BERLIN, [{ id: '_Type_', name: 'Type', value: 'Dev' }]);
    expect(entry).toEqual({
      id: 7,
      start: Date.parse('2026-11-17T09:15:30+01:00'),
      end: Date.parse('2026-11-17T10:45:30+01:00'),
      project: { id: 10412, name: 'Fix login' },
      activity: null,
      description: 'Ran the suite',
      agent: 'claude',
      fields: [{ id: '_Type_', name: 'Type', value: 'Dev' }],
    });
  });

  it('marks a worklog of negative seconds, or longer than any stretch of work, impossible: its length as Tempo keeps it', () => {
    const issue = { id: 10412, key: 'WEB-12', summary: 'Fix login', project: null, done: false };
    const backwards = toTimeEntry(worklog({ timeSpentSeconds: -3600 }), issue, BERLIN);
    expect(backwards.end).toBe(Date.parse('2026-11-17T08:15:30+01:00'));
    expect(backwards.impossible?.why).toBe('ends_before_start');
    expect(toTimeEntry(worklog({ timeSpentSeconds: 1_000 * 3600 }), issue, BERLIN).impossible?.why).toBe('too_long');
    expect(toTimeEntry(worklog({}), issue, BERLIN).impossible).toBeUndefined();
  });
});

describe('approvals', () => {
  it("reads the site's period: weekly from the approval week's start, or monthly", () => {
    expect(approvalRuleOf({ approvalPeriod: 'WEEK', approvalWeekStart: 7, weekStart: 1 })).toEqual({ period: 'week', weekStart: 7 });
    expect(approvalRuleOf({ approvalPeriod: 'MONTH' })).toEqual({ period: 'month', weekStart: 1 });
    expect(approvalRuleOf({ approvalPeriod: 'WEEK', approvalWeekStart: 9, weekStart: 3 })).toEqual({ period: 'week', weekStart: 3 });
  });

  it('tells open, submitted, approved and rejected periods apart, a rejection by its reviewer’s comment', () => {
    expect(periodState({ status: { key: 'OPEN' } }, ADA)).toBe('open');
    expect(periodState(undefined, ADA)).toBe('open');
    for (const key of ['IN_REVIEW', 'WAITING_FOR_APPROVAL', 'submitted']) expect(periodState({ status: { key } }, ADA), key).toBe('pending');
    expect(periodState({ status: { key: 'APPROVED' } }, ADA)).toBe('approved');
    expect(periodState({ status: { key: 'OPEN', comment: 'Tuesday is missing', actor: { accountId: '557058:lea' } } }, ADA)).toBe('rejected');
    // The person's own comment on a period they reopened is no rejection.
    expect(periodState({ status: { key: 'OPEN', comment: 'Forgot Friday', actor: { accountId: ADA } } }, ADA)).toBe('open');
  });
});

describe('the schedule', () => {
  it('gives each day its required time and its holiday by name; a day Tempo leaves out is a day off', () => {
    expect(
      scheduleDays(
        [
          { date: '2026-12-24', requiredSeconds: 14_400, type: 'HOLIDAY', holiday: { name: 'Christmas Eve' } },
          { date: '2026-12-25', requiredSeconds: 0, type: 'HOLIDAY', holiday: { name: 'Christmas Day' } },
          { date: '2026-12-26', requiredSeconds: 0, type: 'HOLIDAY_AND_NON_WORKING_DAY', holiday: { name: 'Boxing Day' } },
          { date: '2026-12-28', requiredSeconds: 28_800, type: 'WORKING_DAY' },
        ],
        '2026-12-24',
        '2026-12-28',
      ),
    ).toEqual([
      { date: '2026-12-24', targetMinutes: 240, dayOff: false, holiday: 'Christmas Eve', halfHoliday: true },
      { date: '2026-12-25', targetMinutes: 0, dayOff: false, holiday: 'Christmas Day', halfHoliday: false },
      { date: '2026-12-26', targetMinutes: 0, dayOff: true, holiday: 'Boxing Day', halfHoliday: false },
      { date: '2026-12-27', targetMinutes: 0, dayOff: true, holiday: null, halfHoliday: false },
      { date: '2026-12-28', targetMinutes: 480, dayOff: false, holiday: null, halfHoliday: false },
    ]);
  });
});

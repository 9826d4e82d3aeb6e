// Clockify's approval requests as Punchcard's submissions (providers/clockify/approvals/mapping.ts, over mapping.ts): the
// days a date range covers whichever way its instants are written, the period those days make (which
// teaches Punchcard the workspace's period), the states in Punchcard's words, and a request's fields.
import { describe, expect, it } from 'vitest';
import { durationSeconds, periodOfDays, submissionOf, weekdayNumber } from '../../../../mcp-server/providers/clockify/approvals/mapping.ts';
import { daysOfRange, statusOf } from '../../../../mcp-server/providers/clockify/mapping.ts';

describe("a request's days", () => {
  it("are read from UTC midnights and from the owner's midnight written in UTC alike", () => {
    expect(daysOfRange({ start: '2026-11-16T00:00:00Z', end: '2026-11-22T23:59:59Z' })).toEqual({ firstDay: '2026-11-16', lastDay: '2026-11-22' });
    // Berlin's midnight (UTC+1) and Los Angeles' (UTC-8).
    expect(daysOfRange({ start: '2026-11-15T23:00:00Z', end: '2026-11-22T22:59:59.999Z' })).toEqual({ firstDay: '2026-11-16', lastDay: '2026-11-22' });
    expect(daysOfRange({ start: '2026-11-16T08:00:00Z', end: '2026-11-23T07:59:59Z' })).toEqual({ firstDay: '2026-11-16', lastDay: '2026-11-22' });
  });

  it('are none where the range is missing, unreadable or backwards', () => {
    expect(daysOfRange(undefined)).toBeUndefined();
    expect(daysOfRange({ start: 'soon', end: '2026-11-22T23:59:59Z' })).toBeUndefined();
    expect(daysOfRange({ start: '2026-11-22T00:00:00Z', end: '2026-11-16T00:00:00Z' })).toBeUndefined();
  });
});

describe('the period days make', () => {
  it('is weekly for seven days, half-monthly for the 1st to the 15th or the 16th to the end, monthly for a month, none otherwise', () => {
    expect(periodOfDays({ firstDay: '2026-11-16', lastDay: '2026-11-22' })).toBe('WEEKLY');
    expect(periodOfDays({ firstDay: '2026-12-28', lastDay: '2027-01-03' })).toBe('WEEKLY');
    expect(periodOfDays({ firstDay: '2026-11-01', lastDay: '2026-11-15' })).toBe('SEMI_MONTHLY');
    expect(periodOfDays({ firstDay: '2026-02-16', lastDay: '2026-02-28' })).toBe('SEMI_MONTHLY');
    expect(periodOfDays({ firstDay: '2026-11-01', lastDay: '2026-11-30' })).toBe('MONTHLY');
    expect(periodOfDays({ firstDay: '2028-02-01', lastDay: '2028-02-29' })).toBe('MONTHLY');
    expect(periodOfDays({ firstDay: '2026-11-01', lastDay: '2026-11-10' })).toBeUndefined();
    expect(periodOfDays({ firstDay: '2026-11-16', lastDay: '2026-11-29' })).toBeUndefined();
  });
});

describe("a request's state, durations and week start", () => {
  it('are said in Punchcard words; anything else is none', () => {
    expect(['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN_APPROVAL', 'WITHDRAWN_SUBMISSION', 'UNSUBMITTED', null].map(statusOf)).toEqual([
      'pending',
      'approved',
      'rejected',
      'withdrawn',
      'withdrawn',
      undefined,
      undefined,
    ]);
    expect([durationSeconds('PT8H'), durationSeconds('PT7H30M5S'), durationSeconds('P1DT1H'), durationSeconds('8h'), durationSeconds(null)]).toEqual([
      28_800,
      27_005,
      90_000,
      null,
      null,
    ]);
    expect([weekdayNumber('MONDAY'), weekdayNumber('sunday'), weekdayNumber('Funday'), weekdayNumber(null)]).toEqual([1, 7, undefined, undefined]);
  });
});

describe('a request as a submission', () => {
  const request = {
    id: '66666661000000000000abcd',
    dateRange: { start: '2026-11-09T00:00:00Z', end: '2026-11-15T23:59:59Z' },
    owner: { userId: 'ada', userName: 'Ada Lovelace' },
    status: { state: 'APPROVED', note: ' Fine ', updatedBy: 'mia', updatedByUserName: 'Mia Manager' },
  };

  it('carries its person, days, period, hours, note and who decided', () => {
    expect(submissionOf(request, 'PT8H')).toEqual({
      id: request.id,
      person: 'Ada Lovelace',
      personId: 'ada',
      firstDay: '2026-11-09',
      lastDay: '2026-11-15',
      period: 'week',
      status: 'approved',
      trackedSeconds: 28_800,
      note: 'Fine',
      decidedBy: 'Mia Manager',
    });
  });

  it('names nobody as deciding a pending one or what the person did themselves, and takes the state an answer showed', () => {
    expect(submissionOf({ ...request, status: { ...request.status, state: 'PENDING' } })?.decidedBy).toBeNull();
    expect(submissionOf({ ...request, status: { state: 'WITHDRAWN_SUBMISSION', updatedBy: 'ada', updatedByUserName: 'Ada' } })?.decidedBy).toBeNull();
    expect(submissionOf(request, null, 'REJECTED')?.status).toBe('rejected');
  });

  it('is none without an id, an owner, readable days or a known state', () => {
    expect(submissionOf({ ...request, id: '' })).toBeUndefined();
    expect(submissionOf({ ...request, owner: null })).toBeUndefined();
    expect(submissionOf({ ...request, dateRange: null })).toBeUndefined();
    expect(submissionOf({ ...request, status: { state: 'UNSUBMITTED' } })).toBeUndefined();
  });
});

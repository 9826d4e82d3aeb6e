// Clockify's records as Punchcard's and back: pure conversions, each checked against what Clockify
// sends and takes (docs/back-ends/clockify.md).
import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  clockifyTime,
  durationHours,
  entryJson,
  estimateHours,
  holidayNames,
  instantOf,
  isWork,
  leaveStatusOf,
  projectBudget,
  periodDays,
  planName,
  policyFor,
  timeOffBody,
  toLeaveRequest,
  withIds,
  withNote,
  workingDaysOf,
  workWeekOf,
} from '../../../../mcp-server/providers/clockify/mapping.ts';
import type { ClockifyTimeEntry, ClockifyTimeOffRequest } from '../../../../mcp-server/providers/clockify/wire.ts';
import { countedPage } from '../../../../mcp-server/providers/clockify/api.ts';

describe('times', () => {
  it('sends UTC whole seconds, and reads Z, offsets and fractions', () => {
    expect(clockifyTime(Date.parse('2026-11-18T06:30:12.345Z'))).toBe('2026-11-18T06:30:12Z');
    expect(instantOf('2026-11-18T06:30:00Z')).toBe(Date.parse('2026-11-18T06:30:00Z'));
    expect(instantOf('2026-11-18T07:30:00.123+01:00')).toBe(Date.parse('2026-11-18T06:30:00Z'));
    for (const text of ['2026-11-18', 'yesterday', null, undefined]) expect(() => instantOf(text)).toThrow(/Clockify sent a time .* cannot read/);
  });
});

describe('entries', () => {
  const entry: ClockifyTimeEntry = {
    id: 'e1',
    userId: 'u1',
    projectId: 'p1',
    taskId: 't1',
    description: 'Landing page',
    billable: true,
    tagIds: ['tag'],
    type: 'REGULAR',
    timeInterval: { start: '2026-11-18T06:30:00Z', end: null },
  };

  it('counts regular entries as work, not breaks or the holiday and time-off entries Clockify makes', () => {
    expect(isWork(entry)).toBe(true);
    expect(isWork({ type: undefined })).toBe(true);
    for (const type of ['BREAK', 'HOLIDAY', 'TIME_OFF']) expect(isWork({ type })).toBe(false);
  });

  it('replaces an entry with every field it keeps, a running one without an end', () => {
    expect(entryJson(bodyOf(entry))).toEqual({
      start: '2026-11-18T06:30:00Z',
      billable: true,
      description: 'Landing page',
      projectId: 'p1',
      taskId: 't1',
      tagIds: ['tag'],
    });
    expect(entryJson({ ...bodyOf(entry), end: Date.parse('2026-11-18T07:00:00Z'), projectId: null, taskId: null, tagIds: [] })).toEqual({
      start: '2026-11-18T06:30:00Z',
      end: '2026-11-18T07:00:00Z',
      billable: true,
      description: 'Landing page',
    });
  });

  it('keeps the project, task and tags of a hydrated answer that carries them only as objects', () => {
    const hydrated: ClockifyTimeEntry = {
      id: 'e2',
      userId: 'u1',
      description: 'Review',
      billable: false,
      timeInterval: { start: '2026-11-18T06:30:00Z', end: '2026-11-18T07:00:00Z' },
      project: { id: 'p1', name: 'Website' },
      task: { id: 't1', name: 'Design' },
      tags: [{ id: 'tag1' }, { id: 'tag2' }],
    };
    expect(entryJson(bodyOf(withIds(hydrated)))).toMatchObject({ projectId: 'p1', taskId: 't1', tagIds: ['tag1', 'tag2'] });
    // Ids as fields win; an entry on no project stays on none.
    expect(withIds({ ...entry, project: { id: 'other' } }).projectId).toBe('p1');
    expect(withIds({ ...hydrated, project: null, task: null, tags: null })).toMatchObject({ projectId: null, taskId: null, tagIds: null });
  });

  it('refuses a description longer than Clockify keeps, before anything is sent', () => {
    expect(() => entryJson({ ...bodyOf(entry), description: 'x'.repeat(3_001) })).toThrow(
      "Clockify keeps at most 3,000 characters in a time entry's description; this one would have 3,001. Shorten it.",
    );
    expect(entryJson({ ...bodyOf(entry), description: 'x'.repeat(3_000) }).description).toHaveLength(3_000);
  });

  it('adds a note on a line of its own', () => {
    expect(withNote('Landing page', 'Done')).toBe('Landing page\nDone');
    expect(withNote('', 'Done')).toBe('Done');
    expect(withNote('Landing page', undefined)).toBe('Landing page');
  });
});

describe("the person's plan", () => {
  it('reads work capacity as ISO durations, nothing else', () => {
    expect(durationHours('PT8H')).toBe(8);
    expect(durationHours('PT7H30M')).toBe(7.5);
    expect(durationHours('pt45m')).toBe(0.75);
    for (const text of ['PT', '8', 'P1D', 'PT25H', null, undefined]) expect(durationHours(text)).toBeUndefined();
  });

  it('reads working days as an array or as its JSON text', () => {
    expect(workingDaysOf(['MONDAY', 'friday'])).toEqual(['mon', 'fri']);
    expect(workingDaysOf('["TUESDAY","WEDNESDAY"]')).toEqual(['tue', 'wed']);
    expect(workingDaysOf(['MONDAY', 'Someday'])).toBeUndefined();
    expect(workingDaysOf(null)).toBeUndefined();
  });

  it('makes the week of the capacity on the working days, or none without either', () => {
    expect(workWeekOf({ workCapacity: 'PT6H', workingDays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY'] })).toEqual({
      mon: 6,
      tue: 6,
      wed: 6,
      thu: 6,
      fri: 0,
      sat: 0,
      sun: 0,
    });
    expect(workWeekOf({ workCapacity: null, workingDays: ['MONDAY'] })).toBeUndefined();
    expect(workWeekOf(null)).toBeUndefined();
    // A profile nobody filled in: no hours, or no days, is no plan.
    expect(workWeekOf({ workCapacity: 'PT0H', workingDays: ['MONDAY'] })).toBeUndefined();
    expect(workWeekOf({ workCapacity: 'PT8H', workingDays: [] })).toBeUndefined();
    expect(workWeekOf({ workCapacity: 'PT8H', workingDays: '[]' })).toBeUndefined();
  });

  it('names the holidays of a range by date, a holiday of several days on each', () => {
    const names = holidayNames(
      [
        { name: 'Christmas', datePeriod: { startDate: '2026-12-24', endDate: '2026-12-26' } },
        { name: 'Out', datePeriod: { startDate: '2027-02-01' } },
      ],
      '2026-12-25',
      '2026-12-31',
    );
    expect([...names]).toEqual([
      ['2026-12-25', 'Christmas'],
      ['2026-12-26', 'Christmas'],
    ]);
  });

  it('reads the plan as a name', () => {
    expect(planName('STANDARD_2021')).toBe('STANDARD_2021');
    expect(planName({ addonSubscriptionPlan: 'PRO' })).toBe('PRO');
    expect(planName({})).toBeUndefined();
  });
});

describe('time off', () => {
  const request = (period: { start: string; end: string }, extra: Partial<ClockifyTimeOffRequest> = {}): ClockifyTimeOffRequest => ({
    id: 'r1',
    userId: 'u1',
    policyId: 'p1',
    policyName: 'Vacation',
    status: { statusType: 'PENDING' },
    timeOffPeriod: { period },
    ...extra,
  });

  it('reads a period as days in the requester zone, whether it ends at the last instant of a day or the start of the next', () => {
    expect(periodDays(request({ start: '2026-12-06T23:00:00Z', end: '2026-12-09T22:59:59.999Z' }), 'Europe/Berlin')).toEqual({
      firstDay: '2026-12-07',
      lastDay: '2026-12-09',
    });
    expect(periodDays(request({ start: '2026-12-06T23:00:00Z', end: '2026-12-09T23:00:00Z' }), 'Europe/Berlin')).toEqual({
      firstDay: '2026-12-07',
      lastDay: '2026-12-09',
    });
    expect(periodDays(request({ start: '2026-12-07T05:00:00Z', end: '2026-12-07T05:00:00Z' }), 'America/New_York')).toEqual({
      firstDay: '2026-12-07',
      lastDay: '2026-12-07',
    });
  });

  it("maps statuses, the policy as the kind, a half day's half and Clockify's day count", () => {
    expect(['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN', undefined].map(leaveStatusOf)).toEqual([
      'pending',
      'approved',
      'rejected',
      'cancelled',
      'cancelled',
    ]);
    const half = request(
      { start: '2026-12-06T23:00:00Z', end: '2026-12-07T22:59:59.999Z' },
      {
        timeOffPeriod: { period: { start: '2026-12-06T23:00:00Z', end: '2026-12-07T22:59:59.999Z' }, halfDay: true, halfDayPeriod: 'SECOND_HALF' },
        balanceDiff: -0.5,
      },
    );
    expect(toLeaveRequest(half, 4, 'Ada', 'Europe/Berlin', () => 99)).toEqual({
      id: 4,
      person: 'Ada',
      type: 'vacation',
      kind: 'Vacation',
      firstDay: '2026-12-07',
      lastDay: '2026-12-07',
      firstDayPart: 'afternoon',
      lastDayPart: 'full',
      days: 0.5,
      status: 'pending',
      comment: '',
    });
    // Without Clockify's count, the caller counts.
    expect(toLeaveRequest(request({ start: '2026-12-06T23:00:00Z', end: '2026-12-09T22:59:59.999Z' }), 1, 'Ada', 'Europe/Berlin', () => 3).days).toBe(3);
  });

  it('files a part by dates, a half day with its half', () => {
    expect(timeOffBody({ firstDay: '2026-12-07', lastDay: '2026-12-08', halfDay: false, half: null }, 'Family')).toEqual({
      timeOffPeriod: { period: { start: '2026-12-07', end: '2026-12-08' }, isHalfDay: false },
      note: 'Family',
    });
    expect(timeOffBody({ firstDay: '2026-12-09', lastDay: '2026-12-09', halfDay: true, half: 'morning' }, '')).toEqual({
      timeOffPeriod: { period: { start: '2026-12-09', end: '2026-12-09' }, isHalfDay: true, halfDayPeriod: 'FIRST_HALF' },
    });
  });

  describe('policyFor', () => {
    const policies = [
      { id: 'v', name: 'Vacation', halfDay: true, unit: 'DAYS' },
      { id: 's', name: 'Sick leave', halfDay: false, unit: 'DAYS' },
      { id: 'o', name: 'Overtime hours', halfDay: false, unit: 'HOURS' },
      { id: 'p', name: 'Personal day', halfDay: undefined, unit: 'DAYS' },
      { id: 'p2', name: 'Special personal leave', halfDay: undefined, unit: 'DAYS' },
    ];

    it("takes the policy named, in any case, or the one of Punchcard's type", () => {
      expect(policyFor(policies, 'vacation', undefined).id).toBe('v');
      expect(policyFor(policies, 'other', 'sick LEAVE').id).toBe('s');
    });

    it('refuses hours, unknown names, no match and several, naming the policies', () => {
      expect(() => policyFor(policies, 'other', 'Overtime hours')).toThrow(/counted in hours in Clockify/);
      expect(() => policyFor(policies, 'other', 'Sabbatical')).toThrow(
        /You have no time-off policy "Sabbatical" in Clockify\. Yours: "Vacation", "Sick leave", "Personal day", "Special personal leave"\./,
      );
      expect(() => policyFor(policies, 'parental', undefined)).toThrow(/None of your Clockify time-off policies is parental/);
      expect(() => policyFor(policies, 'personal', undefined)).toThrow(
        /Several of your Clockify policies are personal: "Personal day", "Special personal leave"/,
      );
    });
  });
});

describe('counted pages (time-off requests, balances)', () => {
  it("counts pages at the size asked for, or at the first page's size where Clockify keeps fewer", () => {
    const items = (count: number) => Array.from({ length: count }, (_, index) => index);
    expect(countedPage(items(200), 450)).toMatchObject({ pages: 3, total: 450, size: 200 });
    // Clockify kept 50 a page: nine pages, not three.
    expect(countedPage(items(50), 450)).toMatchObject({ pages: 9, total: 450, size: 50 });
    // A short list is one page; no count means the page is all there is.
    expect(countedPage(items(7), 7)).toMatchObject({ pages: 1, total: 7 });
    expect(countedPage(items(3), undefined)).toMatchObject({ pages: 1, total: 3 });
    expect(countedPage([], 0)).toMatchObject({ pages: 1, total: 0 });
  });
});

describe("a project's estimates", () => {
  it('reads an estimate as milliseconds (a number or digits) or an ISO 8601 duration of any length', () => {
    expect(estimateHours(72_000_000)).toBe(20);
    expect(estimateHours('72000000')).toBe(20);
    expect(estimateHours('PT120H30M')).toBe(120.5);
    expect(estimateHours('P2DT4H')).toBe(52);
    expect([estimateHours('0'), estimateHours('PT0S'), estimateHours('soon'), estimateHours(null)]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('takes the active time estimate, monthly where Clockify resets it monthly, and the budget in cents as money', () => {
    const project = { id: 'p', name: 'Website' };
    expect(
      projectBudget({
        ...project,
        timeEstimate: { active: true, estimate: '72000000', resetOption: 'MONTHLY' },
        budgetEstimate: { active: true, estimate: 150_000 },
      }),
    ).toEqual({ hours: 20, money: 1500, monthly: true });
    expect(projectBudget({ ...project, timeEstimate: { active: false, estimate: '72000000' }, estimate: { estimate: 'PT10H' } })).toEqual({
      hours: 10,
      money: null,
      monthly: false,
    });
    expect(projectBudget(project)).toEqual({ hours: null, money: null, monthly: false });
  });

  it('says in words, and does not compare, an estimate that resets weekly or yearly', () => {
    const weekly = projectBudget({ id: 'p', name: 'Website', timeEstimate: { active: true, estimate: 'PT40H', resetOption: 'WEEKLY' } });
    expect(weekly).toEqual({
      hours: null,
      money: null,
      monthly: false,
      note: "Clockify resets this project's estimate of 40 h every week; Punchcard compares only one-off and monthly estimates, so no share is given.",
    });
  });
});

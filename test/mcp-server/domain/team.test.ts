// The team tools' sums (mcp-server/domain/team.ts): a colleague's week against their targets with the
// days they recorded nothing and the timer they left running, a project's week, month and total
// against a budget, who else is away during a request (by name only), and windows of a big team.
import { describe, expect, it } from 'vitest';
import { alsoAway, type ColleagueWork, type PendingLeave, peopleShown, projectFigures, summarizeColleague, windowOf } from '../../../mcp-server/domain/team.ts';
import { weekPlan } from '../../../mcp-server/domain/work-plan.ts';

const ZONE = 'Europe/Berlin';
const at = (text: string) => Date.parse(text);
// Thursday 19 November 2026, 15:00 in Berlin.
const NOW = at('2026-11-19T15:00:00+01:00');
const WEEK = { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 };
const RANGE = { from: '2026-11-16', to: '2026-11-22' };

describe("a colleague's range", () => {
  const work: ColleagueWork = {
    person: { id: 7, name: 'Ada' },
    spans: [
      { start: at('2026-11-16T09:00:00+01:00'), end: at('2026-11-16T17:00:00+01:00'), project: 'Website', activity: 'Design' },
      // Begun on Sunday evening before the range: only Monday's part counts.
      { start: at('2026-11-15T22:00:00+01:00'), end: at('2026-11-16T01:00:00+01:00'), project: 'Website', activity: 'Design' },
      { start: at('2026-11-19T13:00:00+01:00'), end: null, project: 'Support', activity: null },
    ],
    targets: null,
  };

  it('adds up the hours inside the range, a running timer until now, by project and activity', () => {
    const summary = summarizeColleague(work, RANGE, weekPlan(WEEK), ZONE, NOW);
    expect(summary.workedMinutes).toBe(8 * 60 + 60 + 2 * 60);
    expect(summary.byProject).toEqual([
      { project: 'Website', activity: 'Design', minutes: 9 * 60 },
      { project: 'Support', activity: null, minutes: 120 },
    ]);
    expect(summary.running).toBe('Support');
  });

  it("names the working days before today with nothing recorded, by the settings' week where the back end keeps no targets", () => {
    const summary = summarizeColleague(work, RANGE, weekPlan(WEEK), ZONE, NOW);
    expect(summary.missingDays).toEqual(['2026-11-17', '2026-11-18']);
    expect(summary.targetMinutes).toBeNull();
  });

  it("counts the back end's own targets where it keeps them, and their days off are not missing", () => {
    const targets = new Map([
      ['2026-11-16', 480],
      ['2026-11-17', 0],
      ['2026-11-18', 240],
      ['2026-11-19', 480],
    ]);
    const summary = summarizeColleague({ ...work, targets }, RANGE, weekPlan(WEEK), ZONE, NOW);
    expect(summary.targetMinutes).toBe(480 + 240 + 480);
    expect(summary.missingDays).toEqual(['2026-11-18']);
  });
});

describe("a project's status", () => {
  const span = (person: string, activity: string | null, start: string, hours: number) => ({
    person,
    activity,
    start: at(start),
    end: at(start) + hours * 3_600_000,
  });
  const work = {
    project: { id: 3, name: 'Website', customer: 'ACME' },
    budget: { hours: 100, money: null, currency: null, monthly: false },
    spans: [
      span('Ada', 'Design', '2026-11-17T09:00:00+01:00', 4),
      span('Tom', 'Meeting', '2026-11-03T09:00:00+01:00', 2),
      span('Ada', 'Design', '2026-10-05T09:00:00+01:00', 44),
    ],
  };

  it('sums this week, this month and the total, by person and activity, against the hours budget', () => {
    const figures = projectFigures(work, ZONE, NOW);
    expect(figures.minutes).toEqual({ week: 240, month: 360, total: 50 * 60 });
    expect(figures.byPerson).toEqual([
      { name: 'Ada', week: 240, month: 240, total: 48 * 60 },
      { name: 'Tom', week: 0, month: 120, total: 120 },
    ]);
    expect(figures.byActivity.map((activity) => activity.name)).toEqual(['Design', 'Meeting']);
    expect(figures.usedShare).toBe(0.5);
  });

  it('sets a monthly budget against this month, and claims no share without an hours budget', () => {
    expect(projectFigures({ ...work, budget: { ...work.budget, hours: 12, monthly: true } }, ZONE, NOW).usedShare).toBe(0.5);
    expect(projectFigures({ ...work, budget: { hours: null, money: 5000, currency: 'EUR', monthly: false } }, ZONE, NOW).usedShare).toBeNull();
  });
});

describe('who else is away', () => {
  const request: PendingLeave = {
    id: 1,
    personId: 7,
    person: 'Ada',
    type: 'vacation',
    firstDay: '2026-12-01',
    lastDay: '2026-12-05',
    firstDayPart: 'full',
    lastDayPart: 'full',
    days: 5,
    status: 'pending',
    comment: '',
  };

  it('names the others with a standing absence on any of its days, each once, and never the requester or a refused one', () => {
    const absences = [
      { personId: 7, person: 'Ada', firstDay: '2026-12-02', lastDay: '2026-12-02', status: 'approved' as const },
      { personId: 8, person: 'Tom', firstDay: '2026-11-28', lastDay: '2026-12-01', status: 'approved' as const },
      { personId: 8, person: 'Tom', firstDay: '2026-12-04', lastDay: '2026-12-04', status: 'pending' as const },
      { personId: 9, person: 'Bea', firstDay: '2026-12-03', lastDay: '2026-12-03', status: 'rejected' as const },
      { personId: 10, person: 'Cy', firstDay: '2026-12-06', lastDay: '2026-12-08', status: 'approved' as const },
    ];
    expect(alsoAway(request, absences)).toEqual(['Tom']);
  });
});

describe('windows of a big team', () => {
  it('cuts a window and says where the next starts, none after the last', () => {
    const people = Array.from({ length: 300 }, (_, index) => index);
    expect(windowOf(people, 0, 50)).toMatchObject({ nextOffset: 50 });
    expect(windowOf(people, 250, 50)).toEqual({ items: people.slice(250), nextOffset: null });
  });

  it('says which people a window shows, one person as one', () => {
    expect(peopleShown(0, 30, 300)).toBe('people 1–30 of 300');
    expect(peopleShown(2, 1, 3)).toBe('person 3 of 3');
    expect(peopleShown(0, 1, 1)).toBe('the one person');
    expect(peopleShown(30, 30, 300, 'in the teams you lead')).toBe('people 31–60 of the 300 in the teams you lead');
    expect(peopleShown(0, 1, 1, 'in the teams you lead')).toBe('the one person in the teams you lead');
  });
});

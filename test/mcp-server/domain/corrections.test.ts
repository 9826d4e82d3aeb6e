// The plan of a bulk correction (mcp-server/domain/corrections.ts): a running entry's hours count up to
// now, and a move to another project takes an old project's activity off only where the back end keeps
// no activity outside a project (Clockify's tasks), never where set.activity names one.
import { describe, expect, it } from 'vitest';
import { type CorrectionSubject, type CorrectionWorld, entrySet, hoursOf, planCorrections } from '../../../mcp-server/domain/corrections.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-19T15:00:00+01:00');

const entry = (id: number, start: number, end: number | null, extra: Partial<CorrectionSubject> = {}): CorrectionSubject => ({
  id,
  start,
  end,
  personId: 1,
  person: 'Ada',
  login: 'ada',
  projectId: 10,
  activityId: 20,
  billable: true,
  exported: false,
  tags: [],
  ...extra,
});

const kimai: Pick<CorrectionWorld, 'locked' | 'editsExported' | 'projectActivities'> = { locked: undefined, editsExported: true };
const clockify = { ...kimai, projectActivities: { noun: 'task' } };

describe('a correction plan', () => {
  it('counts a running entry up to now, and names it among the running', () => {
    const done = entry(1, NOW - 5 * HOUR, NOW - 4 * HOUR);
    const running = entry(2, NOW - 2.5 * HOUR, null);
    const plan = planCorrections([running, done], { billable: false }, kimai, NOW);
    expect(plan.hours).toBe(3.5);
    expect(plan.running).toEqual([running]);
    expect(hoursOf(running, NOW)).toBe(2.5);
    // A clock behind the entry's start counts nothing rather than less than nothing.
    expect(hoursOf(running, running.start - HOUR)).toBe(0);
  });

  it("clears an old project's activity on a move where activities are a project's own, and says which", () => {
    const tasked = entry(1, NOW - 3 * HOUR, NOW - 2 * HOUR);
    const bare = entry(2, NOW - 2 * HOUR, NOW - HOUR, { activityId: null });
    const there = entry(3, NOW - HOUR, NOW, { projectId: 11, activityId: 21 });
    const plan = planCorrections([tasked, bare, there], { projectId: 11 }, clockify, NOW);
    expect(plan.change.map((item) => item.id)).toEqual([1, 2]);
    expect(plan.cleared).toEqual([tasked]);
    expect(plan.unchanged).toBe(1);
    expect(entrySet(tasked, { projectId: 11 }, clockify)).toEqual({ projectId: 11, clearActivity: true });
    expect(entrySet(tasked, { projectId: 11, activityId: 22 }, clockify)).toEqual({ projectId: 11, activityId: 22 });
    expect(entrySet(there, { projectId: 11 }, clockify)).toEqual({ projectId: 11 });
    // Elsewhere an activity is kept on a move (the handler refuses one of another project in words).
    expect(planCorrections([tasked], { projectId: 11 }, kimai, NOW).cleared).toEqual([]);
    expect(entrySet(tasked, { projectId: 11 }, kimai)).toEqual({ projectId: 11 });
  });
});

// project_status's handler over the local timesheet's catalog plus a hand-written projects part
// (TeamProjectsPart in mcp-server/providers/time-tracker.ts): the week's, month's and total hours it
// sums from the spans, per person, against a total or monthly budget; an unknown project asks nothing.
import { describe, expect, it } from 'vitest';
import type { ProjectWork } from '../../../mcp-server/domain/team.ts';
import type { TeamProjectsPart } from '../../../mcp-server/providers/time-tracker.ts';
import createCatalogItem from '../../../mcp-server/tools/create-catalog-item.ts';
import projectStatus from '../../../mcp-server/tools/project-status.ts';
import { useLocalTimesheet } from './local-tool-context.ts';
import { trackerWithPart } from './tracker-with-part.ts';
import { said } from '../../support/said-outcome.ts';

// Wednesday 18 November 2026, 15:00 in Berlin; the week began on Monday the 16th, the month on the 1st.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const at = (text: string) => Date.parse(text);
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

/** Website (of Acme) in the local catalog; the part answers with its spans and the budget given. */
async function project(budget: ProjectWork['budget']) {
  const local = await openTimesheet();
  await local.run(createCatalogItem, { kind: 'customer', name: 'Acme' });
  const created = await local.run(createCatalogItem, { kind: 'project', name: 'Website', parent: 'Acme' });
  const asked: number[] = [];
  const part: TeamProjectsPart = {
    async projectWork(projectId) {
      asked.push(projectId);
      return {
        project: { id: projectId, name: 'Website', customer: 'Acme' },
        budget,
        spans: [
          { person: 'Ada', activity: 'Design', start: at('2026-11-18T07:00:00Z'), end: at('2026-11-18T09:00:00Z') },
          // Booked on to 16:00: only the half hour up to now counts.
          { person: 'Bea', activity: null, start: at('2026-11-18T13:30:00Z'), end: at('2026-11-18T15:00:00Z') },
          { person: 'Bea', activity: 'Design', start: at('2026-11-03T08:00:00Z'), end: at('2026-11-03T11:00:00Z') },
          { person: 'Bea', activity: 'Design', start: at('2026-10-20T08:00:00Z'), end: at('2026-10-20T12:00:00Z') },
        ],
      };
    },
  };
  const context = { ...local.context, tracker: trackerWithPart(local.tracker, 'team_projects', part) };
  const run = (args: Record<string, unknown>) => said(projectStatus.handler(projectStatus.input.parse(args), context));
  return { run, asked, id: created.data.id };
}

describe('project_status', () => {
  it("sums the week's, the month's and all hours, per person, against a total budget", async () => {
    const { run, asked, id } = await project({ hours: 19, money: null, currency: null, monthly: false });
    const { text, data } = await run({ project: 'website' });
    expect(asked).toEqual([id]);
    expect(text).toBe(
      [
        '"Website" ("Acme"): this week 2 h 30 min, this month 5 h 30 min, in total 9 h 30 min; budget 19 h, 50% used.',
        '"Bea": 30 min / 3 h 30 min / 7 h 30 min',
        '"Ada": 2 h / 2 h / 2 h',
      ].join('\n'),
    );
    expect(data).toMatchObject({ week_minutes: 150, month_minutes: 330, total_minutes: 570, used_share: 0.5 });
    expect(data.by_activity).toEqual([
      { activity: 'Design', week_minutes: 120, month_minutes: 300, total_minutes: 540 },
      { activity: null, week_minutes: 30, month_minutes: 30, total_minutes: 30 },
    ]);
  });

  it("measures a monthly budget against this month's hours", async () => {
    const { run } = await project({ hours: 10, money: null, currency: null, monthly: true });
    const { text, data } = await run({ project: 'Website' });
    expect(text.split('\n')[0]).toBe('"Website" ("Acme"): this week 2 h 30 min, this month 5 h 30 min, in total 9 h 30 min; budget 10 h a month, 55% used.');
    expect(data.used_share).toBe(0.55);
  });

  it('says a money budget is not measured, and no budget where there is none', async () => {
    const money = await project({ hours: null, money: 5000, currency: 'EUR', monthly: false });
    expect((await money.run({ project: 'Website' })).text.split('\n')[0]).toMatch(/; budget 5000 "EUR" \(money: Punchcard does not read rates\)\.$/);
    const none = await project({ hours: null, money: null, currency: null, monthly: false });
    const { text, data } = await none.run({ project: 'Website' });
    expect(text.split('\n')[0]).toMatch(/; no budget\.$/);
    expect(data.used_share).toBeNull();
  });

  it('refuses a project the catalog does not have, before asking the back end', async () => {
    const { run, asked } = await project({ hours: 19, money: null, currency: null, monthly: false });
    await expect(run({ project: 'Intranet' })).rejects.toThrow(/No project "Intranet"\. Known: "Website"/);
    expect(asked).toEqual([]);
  });
});

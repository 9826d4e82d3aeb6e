// team_report's handler over the local timesheet plus a hand-written team part (TeamHoursPart in
// mcp-server/providers/time-tracker.ts): what it makes of the colleagues' time (sums clipped to the
// range, by project, against targets, days with nothing, a running timer) and how it words paging.
import { describe, expect, it } from 'vitest';
import type { ColleagueWork } from '../../../mcp-server/domain/team.ts';
import type { TeamHoursPart } from '../../../mcp-server/providers/time-tracker.ts';
import teamReport from '../../../mcp-server/tools/team-report.ts';
import { useLocalTimesheet } from './local-tool-context.ts';
import { trackerWithPart } from './tracker-with-part.ts';
import { said } from '../../support/said-outcome.ts';

// Wednesday 18 November 2026, 15:00 in Berlin; the week began on Monday the 16th.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const at = (text: string) => Date.parse(text);
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

/** Three colleagues sorted by name, as a back end would hand them over. */
const TEAM: ColleagueWork[] = [
  {
    person: { id: 1, name: 'Bea' },
    // Sunday 23:00 to Monday 01:00 in Berlin: only the hour on Monday is in this week.
    spans: [
      { start: at('2026-11-15T22:00:00Z'), end: at('2026-11-16T00:00:00Z'), project: 'Website', activity: 'Design' },
      { start: at('2026-11-16T08:00:00Z'), end: at('2026-11-16T12:00:00Z'), project: 'Website', activity: 'Design' },
      { start: at('2026-11-17T08:00:00Z'), end: at('2026-11-17T10:30:00Z'), project: 'Intranet', activity: null },
    ],
    targets: null,
  },
  {
    person: { id: 2, name: 'Cem' },
    // Clocked in at 13:00 today and still working.
    spans: [{ start: at('2026-11-18T12:00:00Z'), end: null, project: 'Intranet', activity: null }],
    targets: new Map([
      ['2026-11-16', 360],
      ['2026-11-17', 360],
      ['2026-11-18', 360],
    ]),
  },
  { person: { id: 3, name: 'Dana' }, spans: [], targets: null },
];

async function withTeam() {
  const local = await openTimesheet();
  const asked: Array<{ from: number; to: number; offset: number; limit: number }> = [];
  const part: TeamHoursPart = {
    async teamWork(query) {
      asked.push(query);
      return { people: TEAM.slice(query.offset, query.offset + query.limit), total: TEAM.length, covers: 'the people in your teams' };
    },
  };
  const context = { ...local.context, tracker: trackerWithPart(local.tracker, 'team_hours', part) };
  const run = (args: Record<string, unknown>) => said(teamReport.handler(teamReport.input.parse(args), context));
  return { run, asked };
}

describe('team_report', () => {
  it('sums this week so far per colleague, by project, against targets, with the days they recorded nothing', async () => {
    const { run, asked } = await withTeam();
    const { text, data } = await run({});
    expect(asked).toEqual([{ from: at('2026-11-15T23:00:00Z'), to: at('2026-11-18T23:00:00Z'), offset: 0, limit: 25 }]);
    expect(text).toBe(
      [
        '2026-11-16 to 2026-11-18, the people in your teams: people 1–3 of 3.',
        '"Bea": 7 h 30 min',
        '"Cem": 2 h of 18 h; nothing on 2026-11-16, 2026-11-17; running: "Intranet"',
        '"Dana": 0 min; nothing on 2026-11-16, 2026-11-17',
      ].join('\n'),
    );
    expect(data.people[0]).toEqual({
      id: 1,
      name: 'Bea',
      minutes: 450,
      target_minutes: null,
      by_project: [
        { project: 'Website', activity: 'Design', minutes: 300 },
        { project: 'Intranet', activity: null, minutes: 150 },
      ],
      missing_days: [],
      running: null,
    });
    expect(data).toMatchObject({ total_people: 3, next_offset: null, covers: 'the people in your teams' });
  });

  it('pages with a limit, saying who is shown and the next offset', async () => {
    const { run, asked } = await withTeam();
    const first = await run({ limit: 2 });
    expect(first.text.split('\n')[0]).toBe('2026-11-16 to 2026-11-18, the people in your teams: people 1–2 of 3. More with offset 2.');
    expect(first.data.next_offset).toBe(2);
    const second = await run({ limit: 2, offset: 2 });
    expect(second.text.split('\n')).toEqual([
      '2026-11-16 to 2026-11-18, the people in your teams: person 3 of 3.',
      '"Dana": 0 min; nothing on 2026-11-16, 2026-11-17',
    ]);
    expect(asked.map((query) => [query.offset, query.limit])).toEqual([
      [0, 2],
      [2, 2],
    ]);
  });

  it('runs a week from a day given, asking for those days only', async () => {
    const { run, asked } = await withTeam();
    const { data } = await run({ from: '2026-11-09' });
    expect(data).toMatchObject({ from: '2026-11-09', to: '2026-11-15' });
    expect(asked[0]).toMatchObject({ from: at('2026-11-08T23:00:00Z'), to: at('2026-11-15T23:00:00Z') });
    // Bea's span from Sunday 23:00 is in that week for its first hour.
    expect(data.people[0]).toMatchObject({ name: 'Bea', minutes: 60 });
  });
});

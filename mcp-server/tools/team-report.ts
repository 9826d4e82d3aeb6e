import { MAX_CALENDAR_DAYS } from '../domain/call-limits.ts';
import { peopleShown, summarizeColleague } from '../domain/team.ts';
import { addDays, formatDuration, startOfIsoWeek } from '../domain/time.ts';
import { planOf } from '../domain/work-plan.ts';
import { teamReportContract } from '../contract/tools/team-report.ts';
import { joined, outside, say } from '../contract/outcomes/sentence.ts';
import { findingCountsText } from '../contract/outcomes/working-time.ts';
import type { RuleSetName } from '../contract/working-time.ts';
import { type FindingCounts, teamFindingCounts } from '../domain/working-time/index.ts';
import type { ColleagueSpan } from '../domain/team.ts';
import type { DayPlan } from '../domain/work-plan.ts';
import { defineTool } from './define-tool.ts';
import { dayRange, readDayRange, today } from './shared.ts';

/** People per window when the caller names no limit. */
const DEFAULT_LIMIT = 25;

export default defineTool({
  ...teamReportContract,
  async handler(args, context) {
    const { tracker } = context;
    const now = today(context);
    // This week so far; a range that starts on a given day runs for a week from it.
    const { from, to } = readDayRange(
      args,
      context,
      { from: startOfIsoWeek(now), to: (start) => (args.from === undefined ? now : addDays(start, 6)) },
      { days: MAX_CALENDAR_DAYS },
    );
    const { start, end } = dayRange(from, to, context);
    const offset = args.offset ?? 0;
    const page = await tracker.teamHours.teamWork({ from: start, to: end, offset, limit: args.limit ?? DEFAULT_LIMIT });
    // Which days are working days, where the back end keeps no targets for a colleague: the settings' week.
    const plan = planOf(await context.workDays(from, to));
    const people = page.people.map((work) => summarizeColleague(work, { from, to }, plan, context.timezone, context.now()));
    // The organisation's working-time rules over each person's range, from the spans just read (nothing more is asked).
    const rules = context.settings.workingTime.rules;
    const counts = page.people.map((work) => (rules === 'off' ? null : findingsOf(rules, work.spans, { from, to }, plan, context.timezone, context.now())));
    const shown = offset + people.length;
    const nextOffset = shown < page.total ? shown : null;
    const lines = people.map((person, index) => {
      const found = counts[index];
      const target = person.targetMinutes === null ? '' : ` of ${formatDuration(person.targetMinutes * 60_000)}`;
      const missing = person.missingDays.length > 0 ? `; nothing on ${person.missingDays.join(', ')}` : '';
      // What the timer runs on is the tracker's names.
      const running = person.running ? say`; running: ${outside(person.running)}` : '';
      const workingTime = found && rules !== 'off' ? `; working time: ${findingCountsText(rules, found)}` : '';
      return say`${outside(person.name)}: ${formatDuration(person.workedMinutes * 60_000)}${target}${missing}${running}${workingTime}`;
    });
    const window = page.total === 0 ? 'nobody' : peopleShown(offset, people.length, page.total);
    const more = nextOffset === null ? '' : ` More with offset ${nextOffset}.`;
    return {
      data: {
        from,
        to,
        people: people.map((person, index) => ({
          id: person.id,
          name: person.name,
          minutes: person.workedMinutes,
          target_minutes: person.targetMinutes,
          by_project: person.byProject,
          missing_days: person.missingDays,
          running: person.running,
          ...(counts[index] ? { working_time: counts[index] } : {}),
        })),
        total_people: page.total,
        next_offset: nextOffset,
        covers: page.covers,
      },
      text: joined([`${from} to ${to}, ${page.covers}: ${window}.${more}`, ...lines], '\n'),
    };
  },
});

/** A colleague's findings in the range, counted by code (domain/working-time/team-counts.ts): a running timer works until now. */
function findingsOf(
  rules: RuleSetName,
  spans: readonly ColleagueSpan[],
  range: { from: string; to: string },
  plan: DayPlan,
  zone: string,
  now: number,
): FindingCounts {
  const counted = spans.map((span) => ({ start: span.start, end: span.end ?? Math.max(now, span.start), ...(span.span ? { span: span.span } : {}) }));
  return teamFindingCounts({ rules, zone, ...range, spans: counted, calendar: { plan, leave: new Map() } });
}

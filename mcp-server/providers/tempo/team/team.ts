// The team report on Tempo (docs/back-ends/tempo.md, "Teams"): the members of the Tempo teams whose lead is the person
// (each team's memberships, those that span the range), by the names Jira gives them, each with their worklogs (by
// their accountId: what the lead's token may see of them) and their schedule's targets where Tempo shows it (a token
// without the Schemes scope: none claimed). A window of people at a time, two requests each, fewer people where the
// call has fewer requests left.
import type { ColleagueSpan, ColleagueWork, TeamWorkPage } from '../../../domain/team.ts';
import { addDays, localDate } from '../../../domain/time.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { Expiring } from '../../remote/cache.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';
import { unlessRefused } from '../../remote/remote-error.ts';
import { requestsLeft } from '../../remote/request-budget.ts';
import { BackEndError } from '../../time-tracker.ts';
import type { TempoCatalogView, TempoContext, TempoGrid } from '../context.ts';
import { scheduleDays, worklogSpan } from '../mapping.ts';
import type { TempoWorklog } from '../wire.ts';
import { teamEndpoints, type TeamEndpoints } from './endpoints.ts';

const COVERS = 'the members of the Tempo teams you lead';
/** Whom the person leads is read again after a few minutes. */
const MEMBERS_TTL_MS = 5 * 60_000;
/** Requests a person of the window costs: their worklogs and their schedule. */
const PER_PERSON = 2;
/**
 * Requests a window leaves for the rest of the call: the issues' names, the person's own schedule (the report's plan),
 * and a 429 waited out once; with two, a window of a team of 300 took the call's 40 to the last, and one wait more
 * failed the whole report.
 */
const WINDOW_MARGIN = 4;

export class TempoTeam extends CellPart<TempoContext, TeamEndpoints, { catalog: TempoCatalogView }> {
  readonly #members = new Expiring<string[]>(MEMBERS_TTL_MS, () => this.context.options.now());

  async teamWork(query: { from: number; to: number; offset: number; limit: number }): Promise<TeamWorkPage> {
    const members = await this.#membersLed();
    if (members.length === 0) throw new BackEndError('part_missing', { part: 'team_hours', back_end: 'Tempo Timesheets' });
    const names = await this.context.namesOf(members);
    const people = members
      .map((accountId) => ({ accountId, name: names.get(accountId) ?? accountId }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.accountId.localeCompare(b.accountId));
    const zone = await this.context.zone();
    const range = { from: localDate(query.from, zone), to: localDate(query.to - 1, zone) };
    const room = Math.max(1, Math.floor((requestsLeft() - WINDOW_MARGIN) / PER_PERSON));
    const window = people.slice(query.offset, query.offset + Math.min(query.limit, room));
    const read = await Promise.all(
      window.map(async (person) => {
        const [worklogs, schedule] = await Promise.all([
          this.endpoints.worklogsOf(person.accountId, addDays(range.from, -1), range.to, `read the worklogs of ${quotedLine(person.name)}`),
          unlessRefused(this.endpoints.scheduleOf(person.accountId, range.from, range.to)),
        ]);
        return { person, worklogs: worklogs.filter((worklog) => worklog?.author?.accountId === person.accountId), schedule };
      }),
    );
    const issues = await this.parts.catalog.issuesById(
      read.flatMap(({ worklogs }) => worklogs.flatMap((worklog) => (typeof worklog.issue?.id === 'number' ? [worklog.issue.id] : []))),
    );
    const work: ColleagueWork[] = read.map(({ person, worklogs, schedule }) => ({
      // Tempo and Jira name people by their accountId alone: the report names them by it too, the same in every window
      // and every week, where a place in the list would change with the team.
      person: { id: person.accountId, name: person.name },
      spans: spansOf(worklogs, zone, query.from, query.to, (id) => issues.get(id)?.summary ?? null),
      targets: schedule ? new Map(scheduleDays(schedule.results ?? [], range.from, range.to).map((day) => [day.date, day.targetMinutes])) : null,
    }));
    return { people: work, total: people.length, covers: COVERS };
  }

  /** The members of the teams whose lead is the person, each once, kept a few minutes; the lead too where a team lists them. */
  #membersLed(): Promise<string[]> {
    return this.#members.get(async () => {
      const accountId = await this.context.accountId();
      // The teams an optional read (context.ts): none shown, none led.
      const led = ((await this.context.optional.teams.read(() => this.endpoints.teams(), null)) ?? []).filter(
        (team) => team?.lead?.accountId === accountId && typeof team.id === 'number',
      );
      const today = await this.context.today();
      const members = new Set<string>();
      for (const team of led) {
        for (const membership of await this.endpoints.memberships(team.id)) {
          const member = membership?.member?.accountId;
          // A membership over: its member left the team.
          if (typeof member === 'string' && (!membership.to || membership.to >= today)) members.add(member);
        }
      }
      return [...members];
    });
  }
}

/** A member's worklogs as the spans of [from, to). */
function spansOf(worklogs: readonly TempoWorklog[], zone: string, from: number, to: number, issueName: (id: number) => string | null): ColleagueSpan[] {
  return worklogs.flatMap((worklog) => {
    if (typeof worklog.startDate !== 'string') return [];
    const { start, end, span } = worklogSpan(worklog, zone);
    if (end <= from || start >= to) return [];
    // A worklog without its start time keeps its day and length only: marked so, its times placed, not kept.
    return [{ start, end, project: typeof worklog.issue?.id === 'number' ? issueName(worklog.issue.id) : null, activity: null, ...(span ? { span } : {}) }];
  });
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TempoGrid, TeamEndpoints>({
  endpoints: teamEndpoints,
  parts: (context, endpoints, built) => ({ teamHours: new TempoTeam(context, endpoints, { catalog: built.part('catalog') }) }),
});

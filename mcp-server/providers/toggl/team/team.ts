// The team tools on Toggl Track (docs/back-ends/toggl.md, "For leads"), within the person's own role, checked before
// anything is sent (rights.ts). team_report: the workspace's people (workspace users, the deactivated left out; for a
// Team Lead Toggl refuses them, its lighter list of users, without working hours, for a day), at most twenty a call, their finished entries read by the Reports API v3 naming them (`user_ids`), each against their
// own working hours a day over the settings' working days, else the settings' week. project_status: the project read
// alone for its estimate, its finished entries read by the report naming it (`project_ids`), for an admin or Team Lead
// any project, for a project manager their own. Toggl's reports hold finished entries only: said in `covers` and `note`.
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';
import { type ColleagueSpan, type ColleagueWork, type ProjectWork, type TeamWorkPage, windowOf } from '../../../domain/team.ts';
import { addDays, localDate } from '../../../domain/time.ts';
import { weekPlanDays } from '../../../domain/work-plan.ts';
import type { WorkWeek } from '../../../contract/settings.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { PEOPLE_PER_CALL } from '../../remote/people-window.ts';
import { BackEndError } from '../../time-tracker.ts';
import type { TeamMember, TogglCatalogView, TogglContext, TogglGrid, Withdrawn } from '../context.ts';
import { overseesProjects, leadsPeople, seesEveryProject } from '../rights.ts';
import type { TogglReportRow } from '../wire.ts';
import { type ReportQuery, type TeamEndpoints, teamEndpoints } from './endpoints.ts';
import { nextRowOf, peopleReadWhole, REPORT_PAGE_SIZE, readReport, reportSpans, type ReportSpan } from './report.ts';

const TEAM_HOURS: Withdrawn = { capability: 'team_hours', tool: 'team_report', needs: 'a workspace admin or Team Lead' };
const TEAM_PROJECTS: Withdrawn = {
  capability: 'team_projects',
  tool: 'project_status',
  needs: 'a workspace admin or Team Lead, or the manager of the project',
};
/** How far back a project without a start date is read. */
const UNDATED_PROJECT_DAYS = 365;
const FINISHED_ONLY = "Finished entries only: Toggl's reports hold no running timer.";
/** Said where Toggl refused a Team Lead the workspace users and the people came from its lighter list. */
const LIGHTER_LIST = "no one's working hours: Toggl shows a Team Lead the workspace's people without them, so targets are the settings' week";

type Catalog = { catalog: TogglCatalogView };

export class TogglTeam extends CellPart<TogglContext, TeamEndpoints, Catalog> {
  async teamWork(query: { from: number; to: number; offset: number; limit: number }): Promise<TeamWorkPage> {
    const rights = await this.context.rights();
    if (!leadsPeople(rights)) throw this.context.lacks(rights, 'team_report', "see others' hours", TEAM_HOURS.needs);
    await this.context.keepQuota("read your people's time");
    const zone = await this.context.zone();
    return this.context.administering(TEAM_HOURS, "read your workspace's hours", async () => {
      const [{ people, light }, workspaceId] = await Promise.all([this.context.teamMembers(rights), this.context.workspaceId()]);
      const { items } = windowOf(people, query.offset, Math.max(1, Math.min(query.limit, PEOPLE_PER_CALL)));
      // Toggl dates each entry in its creator's profile zone: asked a day wider each side, kept by its instants.
      const dates = { start_date: addDays(localDate(query.from, zone), -1), end_date: addDays(localDate(query.to - 1, zone), 1) };
      const ids = items.map((person) => person.id);
      const { rows, finished } =
        items.length === 0
          ? { rows: [], finished: true }
          : await this.#report(workspaceId, { user_ids: ids, ...dates, page_size: REPORT_PAGE_SIZE, order_by: 'user' }, "read your people's time");
      const whole = items.slice(0, peopleReadWhole(ids, rows, finished));
      // One person with more rows than a call reads: shown with those read, and said so.
      const cutShort = !finished && whole.length === 1 && rows.at(-1)?.user_id === whole[0]?.id;
      const spans = reportSpans(rows).filter((span) => span.start < query.to && span.end > query.from);
      const days = { from: localDate(query.from, zone), to: localDate(query.to - 1, zone) };
      const holidays = await this.context.options.holidays(days.from, days.to);
      const week = this.context.options.workWeek();
      const work: ColleagueWork[] = [];
      for (const person of whole) {
        const theirs = await Promise.all(spans.filter((span) => span.userId === person.id).map((span) => this.#colleagueSpan(span)));
        work.push({ person: { id: person.id, name: person.name }, spans: theirs, targets: targetsOf(person, days, week, holidays) });
      }
      const cut = cutShort ? `; of ${quotedLine(whole[0]?.name ?? '')} only the report's first ${rows.length} rows` : '';
      const lighter = light ? `; ${LIGHTER_LIST}` : '';
      return { people: work, total: people.length, covers: `everyone active in the Toggl Track workspace (finished entries only${cut}${lighter})` };
    });
  }

  async projectWork(projectId: number): Promise<ProjectWork> {
    const rights = await this.context.rights();
    if (!overseesProjects(rights)) throw this.context.lacks(rights, 'project_status', "see a project's time", TEAM_PROJECTS.needs);
    if (!seesEveryProject(rights) && !(await this.context.managedProjects()).has(projectId)) {
      // A project manager sees the time of their own projects: another is named as not theirs, and nothing of it is read.
      const { project } = await this.parts.catalog.nameOf(projectId, null);
      throw new BackEndError('project_not_yours', { back_end: 'Toggl Track', project: project ?? { id: projectId, name: `#${projectId}` } });
    }
    await this.context.keepQuota("read the project's time");
    return this.context.administering(TEAM_PROJECTS, "read the project's time", async () => {
      const workspaceId = await this.context.workspaceId();
      const [project, today] = await Promise.all([this.endpoints.project(workspaceId, projectId), this.context.today()]);
      const from = dateOnly(project.start_date) ?? dateOnly(project.created_at) ?? addDays(today, -UNDATED_PROJECT_DAYS);
      // The end a day on: an entry of today in a creator's zone ahead of the person's is dated tomorrow there.
      const query: ReportQuery = { project_ids: [projectId], start_date: from, end_date: addDays(today, 1), page_size: REPORT_PAGE_SIZE };
      const { rows, finished } = await this.#report(workspaceId, query, `read the time on the project ${quotedLine(project.name)}`);
      const now = this.context.options.now();
      const spans = await Promise.all(
        reportSpans(rows)
          .filter((span) => span.start <= now)
          .map(async (span) => ({
            person: span.username ?? `user #${span.userId ?? '?'}`,
            activity: span.taskId === null ? null : ((await this.parts.catalog.nameOf(projectId, span.taskId)).task?.name ?? null),
            start: span.start,
            end: span.end,
          })),
      );
      const customer = await this.#customerName(project.client_id ?? project.cid ?? null);
      const estimate = typeof project.estimated_hours === 'number' && project.estimated_hours > 0 ? project.estimated_hours : null;
      const cut = finished ? '' : ` Only the report's first ${rows.length} rows were read (Toggl's pages of ${REPORT_PAGE_SIZE}, four a call).`;
      return {
        project: { id: project.id, name: project.name, customer },
        // estimated_hours is the budget in hours; fixed_fee is a price, not a budget: no money budget.
        budget: { hours: estimate, money: null, currency: null, monthly: false },
        spans,
        note: `${FINISHED_ONLY}${cut}`,
      };
    });
  }

  /** The report's pages, at most four, each naming whom or what it is about. */
  #report(workspaceId: number, query: ReportQuery, action: string): Promise<{ rows: TogglReportRow[]; finished: boolean }> {
    return readReport(async (first) => {
      const { data, headers } = await this.endpoints.reportPage(workspaceId, first === undefined ? query : { ...query, first_row_number: first }, action);
      return { rows: Array.isArray(data) ? data : [], next: nextRowOf(headers) };
    });
  }

  async #colleagueSpan(span: ReportSpan): Promise<ColleagueSpan> {
    const { project, task } = await this.parts.catalog.nameOf(span.projectId, span.taskId);
    return { start: span.start, end: span.end, project: project?.name ?? null, activity: task?.name ?? null };
  }

  async #customerName(clientId: number | null): Promise<string | null> {
    if (clientId === null) return null;
    const { customers } = await this.parts.catalog.catalog(true, ['customer']);
    return customers.find((customer) => customer.id === clientId)?.name ?? null;
  }
}

/** A person's target minutes by day: their working hours a day on the settings' working days, none on a holiday; null where Toggl names none. */
function targetsOf(
  person: TeamMember,
  days: { from: string; to: string },
  week: WorkWeek,
  holidays: ReadonlyMap<string, string>,
): ReadonlyMap<string, number> | null {
  if (person.dayMinutes === null) return null;
  // working_hours_in_minutes read as a day's (the workspace's default 480): on each day the settings' week works.
  const theirs = Object.fromEntries(Object.entries(week).map(([day, hours]) => [day, hours > 0 ? (person.dayMinutes as number) / 60 : 0])) as WorkWeek;
  return new Map(weekPlanDays(days.from, days.to, theirs, holidays).map((day) => [day.date, Math.round(day.targetMinutes)]));
}

/** YYYY-MM-DD of a date or an instant Toggl wrote; undefined where none. */
function dateOnly(value: string | null | undefined): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value ?? '');
  return match?.[1];
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TogglGrid, TeamEndpoints>({
  endpoints: teamEndpoints,
  parts: (context, endpoints, built) => {
    const team = new TogglTeam(context, endpoints, { catalog: built.part('catalog') });
    return { teamHours: team, teamProjects: team };
  },
});

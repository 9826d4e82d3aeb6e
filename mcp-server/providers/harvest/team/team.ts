// The team tools on Harvest (docs/back-ends/harvest.md, "For leads"), within the person's own role, checked before
// anything is sent (rights.ts): team_report over the people Harvest lists to them (/v2/users: an administrator
// everyone active, a manager with teammates them and herself, and whoever else Harvest shows a manager; `covers` says
// which), each person's entries of the range read by user_id, at most twenty people a call (remote/people-window.ts),
// each against their own weekly capacity over the settings' working days and holidays; project_status of a project
// with its budget (hours where Harvest budgets it by time, money where by money and the role sees money), its entries
// of all time read by project_id. Not Harvest's Reports API: rounded hours, no filter by person or project, and a
// limit of 100 requests in 15 minutes for the whole account.
import type { ColleagueSpan, ColleagueWork, ProjectWork, TeamWorkPage } from '../../../domain/team.ts';
import { weekPlanDays } from '../../../domain/work-plan.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { readPeopleWindow } from '../../remote/people-window.ts';
import { BackEndError } from '../../time-tracker.ts';
import type { HarvestContext, HarvestGrid, HarvestPerson, Withdrawn } from '../context.ts';
import { daysOf, entrySpan, weekOfCapacity } from '../mapping.ts';
import { leadsPeople, overseesProjects, seesMoney } from '../rights.ts';
import type { HarvestProject, HarvestTimeEntry } from '../wire.ts';
import { type TeamEndpoints, teamEndpoints } from './endpoints.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

const TEAM_HOURS: Withdrawn = { capability: 'team_hours', tool: 'team_report', needs: 'an administrator, or a manager with teammates' };
const TEAM_PROJECTS: Withdrawn = { capability: 'team_projects', tool: 'project_status', needs: 'an administrator, or the manager of the project' };
/** Budgets Harvest keeps on a project's assignments, not on the project, in words for the answer. */
const ON_ASSIGNMENTS: Readonly<Record<string, string>> = {
  task: 'Harvest budgets this project per task (on its task assignments), not as a whole.',
  task_fees: 'Harvest budgets this project per task in money (on its task assignments), not as a whole.',
  person: 'Harvest budgets this project per person (on its people’s assignments), not as a whole.',
};

export class HarvestTeam extends CellPart<HarvestContext, TeamEndpoints> {
  async teamWork(query: { from: number; to: number; offset: number; limit: number }): Promise<TeamWorkPage> {
    const rights = await this.context.rights();
    if (!leadsPeople(rights)) throw this.context.lacks(rights, 'team_report', "see others' hours", TEAM_HOURS.needs);
    const zone = await this.context.zone();
    const days = daysOf(query.from, query.to, zone);
    return this.context.administering(TEAM_HOURS, "read your people's time", async () => {
      const people = await this.context.people();
      const read = await readPeopleWindow(
        people,
        query,
        (person) => this.endpoints.entries({ user_id: person.id, ...days }, `read the time of ${quotedLine(person.name)}`),
        this.context.client.pager.maxParallel,
      );
      const holidays = await this.context.options.holidays(days.from, days.to);
      const now = this.context.options.now();
      const work: ColleagueWork[] = read.map(({ person, read: entries }) => ({
        person: { id: person.id, name: person.name },
        spans: entries.map((entry) => spanOf(entry, person.zone ?? zone, now)),
        targets: this.#targets(person, days, holidays),
      }));
      const covers =
        rights.access === 'administrator'
          ? 'everyone active in the Harvest account, as its administrator'
          : 'the people Harvest lists to you as their manager (your teammates, and whoever else Harvest shows you), and yourself';
      return { people: work, total: people.length, covers };
    });
  }

  async projectWork(projectId: number): Promise<ProjectWork> {
    const rights = await this.context.rights();
    if (!overseesProjects(rights)) throw this.context.lacks(rights, 'project_status', "see a project's time", TEAM_PROJECTS.needs);
    if (rights.access !== 'administrator' && !(await this.context.managedProjects()).has(projectId)) {
      // A manager sees the time of her own projects: another project is named as not hers, and nothing of it is read.
      const assigned = (await this.context.assignments()).find((assignment) => assignment.project?.id === projectId)?.project;
      throw new BackEndError('harvest_project_not_managed', { project: { id: projectId, name: assigned?.name ?? `#${projectId}` } });
    }
    return this.context.administering(TEAM_PROJECTS, "read the project's time", async () => {
      const project = await this.endpoints.project(projectId);
      const entries = await this.endpoints.projectEntries({ project_id: projectId }, `read the time on the project ${quotedLine(project.name)}`);
      const zone = await this.context.zone();
      const now = this.context.options.now();
      const budget = budgetOf(project, seesMoney(rights));
      return {
        project: { id: project.id, name: project.name, customer: project.client?.name ?? null },
        budget: {
          hours: budget.hours,
          money: budget.money,
          currency: budget.money === null ? null : (project.client?.currency ?? null),
          monthly: project.budget_is_monthly === true,
        },
        spans: entries.map((entry) => {
          const { start, end } = entrySpan(entry, zone, now);
          return { person: entry.user?.name ?? `user #${entry.user?.id ?? '?'}`, activity: entry.task?.name ?? null, start, end: end ?? now };
        }),
        ...(budget.note ? { note: budget.note } : {}),
      };
    });
  }

  /** A person's target minutes by day: their weekly capacity over the settings' working days, none on a holiday; null where Harvest names no capacity. */
  #targets(person: HarvestPerson, days: { from: string; to: string }, holidays: ReadonlyMap<string, string>): ReadonlyMap<string, number> | null {
    if (person.weeklyCapacity === null) return null;
    const week = weekOfCapacity(person.weeklyCapacity / 3600, this.context.options.workWeek());
    return new Map(weekPlanDays(days.from, days.to, week, holidays).map((day) => [day.date, Math.round(day.targetMinutes)]));
  }
}

/** An entry as a colleague's span: its times on its day (a running one open), its project and task by name. */
export function spanOf(entry: HarvestTimeEntry, zone: string, now: number): ColleagueSpan {
  const { start, end, span } = entrySpan(entry, zone, now);
  // A length without times stays marked so: the working-time counts take its length, never its placed times.
  return { start, end, project: entry.project?.name ?? null, activity: entry.task?.name ?? null, ...(span ? { span } : {}) };
}

/**
 * A project's budget as the team tools read it: hours where Harvest budgets it by time (`project`), money where by
 * money (`project_cost`) and the reader may see money; budgets per task or per person are on the assignments, said in
 * the answer's note.
 */
export function budgetOf(project: HarvestProject, money: boolean): { hours: number | null; money: number | null; note?: string } {
  const by = project.budget_by ?? 'none';
  if (by === 'project') return { hours: typeof project.budget === 'number' ? project.budget : null, money: null };
  if (by === 'project_cost') {
    if (!money) return { hours: null, money: null, note: 'Harvest budgets this project in money, which your role does not show.' };
    return { hours: null, money: typeof project.cost_budget === 'number' ? project.cost_budget : null };
  }
  const note = ON_ASSIGNMENTS[by];
  return note ? { hours: null, money: null, note } : { hours: null, money: null };
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<HarvestGrid, TeamEndpoints>({
  endpoints: teamEndpoints,
  parts: (context, endpoints) => {
    const team = new HarvestTeam(context, endpoints, {});
    return { teamHours: team, teamProjects: team };
  },
});

// Timesheet approvals on Harvest, read from entries (docs/back-ends/harvest.md, "Timesheet approvals"): Harvest's API has
// no route to submit, withdraw, approve or reject, so this part lists and locks only (weeks.ts), and the workflow's
// methods refuse as the withheld tools they stand for. The person's own weeks come from their entries by user_id; the
// weeks of those they lead from each person's entries by user_id (the people Harvest lists to an administrator or a
// manager with teammates, at most twenty a call) or, for a manager of projects without teammates, from each managed
// project's entries by project_id, as Harvest shows them. Harvest keeps no note with an approval for the API to read.
import type { ApprovalRule, ApprovalStatus, DaySpan, PeriodLock, SubmissionEntry, TimesheetSubmission } from '../../../domain/approvals.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { ExpiringByKey } from '../../remote/cache.ts';
import { PEOPLE_PER_CALL, readPeopleWindow } from '../../remote/people-window.ts';
import { BackEndError } from '../../time-tracker.ts';
import type { HarvestContext, HarvestGrid } from '../context.ts';
import { entrySpan } from '../mapping.ts';
import { leadsPeople } from '../rights.ts';
import type { HarvestTimeEntry } from '../wire.ts';
import { type ApprovalsEndpoints, approvalsEndpoints } from './endpoints.ts';
import { locksOf, readWeekId, submissionsOf, weekStartOf, weeksCovering, weeksOf } from './weeks.ts';

/** What one call reads once: the same weeks listed and then locked. */
const READ_TTL_MS = 2_000;

export class HarvestApprovals extends CellPart<HarvestContext, ApprovalsEndpoints> {
  /** Harvest keeps no approver's note for the API to read. */
  readonly rejectionNoteKept = false;
  readonly #read = new ExpiringByKey<string, HarvestTimeEntry[]>(READ_TTL_MS);

  /** Weeks as the company starts them; on Monday where Harvest will not show the company (an optional read). */
  async rule(): Promise<ApprovalRule> {
    return { period: 'week', weekStart: weekStartOf((await this.context.company())?.week_start_day) };
  }

  async own(span: DaySpan): Promise<TimesheetSubmission[]> {
    const [me, rule] = await Promise.all([this.context.me(), this.rule()]);
    const weeks = weeksOf(await this.#entriesOf(me.id, weeksCovering(span, rule)), rule);
    return submissionsOf({ id: me.id, name: this.context.nameOf(me) }, weeks);
  }

  async toDecide(query: { span: DaySpan; status: ApprovalStatus | undefined; person: string | undefined; limit: number }): Promise<TimesheetSubmission[]> {
    const [me, rule, rights] = await Promise.all([this.context.me(), this.rule(), this.context.rights()]);
    const days = weeksCovering(query.span, rule);
    const named = (name: string) => query.person === undefined || name.toLowerCase().includes(query.person.toLowerCase());
    let found: TimesheetSubmission[];
    if (leadsPeople(rights)) {
      const people = (await this.context.people()).filter((person) => person.id !== me.id && named(person.name));
      if (people.length > PEOPLE_PER_CALL)
        throw new BackEndError('timesheet_people_too_many', { people: people.length, limit: PEOPLE_PER_CALL, back_end: 'Harvest' });
      const read = await readPeopleWindow(
        people,
        { offset: 0, limit: PEOPLE_PER_CALL },
        (person) => this.#entriesOf(person.id, days),
        this.context.client.pager.maxParallel,
      );
      found = read.flatMap(({ person, read: entries }) => submissionsOf(person, weeksOf(entries, rule)));
    } else {
      // A manager of projects without teammates: the time on her projects, as Harvest shows it, by whose it is.
      const managed = [...(await this.context.managedProjects())];
      if (managed.length > PEOPLE_PER_CALL)
        throw new BackEndError('timesheet_people_too_many', { people: managed.length, limit: PEOPLE_PER_CALL, back_end: 'Harvest' });
      const lists = await Promise.all(
        managed.map((id) => this.endpoints.projectEntries({ project_id: id, from: days.firstDay, to: days.lastDay }, `read the time on project #${id}`)),
      );
      const byPerson = new Map<number, { name: string; entries: HarvestTimeEntry[] }>();
      for (const entry of lists.flat()) {
        const id = entry.user?.id;
        if (id === undefined || id === me.id) continue;
        const person = byPerson.get(id) ?? { name: entry.user?.name ?? `user #${id}`, entries: [] };
        person.entries.push(entry);
        byPerson.set(id, person);
      }
      found = [...byPerson]
        .filter(([, person]) => named(person.name))
        .flatMap(([id, person]) => submissionsOf({ id, name: person.name }, weeksOf(person.entries, rule)));
    }
    return found
      .filter((submission) => query.status === undefined || submission.status === query.status)
      .filter((submission) => submission.firstDay <= query.span.lastDay && submission.lastDay >= query.span.firstDay)
      .sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.person.localeCompare(b.person))
      .slice(0, query.limit);
  }

  async locks(span: DaySpan, personId?: string): Promise<PeriodLock[]> {
    const [userId, rule] = await Promise.all([personId === undefined ? this.context.userId() : Promise.resolve(Number(personId)), this.rule()]);
    return locksOf(weeksOf(await this.#entriesOf(userId, weeksCovering(span, rule)), rule)).filter(
      (lock) => lock.firstDay <= span.lastDay && lock.lastDay >= span.firstDay,
    );
  }

  async entriesOf(submission: TimesheetSubmission, limit: number): Promise<SubmissionEntry[]> {
    const week = readWeekId(submission.id);
    if (!week) return [];
    const [zone, entries] = await Promise.all([
      this.context.zone(),
      this.#entriesOf(week.userId, { firstDay: submission.firstDay, lastDay: submission.lastDay }),
    ]);
    const now = this.context.options.now();
    return entries.slice(0, limit).map((entry) => {
      const { start, end } = entrySpan(entry, zone, now);
      return { start, end, project: entry.project?.name ?? null, activity: entry.task?.name ?? null, description: entry.notes ?? '' };
    });
  }

  // Harvest's API has no route for the workflow: its tools are never offered here (approvals_workflow), and a call
  // that reaches these anyway hears why, with nothing sent.
  async submit(): Promise<TimesheetSubmission> {
    throw withheld('submit_timesheet');
  }

  async findForDecision(): Promise<TimesheetSubmission> {
    throw withheld('decide_timesheet');
  }

  async withdraw(): Promise<TimesheetSubmission> {
    throw withheld('withdraw_timesheet');
  }

  async decide(): Promise<{ submission: TimesheetSubmission; noteKept: boolean }> {
    throw withheld('decide_timesheet');
  }

  /** Someone's entries of whole weeks, by user_id, read once for the moment a call lists and then locks them. */
  #entriesOf(userId: number, days: DaySpan): Promise<HarvestTimeEntry[]> {
    return this.#read.get(`${userId} ${days.firstDay} ${days.lastDay}`, () =>
      this.endpoints.entries({ user_id: userId, from: days.firstDay, to: days.lastDay }, 'read the approval status of timesheets'),
    );
  }
}

const withheld = (tool: string) => new BackEndError('tool_withheld', { tool, why: 'back_end', back_end: 'Harvest' });

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<HarvestGrid, ApprovalsEndpoints>({
  endpoints: approvalsEndpoints,
  parts: (context, endpoints) => ({ approvals: new HarvestApprovals(context, endpoints, {}) }),
});

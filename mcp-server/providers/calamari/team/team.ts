// The team tools on Calamari (docs/back-ends/calamari.md, "Teams"): the worked time of the people
// Calamari's own data says this person manages, and nothing else. Calamari's key is the
// organisation's and could read anyone, so Punchcard decides whom it reads: the reporting lines come
// from the employee list (each record's direct manager) and the teams (their managers), and only those
// people's shifts, holidays and leave are asked for (whom: the root's context.ts, reports). A project's hours and leave decisions are not
// offered: Calamari's projects say nothing of who manages them, and its API has no approval endpoint.
import { addDays, localDate } from '../../../domain/time.ts';
import type { ColleagueSpan, ColleagueWork, TeamWorkPage } from '../../../domain/team.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { allSettled, ExpiringByKey, mapWithLimit } from '../../remote/cache.ts';
import { unlessRefused } from '../../remote/remote-error.ts';
import { requestsLeft } from '../../remote/request-budget.ts';
import { type LeaveRequest, BackEndError } from '../../time-tracker.ts';
import { type CalamariContext, type CalamariPlanView, personName, REFERENCE_TTL_MS, type CalamariGrid } from '../context.ts';
import { toLeaveRequest, toTimeEntry, workedPieces } from '../mapping.ts';
import { emailKey } from '../reporting-lines.ts';
import type { CalamariEmployee, CalamariHoliday, CalamariShift } from '../wire.ts';
import { teamEndpoints, type TeamEndpoints } from './endpoints.ts';
import { reportTargets } from './targets.ts';

/** Holiday calendars read at most at once, as the API client sends at most four requests. */
const PARALLEL_CALENDARS = 4;
/** Shifts that began this many days before a range are listed too (night shifts), as for the person's own. */
const LOOKBACK_DAYS = 1;
const COVERS = 'your direct reports and the members of the teams you manage in Calamari';
/**
 * Requests a window leaves for the rest of the call: the shifts, the leave, the working weeks, and
 * the person's own holidays, which team_report reads for the days of those without targets.
 */
const WINDOW_MARGIN = 4;

export class CalamariTeam extends CellPart<CalamariContext, TeamEndpoints, { plan: CalamariPlanView }> {
  /** By calendar and range: one report's holidays stand for everyone on that calendar. */
  readonly #holidays = new ExpiringByKey<string, CalamariHoliday[] | null>(REFERENCE_TTL_MS);

  async teamWork(query: { from: number; to: number; offset: number; limit: number }): Promise<TeamWorkPage> {
    const reports = await this.context.reports();
    if (reports.length === 0) throw new BackEndError('calamari_no_reports');
    const people = reports
      .map((employee) => ({ employee, name: personName(employee) }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.employee.id - b.employee.id);
    const zone = await this.context.zone();
    const range = { from: localDate(query.from, zone), to: localDate(query.to - 1, zone) };
    const items = this.#window(people, query, range);
    if (items.length === 0) return { people: [], total: people.length, covers: COVERS };
    const window = items.map((item) => item.employee);
    const [shifts, targets] = await allSettled([this.#shifts(window, range, zone), this.#targets(window, range)]);
    const work = new Map<string, ColleagueWork>(
      items.map(({ employee, name }) => [
        emailKey(employee.email),
        { person: { id: employee.id, name }, spans: [], targets: targets.get(emailKey(employee.email)) ?? null },
      ]),
    );
    const now = this.context.options.now();
    for (const shift of shifts) work.get(emailKey(shift.person?.email))?.spans.push(...spansOf(shift, now));
    return { people: [...work.values()], total: people.length, covers: COVERS };
  }

  /**
   * The people of the window: up to `limit` from `offset`, fewer where their holiday calendars not
   * read lately would need more requests than the call has left (each calendar is one), so that a
   * call never spends the organisation's hourly requests only to be stopped halfway. One person at
   * least, whose calendar the call's budget then decides.
   */
  #window<T extends { employee: CalamariEmployee }>(people: readonly T[], query: { offset: number; limit: number }, range: { from: string; to: string }): T[] {
    const room = requestsLeft() - WINDOW_MARGIN;
    const calendars = new Set<string>();
    const items: T[] = [];
    for (const item of people.slice(query.offset, query.offset + query.limit)) {
      const key = holidaysKey(item.employee, range);
      const asks = !calendars.has(key) && !this.#holidays.holds(key);
      if (items.length > 0 && asks && calendars.size + 1 > room) break;
      if (asks) calendars.add(key);
      items.push(item);
    }
    return items;
  }

  /** The window's shifts in one listing: Calamari takes several people at once and does not page. */
  #shifts(window: readonly CalamariEmployee[], range: { from: string; to: string }, zone: string): Promise<CalamariShift[]> {
    // Shifts do not begin in the future: days after tomorrow are never asked about.
    const tomorrow = addDays(this.context.today(zone), 1);
    const to = range.to < tomorrow ? range.to : tomorrow;
    const from = addDays(range.from, -LOOKBACK_DAYS);
    if (to < from) return Promise.resolve([]);
    return this.endpoints.reportsShifts(
      from,
      to,
      window.map((employee) => employee.email),
    );
  }

  /**
   * Each report's targets by date, keyed by e-mail: their working week less their calendar's holidays
   * and their approved time off. None for a report whose week, calendar or leave Calamari will not
   * show this key: no target is claimed then.
   */
  async #targets(window: readonly CalamariEmployee[], range: { from: string; to: string }): Promise<Map<string, Map<string, number>>> {
    const [weeks, holidays, leave] = await allSettled([this.parts.plan.weeks(), this.#holidaysByCalendar(window, range), this.#leave(window, range)]);
    const targets = new Map<string, Map<string, number>>();
    if (!weeks || !leave) return targets;
    for (const employee of window) {
      const week = weeks.find((item) => item.id === employee.workingWeek?.id);
      const days = holidays.get(calendarKey(employee));
      const email = emailKey(employee.email);
      if (week && days) targets.set(email, reportTargets(range, week, days, leave.get(email) ?? []));
    }
    return targets;
  }

  /** The holidays of each calendar the window's people follow, asked for once per calendar. */
  async #holidaysByCalendar(window: readonly CalamariEmployee[], range: { from: string; to: string }): Promise<Map<string, CalamariHoliday[] | null>> {
    const byCalendar = new Map<string, CalamariEmployee>();
    for (const employee of window) if (!byCalendar.has(calendarKey(employee))) byCalendar.set(calendarKey(employee), employee);
    const keys = [...byCalendar.keys()];
    const answers = await mapWithLimit(keys, PARALLEL_CALENDARS, (key) =>
      this.#holidays.get(holidaysKey(byCalendar.get(key) as CalamariEmployee, range), () =>
        unlessRefused(this.endpoints.holidaysOf((byCalendar.get(key) as CalamariEmployee).email, range.from, range.to)),
      ),
    );
    return new Map(keys.map((key, index) => [key, answers[index] ?? null]));
  }

  /** The window's leave by e-mail; none where Time Off is not in use; null where the key may not read it. */
  async #leave(window: readonly CalamariEmployee[], range: { from: string; to: string }): Promise<Map<string, LeaveRequest[]> | null> {
    const byPerson = new Map<string, LeaveRequest[]>();
    if (!this.context.facts.capabilities.current.has('leave')) return byPerson;
    const requests = await unlessRefused(
      this.endpoints.reportsRequests(
        range.from,
        range.to,
        window.map((employee) => employee.email),
      ),
    );
    if (!requests) return null;
    for (const request of requests) {
      const email = emailKey(request.employeeEmail);
      if (!email) continue;
      byPerson.set(email, [...(byPerson.get(email) ?? []), toLeaveRequest({ ...request, comment: null, reason: null }, '')]);
    }
    return byPerson;
  }
}

/** Which holiday calendar a person follows; one of their own where the record names none. */
function calendarKey(employee: CalamariEmployee): string {
  return employee.holidaysCalendar ? `calendar ${employee.holidaysCalendar.id}` : `person ${emailKey(employee.email)}`;
}

/** Where a calendar's holidays over a range are kept. */
function holidaysKey(employee: CalamariEmployee, range: { from: string; to: string }): string {
  return `${calendarKey(employee)} ${range.from}..${range.to}`;
}

/** A shift's worked pieces (breaks left out) on its project; the piece still going ends at null. */
function spansOf(shift: CalamariShift, now: number): ColleagueSpan[] {
  const entry = toTimeEntry(shift);
  const project = entry.project?.name ?? null;
  return workedPieces(entry, now).map((piece) => ({
    start: piece.start,
    end: entry.end === null && piece.end === now ? null : piece.end,
    project,
    activity: null,
  }));
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<CalamariGrid, TeamEndpoints>({
  endpoints: teamEndpoints,
  parts: (context, endpoints, built) => ({ teamHours: new CalamariTeam(context, endpoints, { plan: built.part('plan') }) }),
});

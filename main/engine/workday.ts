// The timesheet, catalog and report operations of the window, built only from the engine's tools
// (docs/decisions.md, "The app calls its own engine's tools"): a week's entries with each day's
// target, entries logged, changed and deleted, every entry of a range for an export, what entries
// can be booked on, and a week's or month's report.
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import { addDays, daysBetween, MAX_LIST_DAYS, startOfIsoWeek } from '../../mcp-server/for-the-app.ts';
import type { ReportView } from '../../window-contract/reports.ts';
import type { DayReason, EntryView } from '../../window-contract/status.ts';
import type { CatalogView, EntryFieldsInput, TimesheetView } from '../../window-contract/timesheet.ts';
import { createDayTargets, type DayTargets } from './day-targets.ts';
import type { EngineClient } from './engine-client.ts';
import { toolCaller } from './tool-call.ts';

/** list_time_entries' largest page. */
const PAGE = 500;
/** The catalog changes rarely; the editor's suggestions and the break picker may be this old. */
export const CATALOG_TTL_MS = 5 * 60_000;

export type TimesheetWeek = Omit<TimesheetView, 'rights' | 'approval'>;

export interface Workday {
  /** Monday to Sunday of the week `date` is in. */
  week(date: string): Promise<TimesheetWeek>;
  log(fields: EntryFieldsInput & { start: string; end: string }): Promise<EntryView>;
  update(id: number, fields: EntryFieldsInput): Promise<EntryView>;
  remove(id: number): Promise<EntryView>;
  /** Every entry that starts in [from, to], oldest first (a range of up to a year). */
  entriesBetween(from: string, to: string): Promise<EntryView[]>;
  catalog(): Promise<CatalogView>;
  report(from: string, to: string): Promise<ReportView>;
  /** Targets or the catalog may have changed (leave filed, preferences saved, another back end). */
  forget(): void;
}

/** A day's target and why it is less than its weekday's: what the timesheet keeps by month. */
type DayPlanned = DayReason & { targetMinutes: number };

/** A day group of time_report as the window shows the day. */
export function plannedOf(group: { target_minutes?: number | undefined; holiday?: string | undefined; leave?: DayReason['leave'] | undefined }): DayPlanned {
  return { targetMinutes: group.target_minutes ?? 0, holiday: group.holiday ?? null, leave: group.leave ?? null };
}

export interface WorkdayOptions {
  now?: () => number;
}

export function createWorkday(engine: EngineClient, options: WorkdayOptions = {}): Workday {
  const call = toolCaller(engine);
  const now = options.now ?? Date.now;
  let catalog: { at: number; view: Promise<CatalogView> } | undefined;

  const dayReport = (from: string, to: string) => call(TOOL_CONTRACTS.time_report, { from, to, group_by: 'day' });
  const targets: DayTargets<DayPlanned> = createDayTargets({
    async fetch(from, to) {
      const report = await dayReport(from, to);
      return new Map(report.groups.map((group) => [group.key, plannedOf(group)]));
    },
    now,
  });

  async function entriesBetween(from: string, to: string): Promise<EntryView[]> {
    if (to < from) throw new RangeError(`${to} is before ${from}.`);
    const entries: EntryView[] = [];
    // One call covers at most a year of days; a longer range goes year by year.
    for (let start = from; start <= to; start = addDays(start, MAX_LIST_DAYS)) {
      const end = daysBetween(start, to) < MAX_LIST_DAYS ? to : addDays(start, MAX_LIST_DAYS - 1);
      let offset: number | null = 0;
      while (offset !== null) {
        const page: { entries: EntryView[]; next_offset: number | null } = await call(TOOL_CONTRACTS.list_time_entries, {
          from: start,
          to: end,
          limit: PAGE,
          offset,
        });
        entries.push(...page.entries);
        offset = page.next_offset;
      }
    }
    return entries;
  }

  const fields = (input: EntryFieldsInput) => ({
    ...(input.start === undefined ? {} : { start: input.start }),
    ...(input.end === undefined ? {} : { end: input.end }),
    ...(input.project === undefined ? {} : { project: input.project }),
    ...(input.activity === undefined ? {} : { activity: input.activity }),
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.fields === undefined ? {} : { fields: input.fields }),
  });

  return {
    async week(date) {
      const from = startOfIsoWeek(date);
      const to = addDays(from, 6);
      const [entries, days] = await Promise.all([entriesBetween(from, to), targets.of(from, to)]);
      return { from, to, days: [...days].map(([day, planned]) => ({ date: day, ...planned })), entries, asOf: now() };
    },

    async log(input) {
      return (await call(TOOL_CONTRACTS.log_time, fields(input))).entry;
    },

    async update(id, input) {
      return (await call(TOOL_CONTRACTS.update_time_entry, { id, ...fields(input) })).entry;
    },

    async remove(id) {
      return (await call(TOOL_CONTRACTS.delete_time_entry, { id })).deleted;
    },

    entriesBetween,

    catalog() {
      if (catalog && now() - catalog.at < CATALOG_TTL_MS) return catalog.view;
      const view = call(TOOL_CONTRACTS.list_catalog, {}).then((answer) => ({
        projects: answer.projects.filter((item) => !item.archived).map((item) => item.name),
        activities: answer.activities.filter((item) => !item.archived).map((item) => ({ name: item.name, project: item.parent })),
        breakTypes: (answer.break_types ?? []).map((type) => type.name),
        fields: answer.fields ?? [],
        requiredFields: answer.projects.flatMap((item) =>
          !item.archived && item.required_fields ? [{ project: item.name, fields: item.required_fields }] : [],
        ),
      }));
      const entry = { at: now(), view };
      catalog = entry;
      // A failure is not kept: the next question asks again.
      view.catch(() => {
        if (catalog === entry) catalog = undefined;
      });
      return view;
    },

    async report(from, to) {
      const [days, projects] = await Promise.all([dayReport(from, to), call(TOOL_CONTRACTS.time_report, { from, to, group_by: 'project' })]);
      const dayTargets = new Map(days.groups.map((group) => [group.key, plannedOf(group)]));
      targets.remember(from, to, dayTargets);
      return {
        from: days.from,
        to: days.to,
        today: days.today,
        days: days.groups.map((group) => ({ date: group.key, minutes: group.minutes, ...plannedOf(group) })),
        projects: projects.groups
          .filter((group) => group.minutes > 0)
          .map((group) => ({ name: group.key === '(no project)' ? 'No project' : group.key, minutes: group.minutes })),
        totalMinutes: days.total_minutes,
        targetMinutes: days.target_minutes ?? 0,
        targetSoFarMinutes: days.target_so_far_minutes ?? 0,
        overtimeMinutes: days.overtime_minutes ?? 0,
        backEndBalance: days.back_end_balance,
      };
    },

    forget() {
      targets.forget();
      catalog = undefined;
    },
  };
}

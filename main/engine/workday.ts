// The timesheet, catalog and report operations of the window, built only from the engine's tools
// (docs/decisions.md, "The app calls its own engine's tools"): a week's entries with each day's
// target, entries logged, changed and deleted, every entry of a range for an export, what entries
// can be booked on, and a week's or month's report.
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import { addDays, daysBetween, MAX_LIST_DAYS, startOfIsoWeek } from '../../mcp-server/for-the-app.ts';
import type { Connection } from '../../mcp-server/contract/connections.ts';
import type { ReportView, TrackerReportView } from '../../window-contract/reports.ts';
import type { DayReason, EntryView, SharedDay, TrackerDay } from '../../window-contract/status.ts';
import type { TrackerTag } from '../../window-contract/tracker-tags.ts';
import type { CatalogView, EntryFieldsInput, TimesheetView } from '../../window-contract/timesheet.ts';
import { createDayTargets, type DayTargets } from './day-targets.ts';
import type { EngineClient } from './engine-client.ts';
import { dayTotalsOf } from './status-view.ts';
import { onTracker, toolCaller } from './tool-call.ts';

/** list_time_entries' largest page. */
const PAGE = 500;
/** The catalog changes rarely; the editor's suggestions and the break picker may be this old. */
export const CATALOG_TTL_MS = 5 * 60_000;

export type TimesheetWeek = Omit<TimesheetView, 'rights' | 'approval'>;

export interface Workday {
  /** Monday to Sunday of the week `date` is in. */
  week(date: string): Promise<TimesheetWeek>;
  /** `tracker`: the connection the entry goes to, or the entry's own (several trackers); the engine's default when not given. */
  log(fields: EntryFieldsInput & { start: string; end: string }, tracker?: string): Promise<EntryView>;
  update(id: number, fields: EntryFieldsInput, tracker?: string): Promise<EntryView>;
  remove(id: number, tracker?: string): Promise<EntryView>;
  /** Every entry that starts in [from, to], oldest first (a range of up to a year). */
  entriesBetween(from: string, to: string): Promise<EntryView[]>;
  catalog(): Promise<CatalogView>;
  report(from: string, to: string): Promise<ReportView>;
  /** Targets or the catalog may have changed (leave filed, preferences saved, another back end). */
  forget(): void;
}

/** A day's target and why it is less than its weekday's (each connection's, with several): what the timesheet keeps by month. */
type DayPlanned = DayReason & { targetMinutes: number; byTracker?: Array<Omit<TrackerDay, 'minutes'>>; together?: Array<Omit<SharedDay, 'minutes'>> };

/** A day group of time_report as the window shows the day. */
export function plannedOf(group: { target_minutes?: number | undefined; holiday?: string | undefined; leave?: DayReason['leave'] | undefined }): DayPlanned {
  return { targetMinutes: group.target_minutes ?? 0, holiday: group.holiday ?? null, leave: group.leave ?? null };
}

/** Each day's plan (its targets and why), without its minutes: what the day targets keep. */
function plansOf(report: Pick<ReportAnswer, 'groups' | 'target_groups'>): Map<string, DayPlanned> {
  return new Map(
    [...daysOf(report.groups, report.target_groups)].map(([date, { minutes: _minutes, byTracker, together, ...planned }]) => [
      date,
      {
        ...planned,
        ...(byTracker ? { byTracker: byTracker.map(({ minutes: _gone, ...part }) => part) } : {}),
        ...(together ? { together: together.map(({ minutes: _gone, ...part }) => part) } : {}),
      },
    ]),
  );
}

export interface WorkdayOptions {
  now?: () => number;
  /** The connections the settings name, the default first; with two or more the week names them (several trackers). */
  connections?: () => readonly Connection[];
}

/** The connections as the window offers them, or undefined with one (the window then shows none). */
export function trackerTags(connections: readonly Pick<Connection, 'name' | 'isDefault'>[]): TrackerTag[] | undefined {
  return connections.length < 2 ? undefined : connections.map((one) => ({ name: one.name, isDefault: one.isDefault }));
}

type ReportAnswer = {
  from: string;
  to: string;
  today: string;
  groups: Array<{
    key: string;
    minutes: number;
    target_minutes?: number | undefined;
    holiday?: string | undefined;
    leave?: DayReason['leave'] | undefined;
    tracker?: string | undefined;
  }>;
  total_minutes: number;
  target_minutes: number | null;
  target_so_far_minutes: number | null;
  overtime_minutes: number | null;
  back_end_balance: { minutes: number; covers: string } | null;
  trackers?: Array<{
    tracker: string;
    total_minutes: number;
    target_minutes: number | null;
    target_so_far_minutes: number | null;
    overtime_minutes: number | null;
    back_end_balance: { minutes: number; covers: string } | null;
  }>;
  target_groups?: Array<{
    trackers: string[];
    total_minutes: number;
    target_minutes: number;
    target_so_far_minutes: number;
    overtime_minutes: number;
    groups?: Array<{ key: string; minutes: number; target_minutes: number }> | undefined;
  }>;
};

/**
 * time_report's day groups as the days of a range, summed over connections with their own targets apart, and the
 * one target of those that share the settings' week (status-view.ts, dayTotalsOf).
 */
function daysOf(groups: ReportAnswer['groups'], shared: ReportAnswer['target_groups'] = []) {
  return dayTotalsOf(
    groups.map((group) => ({ ...group, ...plannedOf(group) })),
    shared,
  );
}

/** Project groups as the report lists them: time only, "No project" for time without one. */
function projectRows(groups: ReportAnswer['groups']): ReportView['projects'] {
  return groups
    .filter((group) => group.minutes > 0)
    .map((group) => ({
      name: group.key === '(no project)' ? 'No project' : group.key,
      minutes: group.minutes,
      ...(group.tracker ? { tracker: group.tracker } : {}),
    }));
}

/**
 * The window's report from time_report by day and by project. With several connections (time_report's
 * `trackers`) the overall hours add up and each connection gets its own section with its own targets,
 * overtime and balance; the overall targets stay 0 and null, as targets are never added up.
 */
export function reportView(days: ReportAnswer, projects: ReportAnswer, connections: readonly Pick<Connection, 'name' | 'isDefault'>[] = []): ReportView {
  const dayMap = daysOf(days.groups, days.target_groups);
  const view: ReportView = {
    from: days.from,
    to: days.to,
    today: days.today,
    days: [...dayMap].map(([date, day]) => ({ date, ...day })),
    projects: projectRows(projects.groups),
    totalMinutes: days.total_minutes,
    targetMinutes: days.target_minutes ?? 0,
    targetSoFarMinutes: days.target_so_far_minutes ?? 0,
    overtimeMinutes: days.overtime_minutes ?? 0,
    backEndBalance: days.back_end_balance,
  };
  if (!days.trackers) return view;
  const order = (name: string) => {
    const at = connections.findIndex((one) => one.name === name);
    return at === -1 ? connections.length : at;
  };
  const shared = days.target_groups ?? [];
  const trackers: TrackerReportView[] = [...days.trackers]
    .sort((a, b) => order(a.tracker) - order(b.tracker))
    .map((part, index) => {
      const sharing = shared.find((group) => group.trackers.includes(part.tracker));
      // A connection's own days are one group each, as with one connection: its own targets, holidays and leave; where
      // it shares the settings' week, the week's one target beside them.
      const own = days.groups.filter((group) => group.tracker === part.tracker).map(({ tracker: _tracker, ...group }) => group);
      return {
        name: part.tracker,
        isDefault: connections.length > 0 ? connections.some((one) => one.name === part.tracker && one.isDefault) : index === 0,
        days: [...daysOf(own, sharing ? [sharing] : [])].map(([date, day]) => ({ date, ...day })),
        projects: projectRows(projects.groups.filter((group) => group.tracker === part.tracker)),
        totalMinutes: part.total_minutes,
        targetMinutes: part.target_minutes ?? 0,
        targetSoFarMinutes: part.target_so_far_minutes ?? 0,
        overtimeMinutes: part.overtime_minutes ?? 0,
        backEndBalance: part.back_end_balance,
        ...(sharing ? { sharesWeekWith: sharing.trackers.filter((name) => name !== part.tracker) } : {}),
      };
    });
  const together = shared.map((group) => ({
    trackers: [...group.trackers].sort((a, b) => order(a) - order(b)),
    totalMinutes: group.total_minutes,
    targetMinutes: group.target_minutes,
    targetSoFarMinutes: group.target_so_far_minutes,
    overtimeMinutes: group.overtime_minutes,
  }));
  return { ...view, trackers, ...(together.length > 0 ? { together } : {}) };
}

export function createWorkday(engine: EngineClient, options: WorkdayOptions = {}): Workday {
  const call = toolCaller(engine);
  const now = options.now ?? Date.now;
  const connections = () => options.connections?.() ?? [];
  let catalog: { at: number; view: Promise<CatalogView> } | undefined;

  const dayReport = (from: string, to: string) => call(TOOL_CONTRACTS.time_report, { from, to, group_by: 'day' });
  const targets: DayTargets<DayPlanned> = createDayTargets({
    async fetch(from, to) {
      const report = await dayReport(from, to);
      return plansOf(report);
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
      const trackers = trackerTags(connections());
      return { from, to, days: [...days].map(([day, planned]) => ({ date: day, ...planned })), entries, asOf: now(), ...(trackers ? { trackers } : {}) };
    },

    async log(input, tracker) {
      return (await call(TOOL_CONTRACTS.log_time, { ...fields(input), ...onTracker(tracker) })).entry;
    },

    async update(id, input, tracker) {
      return (await call(TOOL_CONTRACTS.update_time_entry, { id, ...fields(input), ...onTracker(tracker) })).entry;
    },

    async remove(id, tracker) {
      return (await call(TOOL_CONTRACTS.delete_time_entry, { id, ...onTracker(tracker) })).deleted;
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
      targets.remember(from, to, plansOf(days));
      return reportView(days, projects, connections());
    },

    forget() {
      targets.forget();
      catalog = undefined;
    },
  };
}

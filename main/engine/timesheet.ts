// The app's timesheet operations — status, clock in, clock out, breaks, which tools the back end
// offers, what the back end keeps of the person's plan, the connection test — built only from the
// engine's tools (docs/decisions.md, "The app calls its own engine's tools": the app never touches
// the database or a provider itself). Each answer is parsed with the tool's own output schema, from
// its contract (mcp-server/contract/tools/), so a changed contract fails here loudly instead of
// showing wrong numbers.
import type { BackEndProfile } from '../../mcp-server/contract/settings.ts';
import { TOOL_CATALOG, type ToolName } from '../../mcp-server/contract/tool-catalog.ts';
import { addDays } from '../../mcp-server/for-the-app.ts';
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import type { ConnectionResult } from '../../window-contract/account.ts';
import type { BackEndPlanView } from '../../window-contract/settings.ts';
import type { EntryFieldValues } from '../../window-contract/request-parts.ts';
import type { DayTotal, EntryView, KeptWriteChoice, KeptWriteView, StatusView } from '../../window-contract/status.ts';
import { decideKeptWriteContract, keptWriteDecisionsContract } from '../../mcp-server/contract/app-tools/kept-write-decisions.ts';
import { testConnection } from './connection-test.ts';
import type { EngineClient } from './engine-client.ts';
import { EngineError, messages } from './engine-error.ts';
import { onTracker, toolCaller, type ToolCaller } from './tool-call.ts';
import type { Connection, TimerMode } from '../../mcp-server/contract/connections.ts';
import { noticeWords } from './refusal-words.ts';
import type { EngineLaunch } from './launch.ts';
import { buildStatusView, dayTotalsOf, trackerTotals } from './status-view.ts';
import { plannedOf } from './workday.ts';

export interface ClockInRequest {
  project?: string;
  activity?: string;
  description?: string;
  /** When the work began, if not now: ISO 8601 with an offset, or the person's wall time. */
  start?: string;
  /** The tracker's custom fields by name (issue 78). */
  fields?: EntryFieldValues;
  /** The connection to clock in on, with several trackers (the engine's `tracker`); the default's when not given. */
  tracker?: string;
}

export interface ClockOutRequest {
  /** Added to the entry's description (the engine appends it on a new line). */
  description?: string;
  /** When the timer stopped, if not now: ISO 8601 with an offset, or the person's wall time. */
  end?: string;
  /** Which connection's timer, with several running at once (`timers: per_tracker`). */
  tracker?: string;
}

/** What the back end keeps instead of the settings: its targets, where its holidays come from, its leave. */
export type BackEndPlan = Omit<BackEndPlanView, 'state' | 'name'>;

export interface Timesheet {
  getStatus(): Promise<StatusView>;
  /** Starts a timer, now or at a past start; one already running is stopped where it starts (the engine's `switch`). */
  clockIn(request?: ClockInRequest): Promise<StatusView>;
  clockOut(request?: ClockOutRequest): Promise<StatusView>;
  /** A break in the running shift (back ends with breaks), of the type named, else the back end's first; `tracker`: whose shift. */
  startBreak(type?: string, tracker?: string): Promise<StatusView>;
  endBreak(tracker?: string): Promise<StatusView>;
  /** The person's choice for a kept write that was not sent (StatusView's `keptWrites`): what came of it. */
  decideKeptWrite(id: number, choice: KeptWriteChoice): Promise<{ outcome: string; status: StatusView }>;
  /**
   * The work week, holidays and leave the back end keeps for the person (whoami's plan_source is
   * 'back_end'), or null when the settings keep them.
   */
  backEndPlan(): Promise<BackEndPlan | null>;
  /** The tools the active back end supports: the engine lists exactly those (it runs with --all-tools). */
  supportedTools(): Promise<Set<ToolName>>;
  /** Tests the given back end; a token given here (and a second one, where the back end has two) is used for this test only. */
  testConnection(profile: BackEndProfile, token?: string, secondToken?: string): Promise<ConnectionResult>;
}

export interface TimesheetOptions {
  /** How to run the bundle once for a connection test (the same as the engine's). */
  launch: EngineLaunch;
  log: (message: string) => void;
  connectionTimeoutMs?: number;
  parentEnv?: NodeJS.ProcessEnv;
  /** Stamps `asOf`; tests pass their own. */
  now?: () => number;
  /**
   * Whether clocking in on a project or activity nobody created yet creates it. True for the local
   * timesheet, where typing a new name in the window is how a person starts one; false for a
   * company's tracker, where a typo must not add a project to everyone's list. Asked of the connection
   * clocked in on (several trackers), undefined for the default: each is local or not on its own.
   */
  createsMissingCatalogItems?: (tracker: string | undefined) => boolean;
  /** The connections the settings name, the default first (contract/connections.ts); one, or none given, is today's one back end. */
  connections?: () => readonly Connection[];
  /** The settings' `timers` (several trackers): one timer over all connections, or one in each. */
  timerMode?: () => TimerMode;
}

/** Recent projects come from this many days of entries, today included. */
const RECENT_DAYS = 30;
/** list_time_entries' largest page. */
const PAGE = 500;

export function createTimesheet(engine: EngineClient, options: TimesheetOptions): Timesheet {
  const call = toolCaller(engine);
  const getStatus = statusReader(engine, call, options);
  return {
    getStatus,
    ...timerWrites(call, getStatus, options),
    backEndPlan: () => backEndPlanOf(engine, call),
    supportedTools: () => supportedToolsOf(engine),
    testConnection(profile, token, secondToken) {
      return testConnection({
        launch: options.launch,
        log: options.log,
        profile,
        ...(token ? { token } : {}),
        ...(secondToken ? { secondToken } : {}),
        ...(options.connectionTimeoutMs ? { timeoutMs: options.connectionTimeoutMs } : {}),
        ...(options.parentEnv ? { parentEnv: options.parentEnv } : {}),
      });
    },
  };
}

/** The tools the active back end supports, as the engine lists them. */
async function supportedToolsOf(engine: EngineClient): Promise<Set<ToolName>> {
  const names = await engine.tools();
  return new Set(names.filter((name): name is ToolName => Object.hasOwn(TOOL_CATALOG, name)));
}

/**
 * getStatus: every call of a status at once, and the number each carries (StatusView's `sequence`).
 * The person's "today" is the engine's as it last said it (the engine owns the zone: the settings, the
 * system, or Kimai's profile). Knowing it, every call goes out at once; when the day has turned since,
 * the one dated call (recent entries) is sent again with the new date.
 */
function statusReader(
  engine: EngineClient,
  call: ToolCaller,
  options: Pick<TimesheetOptions, 'log' | 'now' | 'connections' | 'timerMode'>,
): () => Promise<StatusView> {
  const now = options.now ?? Date.now;
  let knownToday: string | undefined;
  /** Statuses begun so far. */
  let statusesRead = 0;
  return async function getStatus(): Promise<StatusView> {
    const sequence = ++statusesRead;
    const guess = knownToday;
    const early = guess === undefined ? undefined : recentEntries(call, guess);
    // Not awaited when the guess turns out wrong: its failure must not go unhandled.
    early?.catch(() => {});
    const [status, today, thisWeek, supported, kept] = await Promise.all([
      call(TOOL_CONTRACTS.timer_status, {}),
      entriesOfToday(call),
      week(call),
      supportedToolsOf(engine),
      keptWrites(engine, call, options.log),
    ]).catch(async (error: unknown) => {
      throw await whyNoTimer(engine, call, error);
    });
    const date = thisWeek.today;
    const recent = early && guess === date ? await early : await recentEntries(call, date);
    knownToday = date;
    const trackers = trackerTotals(options.connections?.() ?? [], status.by_tracker);
    return buildStatusView({
      today: date,
      running: status.running,
      ...(trackers ? { timers: status.timers ?? [], trackers, timerMode: options.timerMode?.() ?? 'one_overall' } : {}),
      todayMinutes: status.today_minutes,
      weekMinutes: status.week_minutes,
      todayEntries: today.entries,
      days: thisWeek.days,
      recentEntries: recent,
      supported,
      asOf: now(),
      keptWrites: kept,
      sequence,
    });
  };
}

function entriesOfToday(call: ToolCaller) {
  // 'today' is resolved by the engine, in the person's zone; a day with more than a page of
  // entries shows its first 500.
  return call(TOOL_CONTRACTS.list_time_entries, { from: 'today', to: 'today', limit: PAGE });
}

/** Distinct recent projects need the latest entries: the last page when there is more than one. */
async function recentEntries(call: ToolCaller, today: string): Promise<EntryView[]> {
  const range = { from: addDays(today, -(RECENT_DAYS - 1)), to: today };
  const first = await call(TOOL_CONTRACTS.list_time_entries, { ...range, limit: PAGE });
  if (first.next_offset === null) return first.entries;
  return (await call(TOOL_CONTRACTS.list_time_entries, { ...range, limit: PAGE, offset: first.total - PAGE })).entries;
}

/**
 * The week, Monday to Sunday (time_report's default range), by day: each day's time and its own
 * target, the days ahead too; the answer's `today` is the engine's date for the person.
 */
async function week(call: ToolCaller) {
  const report = await call(TOOL_CONTRACTS.time_report, { group_by: 'day' });
  // A day group lacks its target only in a report filtered to one project, which this is not, or where its connection
  // shares the settings' week with others: their one target is in target_groups.
  const sharing = new Set((report.target_groups ?? []).flatMap((group) => group.trackers));
  const lacking = report.groups.find((group) => group.target_minutes === undefined && !(group.tracker !== undefined && sharing.has(group.tracker)));
  if (lacking) {
    throw new EngineError('protocol', messages.unreadable(TOOL_CONTRACTS.time_report.name, `groups: ${lacking.key} has no target_minutes`), {
      tool: TOOL_CONTRACTS.time_report.name,
    });
  }
  const days: Map<string, Omit<DayTotal, 'date'>> = dayTotalsOf(
    report.groups.map((group) => ({ ...group, ...plannedOf(group) })),
    report.target_groups,
  );
  return { today: report.today, days };
}

/**
 * The kept writes waiting for the person. Only the app's engine lists the tool, and only where a
 * back end keeps writes; a failure to read them leaves the list empty rather than the status away.
 */
async function keptWrites(engine: EngineClient, call: ToolCaller, log: (message: string) => void): Promise<KeptWriteView[]> {
  if (!(await engine.tools()).includes(keptWriteDecisionsContract.name)) return [];
  try {
    const { writes } = await call(keptWriteDecisionsContract, {});
    // Each in a person's words from its notice (kept-write-decisions.ts); the engine's words where this app does not know the code.
    return writes.map((write) => ({
      id: write.id,
      kind: write.kind,
      happenedAt: write.happened_at,
      words: noticeWords(write.notice) ?? write.words,
      choices: write.choices,
    }));
  } catch (error) {
    log(`The kept writes could not be read: ${(error as Error).message}`);
    return [];
  }
}

/**
 * A status needs the timer. When the engine does not offer it — the settings file cannot be used,
 * or the policy does not allow the back end — its whoami says why, in the words AI clients get.
 */
async function whyNoTimer(engine: EngineClient, call: ToolCaller, error: unknown): Promise<unknown> {
  try {
    if ((await supportedToolsOf(engine)).has(TOOL_CONTRACTS.timer_status.name)) return error;
    const person = await call(TOOL_CONTRACTS.whoami, {});
    const reason = person.settings_problem ?? person.connection ?? person.organisation_policy;
    return reason ? new EngineError('tool', reason, { tool: TOOL_CONTRACTS.timer_status.name }) : error;
  } catch {
    return error;
  }
}

/** What the back end keeps of the person's plan (whoami's plan_source), or null when the settings keep it. */
async function backEndPlanOf(engine: EngineClient, call: ToolCaller): Promise<BackEndPlan | null> {
  const [person, supported] = await Promise.all([call(TOOL_CONTRACTS.whoami, {}), supportedToolsOf(engine)]);
  if (person.plan_source !== 'back_end') return null;
  // The leave entitlement is the back end's only where it keeps a balance (leave_balance says so);
  // a back end without leave tools leaves it with the settings.
  const balance = supported.has(TOOL_CONTRACTS.leave_balance.name) ? await call(TOOL_CONTRACTS.leave_balance, {}) : null;
  return {
    workWeek: person.plan_from_settings.includes('work_week') ? null : person.work_week,
    keepsHolidays: !person.plan_from_settings.includes('holidays'),
    holidays: person.plan_from_settings.includes('holidays') ? null : person.holiday_region,
    leave:
      balance?.source === 'back_end'
        ? { year: balance.year, entitlement: balance.entitlement, carryOver: balance.carry_over, remaining: balance.remaining, unlimited: balance.unlimited }
        : null,
  };
}

type TimerWrites = Pick<Timesheet, 'clockIn' | 'clockOut' | 'startBreak' | 'endBreak' | 'decideKeptWrite'>;

/** The changes to the person's timer and kept writes: each answers with the status after it. */
function timerWrites(call: ToolCaller, getStatus: () => Promise<StatusView>, options: Pick<TimesheetOptions, 'createsMissingCatalogItems'>): TimerWrites {
  return {
    async clockIn(request = {}) {
      if (options.createsMissingCatalogItems?.(request.tracker) && (request.project !== undefined || request.activity !== undefined)) {
        await createMissing(call, request);
      }
      await call(TOOL_CONTRACTS.clock_in, {
        ...(request.project === undefined ? {} : { project: request.project }),
        ...(request.activity === undefined ? {} : { activity: request.activity }),
        ...(request.description === undefined ? {} : { description: request.description }),
        ...(request.start === undefined ? {} : { start: request.start }),
        ...(request.fields === undefined ? {} : { fields: request.fields }),
        ...onTracker(request.tracker),
        switch: true,
      });
      return getStatus();
    },

    async clockOut(request = {}) {
      await call(TOOL_CONTRACTS.clock_out, {
        ...(request.description === undefined ? {} : { note: request.description }),
        ...(request.end === undefined ? {} : { end: request.end }),
        ...onTracker(request.tracker),
      });
      return getStatus();
    },

    async startBreak(type, tracker) {
      await call(TOOL_CONTRACTS.start_break, { ...(type === undefined ? {} : { type }), ...onTracker(tracker) });
      return getStatus();
    },

    async endBreak(tracker) {
      await call(TOOL_CONTRACTS.end_break, onTracker(tracker));
      return getStatus();
    },

    async decideKeptWrite(id, choice) {
      // What came of it in a person's words from its notice, as the kept writes' own.
      const { outcome, notice } = await call(decideKeptWriteContract, { id, choice });
      return { outcome: noticeWords(notice) ?? outcome, status: await getStatus() };
    },
  };
}

/**
 * Creates the named project and activity when the catalog has neither name (in any case). With a
 * connection named (several trackers), in that connection's own catalog: another's project of that name
 * is not this one's. Without one, the catalogs of every connection: a name one of them has is the
 * engine's to find (it implies that connection), a name none has is the default's to create.
 */
async function createMissing(call: ToolCaller, request: ClockInRequest): Promise<void> {
  const inTracker = onTracker(request.tracker);
  const catalog = await call(TOOL_CONTRACTS.list_catalog, { include_archived: true, ...inTracker });
  const has = (items: ReadonlyArray<{ name: string }>, name: string) => items.some((item) => item.name.toLowerCase() === name.trim().toLowerCase());
  if (request.project !== undefined && !has(catalog.projects, request.project)) {
    await call(TOOL_CONTRACTS.create_catalog_item, { kind: 'project', name: request.project, ...inTracker });
  }
  if (request.activity !== undefined && !has(catalog.activities, request.activity)) {
    await call(TOOL_CONTRACTS.create_catalog_item, { kind: 'activity', name: request.activity, ...inTracker });
  }
}

// What a tool call is given (tools/context.ts), and what prompts and completions read, over one
// engine's back end and settings: made afresh for each call, so a call sees the settings as they are
// when it starts and its notes are its own.
import type { Settings } from '../contract/settings.ts';
import type { WorkingTimeRules } from '../contract/working-time.ts';
import { MAX_REQUESTS_PER_CALL } from '../domain/call-limits.ts';
import { publicHolidays } from '../domain/holidays.ts';
import { isValidTimeZone, localDate, systemTimeZone } from '../domain/time.ts';
import { weekPlanDays } from '../domain/work-plan.ts';
import type { EvidenceReader } from '../evidence/evidence.ts';
import type { Log } from '../log.ts';
import type { CompletionContext } from '../prompts/completions.ts';
import { withRequestBudget } from '../providers/remote/request-budget.ts';
import type { TimeTracker } from '../providers/time-tracker.ts';
import { NO_ASKING } from '../tools/asking.ts';
import type { ToolContext } from '../tools/context.ts';
import type { Note } from '../contract/outcomes/notices.ts';

/** How long completions reuse the projects, activities and leave they were given (one per keystroke otherwise). */
const COMPLETION_DATA_MS = 30_000;

export type HolidaysOf = (settings: Settings, from: string, to: string) => Promise<Map<string, string>>;

/** What the engine hands down for its calls. */
export interface CallSource {
  /** The back end the engine serves now (opened first where it was resting). */
  tracker: () => Promise<TimeTracker>;
  settings: () => Settings;
  /**
   * The week this connection's targets come from where its back end keeps none: its own where its profile gives one
   * (several trackers), else the settings'. Its calls see it as the settings' `workWeek`, so every tool counts with it.
   */
  workWeek?: (settings: Settings) => Settings['workWeek'];
  holidaysOf: HolidaysOf;
  now: () => number;
  log: Log;
  /** Why the organisation's policy leaves AI clients only whoami, or null. */
  organisationPolicy: () => string | null;
  settingsFile: () => ToolContext['settingsFile'];
  /** Whether list_catalog is offered with these settings (refusals then may name the catalog). */
  catalogListed: (settings: Settings) => boolean;
  /** How the host reads the person's evidence for suggest_entries; null where it reads none. */
  evidence: EvidenceReader | null;
}

export interface CallContexts {
  /** The context of one tool call, with the asker and the client left out (run-tool.ts adds the call's own). */
  context: () => Promise<ToolContext>;
  /** The person's zone and the time, for a prompt's days. */
  promptClock: () => Promise<{ timezone: string; now: number }>;
  /** The working-time rules the calls are checked by, as the settings (and the policy over them) say now. */
  workingTimeRules: () => WorkingTimeRules;
  completionData: Pick<CompletionContext, 'catalog' | 'leave'>;
}

export function callContexts(source: CallSource): CallContexts {
  const { holidaysOf, log } = source;
  // Resolved once per settings version (asking Intl for the zone on every call was a sixth of a
  // clock_in's CPU time), and lazily: Intl's first use loads zone data tools/list never needs.
  let zone: { for: Settings; timezone: string } | undefined;
  // The back end's zone is checked once per name it reports, for the same reason.
  let remoteZone: { name: string; valid: boolean } | undefined;
  // The settings as this connection's calls see them: one object per settings read, so what is kept by it stays kept.
  let seen: { for: Settings; week: Settings['workWeek']; settings: Settings } | undefined;
  const connectionSettings = (settings: Settings): Settings => {
    const week = source.workWeek?.(settings) ?? settings.workWeek;
    if (week === settings.workWeek) return settings;
    if (seen?.for !== settings || seen.week !== week) seen = { for: settings, week, settings: { ...settings, workWeek: week } };
    return seen.settings;
  };
  const build = async (forCall: boolean): Promise<ToolContext> => {
    const settings = connectionSettings(source.settings());
    const notes: Note[] = [];
    // A call works through the tracker the back end makes for it, where it makes one (the outbox sends
    // what waits first, and says so in notes).
    const opened = await source.tracker();
    const active = forCall && opened.forCall ? await opened.forCall(notes) : opened;
    if (zone?.for !== settings) zone = { for: settings, timezone: resolveTimeZone(settings.timezone, log) };
    // With no zone in the settings, a back end's own zone for the person wins over the system's (it
    // is cached by the tracker, and follows a change in the Kimai profile). When asking fails (Kimai
    // down, a revoked token), the call fails here with that reason: every tool of such a back end
    // needs it, and the tool would only send the same failing requests again and wait for them again.
    const remote = settings.timezone === '' && active.account.timeZone ? await active.account.timeZone() : null;
    if (remote !== null && remoteZone?.name !== remote) remoteZone = { name: remote, valid: isValidTimeZone(remote) };
    const { plan } = active;
    return {
      tracker: active,
      settings,
      timezone: remote !== null && remoteZone?.valid ? remote : zone.timezone,
      now: source.now,
      log,
      // The back end's plan where it keeps one; the settings' work week and holiday region otherwise.
      workDays: plan
        ? (from, to) => plan.workPlan(from, to)
        : async (from, to) => weekPlanDays(from, to, settings.workWeek, await holidaysOf(settings, from, to)),
      planSource: plan ? 'back_end' : 'settings',
      notes,
      organisationPolicy: source.organisationPolicy(),
      settingsFile: source.settingsFile(),
      ask: NO_ASKING,
      // The call's own (run-tool.ts): a client is known per request, not per engine.
      client: null,
      catalogListed: source.catalogListed(settings),
      evidence: source.evidence,
    };
  };
  // A prompt needs the person's day and zone; when asking the back end for its zone fails, the
  // settings' zone does (a prompt only names days, and the tools it leads to say what is wrong).
  const promptClock = async (): Promise<{ timezone: string; now: number }> => {
    try {
      const known = await withRequestBudget(MAX_REQUESTS_PER_CALL, () => build(false));
      return { timezone: known.timezone, now: source.now() };
    } catch {
      return { timezone: resolveTimeZone(source.settings().timezone, () => {}), now: source.now() };
    }
  };
  const completionData: CallContexts['completionData'] = {
    catalog: remembered(source, (active) => withRequestBudget(MAX_REQUESTS_PER_CALL, () => active.catalog.catalog(false, ['project', 'activity']))),
    leave: remembered(source, async (active) => {
      const year = Number(localDate(source.now(), (await promptClock()).timezone).slice(0, 4));
      return withRequestBudget(MAX_REQUESTS_PER_CALL, () => active.leave.listLeave({ from: `${year - 1}-01-01`, to: `${year}-12-31` }));
    }),
  };
  return { context: () => build(true), promptClock, workingTimeRules: () => source.settings().workingTime.rules, completionData };
}

/**
 * `load` of the tracker in use, reused for COMPLETION_DATA_MS; a failure is not kept, and a new back
 * end (the settings became usable, the person signed in again) loads afresh.
 */
function remembered<T>(source: Pick<CallSource, 'tracker' | 'now'>, load: (tracker: TimeTracker) => Promise<T>): () => Promise<T> {
  let kept: { at: number; tracker: TimeTracker; value: Promise<T> } | undefined;
  return async () => {
    const tracker = await source.tracker();
    if (!kept || kept.tracker !== tracker || source.now() - kept.at > COMPLETION_DATA_MS) {
      const value = load(tracker);
      const entry = { at: source.now(), tracker, value };
      kept = entry;
      value.catch(() => {
        if (kept === entry) kept = undefined;
      });
    }
    return kept.value;
  };
}

/** The settings' public holidays in [from, to], names by date; none when no region is set or the data fails. */
export function holidayCalendar(log: Log): HolidaysOf {
  const warned = new Set<string>();
  return async (settings, from, to) => {
    if (!settings.holidays) return new Map();
    try {
      return new Map((await publicHolidays(settings.holidays, from, to)).map((holiday) => [holiday.date, holiday.name]));
    } catch (error) {
      const key = JSON.stringify(settings.holidays);
      if (!warned.has(key)) {
        warned.add(key);
        log(`Public holidays for ${key} are unavailable (${(error as Error).message}); counting without them.`);
      }
      return new Map();
    }
  };
}

function resolveTimeZone(configured: string, log: Log): string {
  if (configured === '') return systemTimeZone();
  if (isValidTimeZone(configured)) return configured;
  log(`Unknown timezone "${configured}" in settings; using ${systemTimeZone()}.`);
  return systemTimeZone();
}

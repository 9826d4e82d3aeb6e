// The tray's working-time warnings before a limit (docs/working-time.md, "Before it happens"): which to
// give now, when to look again, and until when Clock in would start work inside the rest. Pure: the
// settings, the entries the engine listed, the running timers, a clock and the warnings already given in,
// a plan out; the law's arithmetic is the engine's (domain/working-time/ahead.ts, through for-the-app.ts).
//
// Each warning is given once, known by a key that a re-read or a restart gives again for the same thing:
// work in a row by the instant its stretch began (a break starts another stretch, warned of anew), the
// day's maximum and each break rule by the day the work counts to. Nothing here refuses or changes a thing.
import type { RuleSetName, WorkingTimeRules } from '../../mcp-server/contract/working-time.ts';
import { rulesInForce, type WorkingTimeSettings } from '../../mcp-server/contract/working-time-settings.ts';
import { clockInInsideRest, type CountedSpan, type LimitAhead, limitsAhead, parseOffsetDateTime, WARN_AHEAD_MINUTES } from '../../mcp-server/for-the-app.ts';
import type { EntryView } from '../../window-contract/status.ts';

const MINUTE = 60_000;
/** How many given warnings are remembered: a day's handful, and the days before it, are plenty. */
export const WARNED_KEPT = 64;

/** What the warnings go by: the rules in force (the organisation's win) and the person's `notify`. */
export interface WarningSettings {
  rules: WorkingTimeRules;
  notify: boolean;
}

/** The settings' working time with the organisation's rules over the person's, as the engine applies them. */
export function warningSettings(settings: { workingTime: WorkingTimeSettings }, organisation: WorkingTimeRules | null): WarningSettings {
  return { rules: rulesInForce(settings, organisation), notify: settings.workingTime.notify };
}

/** Whether the tray warns at all: never with the rules off, not with `notify: false`. */
export function warningsOn(settings: WarningSettings): settings is { rules: RuleSetName; notify: true } {
  return settings.rules !== 'off' && settings.notify;
}

export interface AheadInput {
  settings: WarningSettings;
  zone: string;
  now: number;
  /** The entries of the day before and of today as the engine listed them (a running one with no end). */
  entries: readonly EntryView[];
  /** The running timers (several connections' each); none when nobody is clocked in. */
  running: readonly EntryView[];
  /** The keys of the warnings given already. */
  warned: readonly string[];
}

/** A warning to give now, with the key it is remembered by. */
export interface DueWarning {
  key: string;
  rules: RuleSetName;
  limit: LimitAhead;
  /** Whole minutes until the limit, rounded up: "in 15 minutes". */
  minutesLeft: number;
}

/** While clocking in would start work inside the rest: the set and when the rest is over. */
export interface ClockInRest {
  rules: RuleSetName;
  until: number;
}

export interface AheadPlan {
  due: DueWarning[];
  /** When the plan changes next with nothing else changing (a warning falls due, the rest is over); null: never. */
  nextAt: number | null;
  rest: ClockInRest | null;
}

const NOTHING: AheadPlan = { due: [], nextAt: null, rest: null };

/** The warnings due now, when to look again, and the rest Clock in would start work in. */
export function aheadPlan(input: AheadInput): AheadPlan {
  const { settings, zone, now } = input;
  if (!warningsOn(settings)) return NOTHING;
  const rules = settings.rules;
  const spans = spansOf(input.entries, input.running, now);
  if (input.running.length === 0) {
    const rest = clockInInsideRest(rules, zone, spans, now);
    return rest ? { due: [], nextAt: rest.until, rest: { rules, until: rest.until } } : NOTHING;
  }
  const due: DueWarning[] = [];
  let nextAt: number | null = null;
  for (const limit of limitsAhead({ rules, zone, now, spans, runningSince: runningSince(input.running, now) })) {
    const key = warningKey(limit);
    if (input.warned.includes(key) || due.some((each) => each.key === key)) continue;
    const warnAt = limit.at - WARN_AHEAD_MINUTES * MINUTE;
    if (now >= warnAt) due.push({ key, rules, limit, minutesLeft: Math.ceil((limit.at - now) / MINUTE) });
    else nextAt = nextAt === null ? warnAt : Math.min(nextAt, warnAt);
  }
  return { due, nextAt, rest: null };
}

/** What a warning is remembered by: the stretch's start for work in a row, the day (and the break rule's hours) otherwise. */
export function warningKey(limit: LimitAhead): string {
  switch (limit.code) {
    case 'wt_stretch_over_max':
      return `${limit.code}@${new Date(limit.start).toISOString()}`;
    case 'wt_day_over_max':
      return `${limit.code}@${limit.date}`;
    case 'wt_break_short':
      return `${limit.code}@${limit.date}>${limit.worked_minutes}`;
  }
}

/** The given warnings with these added, the latest kept. */
export function withWarned(warned: readonly string[], keys: readonly string[]): string[] {
  return [...warned.filter((key) => !keys.includes(key)), ...keys].slice(-WARNED_KEPT);
}

/**
 * The work of the entries as the rules count it: a running entry up to now, the breaks inside an entry cut
 * out (they are gaps), an agent's own time and a day-only entry labelled so the rules treat them as theirs.
 * The running timers are added where the list did not have them (one started before the day before).
 */
export function spansOf(entries: readonly EntryView[], running: readonly EntryView[], now: number): CountedSpan[] {
  const listed = (entry: EntryView) => entries.some((each) => each.id === entry.id && each.tracker === entry.tracker);
  const spans: CountedSpan[] = [];
  for (const entry of [...entries, ...running.filter((timer) => !listed(timer))]) {
    const start = instant(entry.start);
    if (start === null) continue;
    const end = entry.end === null ? Math.max(now, start) : instant(entry.end);
    if (end === null) continue;
    const label = {
      ...(entry.tracker === undefined ? {} : { tracker: entry.tracker }),
      ...(entry.agent ? { agent: entry.agent } : {}),
      ...(entry.span ? { span: entry.span } : {}),
    };
    let cursor = start;
    for (const pause of pausesOf(entry, now)) {
      if (pause.start > cursor) spans.push({ start: cursor, end: Math.min(pause.start, end), ...label });
      cursor = Math.max(cursor, pause.end);
    }
    if (end > cursor) spans.push({ start: cursor, end, ...label });
  }
  return spans;
}

/**
 * Since when the running work has gone on without a break: of each running timer not on a break, the end of
 * its last break (or its start); the earliest of them, as their work together is one person's. Null while
 * every timer is on a break (or is an agent's): then nothing grows.
 */
export function runningSince(running: readonly EntryView[], now: number): number | null {
  let since: number | null = null;
  for (const timer of running) {
    if (timer.agent) continue;
    const start = instant(timer.start);
    const pauses = pausesOf(timer, now);
    if (start === null || timer.breaks?.some((pause) => pause.end === null)) continue;
    const resumed = Math.max(start, ...pauses.map((pause) => pause.end));
    since = since === null ? resumed : Math.min(since, resumed);
  }
  return since !== null && since <= now ? since : null;
}

function pausesOf(entry: EntryView, now: number): Array<{ start: number; end: number }> {
  return (entry.breaks ?? [])
    .flatMap((pause) => {
      const start = instant(pause.start);
      const end = pause.end === null ? now : instant(pause.end);
      return start === null || end === null ? [] : [{ start, end }];
    })
    .sort((a, b) => a.start - b.start);
}

function instant(iso: string): number | null {
  const parsed = parseOffsetDateTime(iso) ?? Date.parse(iso);
  return Number.isFinite(parsed) ? parsed : null;
}

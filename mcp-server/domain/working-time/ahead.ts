// Before it happens: when the running timer will take today's work over a limit if nobody stops it,
// and until when clocking in would start work inside the rest. The tray warns from these (ahead by
// WARN_AHEAD_MINUTES), naming the rule; clocking in always still works. Pure: instants in, instants out.
import type { RuleSetName } from '../../contract/working-time.ts';
import { localDate } from '../time.ts';
import { RULE_SETS } from './rule-sets.ts';
import { type CountedSpan, MINUTE_MS, minutesOf } from './spans.ts';
import { timelineOf } from './timeline.ts';

/** How long before a limit the tray warns. */
export const WARN_AHEAD_MINUTES = 15;

/**
 * A limit the running timer will reach at `at` (epoch ms) if it keeps running, on the day its work counts to
 * (`date`, the day the running stretch began): what a warning given once a day or a stretch is known by.
 */
export type LimitAhead = { date: string } & LimitReached;

type LimitReached =
  /** The stretch that began at `start` makes the set's most minutes in a row without a break. */
  | { code: 'wt_stretch_over_max'; at: number; start: number; max_minutes: number }
  /** The day's work makes the set's maximum. */
  | { code: 'wt_day_over_max'; at: number; max_minutes: number }
  /** The day's work passes `worked_minutes`, from which it requires `required_minutes` of break, with `break_minutes` taken. */
  | { code: 'wt_break_short'; at: number; worked_minutes: number; break_minutes: number; required_minutes: number };

export interface AheadInput {
  rules: RuleSetName;
  zone: string;
  now: number;
  /** The work of today and the day before at least, the running timer's span ending now. */
  spans: readonly CountedSpan[];
  /** When the running timer started; null where none runs, and then nothing grows. */
  runningSince: number | null;
}

/** The limits still ahead of the running timer's day, soonest first; none without a running timer. */
export function limitsAhead(input: AheadInput): LimitAhead[] {
  const { now, runningSince } = input;
  if (runningSince === null || runningSince > now) return [];
  const set = RULE_SETS[input.rules];
  const timeline = timelineOf([...input.spans, { start: runningSince, end: now }], input.zone, set.breakBlockMinutes);
  // The running timer is in the last stretch, and that stretch's day is the one its work goes to.
  const stretch = timeline.stretches.at(-1);
  if (!stretch) return [];
  const day = timeline.day(stretch.date);
  const limits: LimitAhead[] = [];
  if (set.stretchMaxMinutes !== null) {
    limits.push({
      code: 'wt_stretch_over_max',
      date: stretch.date,
      at: stretch.start + set.stretchMaxMinutes * MINUTE_MS,
      start: stretch.start,
      max_minutes: set.stretchMaxMinutes,
    });
  }
  if (set.dayMaxMinutes !== null)
    limits.push({ code: 'wt_day_over_max', date: stretch.date, at: now + set.dayMaxMinutes * MINUTE_MS - day.workedMs, max_minutes: set.dayMaxMinutes });
  const taken = minutesOf(day.breakMs);
  for (const rule of set.breaks) {
    if (taken >= rule.breakMinutes) continue;
    const at = now + rule.overMinutes * MINUTE_MS - day.workedMs;
    limits.push({
      code: 'wt_break_short',
      date: stretch.date,
      at,
      worked_minutes: rule.overMinutes,
      break_minutes: taken,
      required_minutes: rule.breakMinutes,
    });
  }
  return limits.filter((limit) => limit.at > now).sort((a, b) => a.at - b.at);
}

/**
 * Where clocking in now would start a day's work inside the rest after the last day's (the rest is
 * then short): the end of that work and the instant the rest is over. Null where the rest is over, where
 * a clock-in would continue the last stretch (the gap is shorter than a break), or where it would add
 * to the same day's work. `spans` are the finished work of the last day or two; no timer runs.
 */
export function clockInInsideRest(rules: RuleSetName, zone: string, spans: readonly CountedSpan[], now: number): { end: number; until: number } | null {
  const set = RULE_SETS[rules];
  const last = timelineOf(spans, zone, set.breakBlockMinutes).stretches.at(-1);
  if (!last || now < last.end + set.breakBlockMinutes * MINUTE_MS || localDate(now, zone) === last.date) return null;
  const until = last.end + set.restMinutes * MINUTE_MS;
  return now < until ? { end: last.end, until } : null;
}

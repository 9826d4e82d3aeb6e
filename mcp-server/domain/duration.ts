// Reads the ways people (and AI clients on their behalf) write an amount of time: '1h30m',
// '1 h 30 min', '90 minutes', '1.5h', '1,5h' (decimal comma), '1:30' and ISO 8601 'PT1H30M'. What it
// cannot read is a refusal's code and facts, without the argument's name (contract/outcomes/input.ts
// words them).
import type { DurationProblem } from '../contract/outcomes/input.ts';

export type ParsedDuration = { ok: true; minutes: number } | { ok: false; problem: DurationProblem };

const MAX_MINUTES = 24 * 60;
// A leading '.5' is fine; a leading ',5' is not, so that '1h,30m' cannot turn into 1.3 minutes.
const NUMBER = String.raw`(\d+(?:[.,]\d+)?|\.\d+)`;
const HOUR_UNITS = new Set(['h', 'hr', 'hrs', 'hour', 'hours']);
const MINUTE_UNITS = new Set(['m', 'min', 'mins', 'minute', 'minutes']);

/** Whole minutes (rounded to the nearest), more than zero and at most 24 hours. */
export function parseDuration(text: string): ParsedDuration {
  const input = text.trim();
  if (input === '') return refused({ code: 'duration_missing', facts: {} });
  if (/^-/.test(input)) return refused({ code: 'duration_negative', facts: { text: input } });
  const bare = new RegExp(`^${NUMBER}$`).exec(input);
  if (bare) {
    // '90' could be minutes or hours: guessing wrong logs a day and a half, so the unit is asked for.
    const amount = toNumber(bare[1] ?? '0');
    return refused(amount === 0 ? { code: 'duration_zero', facts: { text: input } } : { code: 'duration_unit_missing', facts: { text: input, amount } });
  }

  const minutes = readClockStyle(input) ?? readIso(input) ?? readUnits(input);
  if (minutes === undefined) return refused({ code: 'duration_unreadable', facts: { text: input } });
  return checkRange(input, minutes);
}

/** '1:30' → 90. Minutes must be two digits so '1:5' is not silently read as 65 minutes. */
function readClockStyle(input: string): number | undefined {
  const match = /^(\d{1,2}):([0-5]\d)$/.exec(input);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** ISO 8601 durations with days, hours, minutes and seconds: 'PT45M', 'PT1H30M', 'P1D'. */
function readIso(input: string): number | undefined {
  const match = new RegExp(`^P(?:${NUMBER}D)?(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`, 'i').exec(input);
  if (!match || !/\d/.test(input) || /T$/i.test(input)) return undefined;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  return toNumber(days) * MAX_MINUTES + toNumber(hours) * 60 + toNumber(minutes) + toNumber(seconds) / 60;
}

/**
 * '1h30m', '1 h 30 min', '2 hours, 15 minutes', '2 hours and 15 minutes', '90min', and '1h30'
 * (minutes after hours need no unit, as people say it). Each unit at most once.
 */
function readUnits(input: string): number | undefined {
  const token = new RegExp(`${NUMBER}\\s*([a-z]+)`, 'y');
  const lower = input.toLowerCase();
  let hours: number | undefined;
  let minutes: number | undefined;
  let position = 0;
  while (position < lower.length) {
    token.lastIndex = position;
    const match = token.exec(lower);
    if (!match) {
      const trailing = /^[0-5]?\d$/.exec(lower.slice(position));
      if (!trailing || hours === undefined || minutes !== undefined) return undefined;
      minutes = Number(trailing[0]);
      break;
    }
    const [whole, amount = '0', unit = ''] = match;
    if (HOUR_UNITS.has(unit) && hours === undefined) hours = toNumber(amount);
    else if (MINUTE_UNITS.has(unit) && minutes === undefined) minutes = toNumber(amount);
    else return undefined;
    position += whole.length;
    // Between parts: spaces, optionally a comma and/or 'and' ('2 hours, 15 minutes').
    position += /^\s*,?\s*(?:and\s+)?/.exec(lower.slice(position))?.[0].length ?? 0;
  }
  if (hours === undefined && minutes === undefined) return undefined;
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function checkRange(input: string, exactMinutes: number): ParsedDuration {
  // Nearest, not down: 1.33h is 79.8 minutes and people mean 80.
  const minutes = Math.round(exactMinutes);
  if (exactMinutes === 0) return refused({ code: 'duration_zero', facts: { text: input } });
  if (minutes <= 0) return refused({ code: 'duration_under_a_minute', facts: { text: input } });
  if (minutes > MAX_MINUTES) return refused({ code: 'duration_over_a_day', facts: { text: input } });
  return { ok: true, minutes };
}

function refused(problem: DurationProblem): ParsedDuration {
  return { ok: false, problem };
}

function toNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

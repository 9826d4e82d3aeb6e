// Reads the ways people (and AI clients on their behalf) write an amount of time: '1h30m',
// '1 h 30 min', '90 minutes', '1.5h', '1,5h' (decimal comma), '1:30' and ISO 8601 'PT1H30M'.

export type ParsedDuration = { ok: true; minutes: number } | { ok: false; message: string };

const MAX_MINUTES = 24 * 60;
// A leading '.5' is fine; a leading ',5' is not, so that '1h,30m' cannot turn into 1.3 minutes.
const NUMBER = String.raw`(\d+(?:[.,]\d+)?|\.\d+)`;
const HOUR_UNITS = new Set(['h', 'hr', 'hrs', 'hour', 'hours']);
const MINUTE_UNITS = new Set(['m', 'min', 'mins', 'minute', 'minutes']);
const EXAMPLES = 'such as 1h30m, 90m, 1.5h, 1:30 or PT1H30M';

/** Whole minutes (rounded to the nearest), more than zero and at most 24 hours. */
export function parseDuration(text: string): ParsedDuration {
  const input = text.trim();
  if (input === '') return { ok: false, message: `A duration is required, ${EXAMPLES}.` };
  if (/^-/.test(input)) {
    return { ok: false, message: `"${input}" is negative. Write how long it took, ${EXAMPLES}.` };
  }
  const bare = new RegExp(`^${NUMBER}$`).exec(input);
  if (bare) return { ok: false, message: missingUnitMessage(input, toNumber(bare[1] ?? '0')) };

  const minutes = readClockStyle(input) ?? readIso(input) ?? readUnits(input);
  if (minutes === undefined) {
    return { ok: false, message: `Could not read "${input}" as a duration. Write it ${EXAMPLES}.` };
  }
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
  if (exactMinutes === 0) return { ok: false, message: `"${input}" is zero. Write how long it took, ${EXAMPLES}.` };
  if (minutes <= 0) {
    return { ok: false, message: `"${input}" is less than a minute. Durations are counted in whole minutes, such as 1m or 15m.` };
  }
  if (minutes > MAX_MINUTES) {
    return { ok: false, message: `"${input}" is more than 24 hours. Log each day separately, at most 24h per entry.` };
  }
  return { ok: true, minutes };
}

/**
 * '90' could be minutes or hours; guessing wrong logs a day and a half, so ask. Offer the unit that
 * is plausible: small numbers are as likely hours as minutes, large ones can only be minutes.
 */
function missingUnitMessage(input: string, amount: number): string {
  if (amount === 0) return `"${input}" is zero. Write how long it took, ${EXAMPLES}.`;
  const written = input.replace(',', '.');
  if (amount <= 24) {
    const asMinutes = Number.isInteger(amount) ? ` or ${written}m for minutes` : '';
    return `"${input}" has no unit. Write ${written}h for hours${asMinutes}.`;
  }
  if (amount > MAX_MINUTES) return `"${input}" has no unit, and is more than 24 hours even as minutes. Write it such as 90m or 1.5h.`;
  return `"${input}" has no unit. Write ${written}m or ${hoursEquivalent(amount)}.`;
}

/** 90 → '1.5h', 100 → '1h40m': decimal hours only where they are exact. */
function hoursEquivalent(minutes: number): string {
  const rounded = Math.round(minutes);
  if ((rounded * 100) % 60 === 0) return `${(rounded / 60).toString()}h`;
  return `${Math.floor(rounded / 60)}h${rounded % 60}m`;
}

function toNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

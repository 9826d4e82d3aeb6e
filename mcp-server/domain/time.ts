// Everything the engine knows about clocks and calendars. Instants are epoch milliseconds, calendar
// days are 'YYYY-MM-DD' strings, and zones are IANA names resolved through Intl alone: no library,
// so the server bundle stays small and the zone data is whatever the runtime ships.
import type { DateProblem, TimeProblem } from '../contract/outcomes/input.ts';
import type { TwiceRead } from '../contract/outcomes/reading.ts';
import { isValidTimeZone } from '../contract/time-zone.ts';
import { WEEKDAY_NAMES } from '../contract/vocabulary.ts';

export { WEEKDAY_NAMES };

export type { TwiceRead };

/**
 * `twice` says which reading was taken where a wall time meant two instants. What could not be read is
 * a refusal's code and facts without the argument's name (contract/outcomes/input.ts words it).
 */
export type ParsedInstant = { ok: true; epochMs: number; twice?: TwiceRead } | { ok: false; problem: TimeProblem };
export type ParsedDate = { ok: true; date: string } | { ok: false; problem: DateProblem };

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// ---------------------------------------------------------------------------------------------
// Zones

export function systemTimeZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

/**
 * The first of `zones` that is a zone, else the system's: a back end's zone for the person before the
 * settings', and the system's only when neither names one.
 */
export function firstValidZone(...zones: ReadonlyArray<string | null | undefined>): string {
  return zones.find((zone): zone is string => !!zone && isValidTimeZone(zone)) ?? systemTimeZone();
}

/** The one rule for a zone a person names (contract/time-zone.ts): the window and main use it too. */
export { isValidTimeZone };

// Creating an Intl.DateTimeFormat costs far more than using one, and offsets are computed for every
// entry of a report, so each zone gets exactly one formatter.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let formatter = formatters.get(tz);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, formatter);
  }
  return formatter;
}

/**
 * The offset of each UTC day a zone keeps one offset through, by the day's number since 1970 (null:
 * the offset changes that day), so the offsets of a call's instants (now, today's bounds, the week's)
 * are read once a day, not once an instant. Bounded per zone, as a server may run for months.
 */
const steadyDays = new Map<string, Map<number, number | null>>();
const STEADY_DAYS_KEPT = 64;
const LAST_STEADY_MS = 8.64e15 - 2 * MS_PER_DAY;

/** Minutes to add to UTC to get the wall clock in tz at that instant (+60 for Berlin in winter). */
export function offsetMinutes(epochMs: number, tz: string): number {
  if (!Number.isFinite(epochMs)) throw new RangeError(`Not an instant: ${epochMs}`);
  // The last days a Date can hold have no next day to compare with.
  if (Math.abs(epochMs) > LAST_STEADY_MS) return exactOffsetMinutes(epochMs, tz);
  const dayNumber = Math.floor(epochMs / MS_PER_DAY);
  let days = steadyDays.get(tz);
  if (!days) steadyDays.set(tz, (days = new Map()));
  let steady = days.get(dayNumber);
  if (steady === undefined) {
    // The same offset where the day begins and where it ends is its offset all day: no zone changes
    // offset twice within a day and back (the assumption wallTimeReadings makes too).
    const atStart = exactOffsetMinutes(dayNumber * MS_PER_DAY, tz);
    steady = atStart === exactOffsetMinutes((dayNumber + 1) * MS_PER_DAY, tz) ? atStart : null;
    if (days.size >= STEADY_DAYS_KEPT) days.clear();
    days.set(dayNumber, steady);
  }
  return steady ?? exactOffsetMinutes(epochMs, tz);
}

/** The offset at the instant, read off the zone's formatter. */
function exactOffsetMinutes(epochMs: number, tz: string): number {
  const fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  let beforeCommonEra = false;
  for (const part of formatterFor(tz).formatToParts(epochMs)) {
    if (part.type === 'era') beforeCommonEra = part.value === 'BC';
    else if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  const year = beforeCommonEra ? 1 - fields.year : fields.year;
  const wallAsUtc = utcMs(year, fields.month, fields.day, fields.hour, fields.minute, fields.second);
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  // Rounded because historical local mean times carry seconds; whole minutes keep every string we
  // print parseable back to the same instant. '+ 0' turns -0 into 0.
  return Math.round((wallAsUtc - wholeSecond) / MS_PER_MINUTE) + 0;
}

/** 'YYYY-MM-DDTHH:mm:ss+HH:MM', always with a numeric offset, never 'Z', without milliseconds. */
export function formatInstant(epochMs: number, tz: string): string {
  const offset = offsetMinutes(epochMs, tz);
  const wall = new Date(epochMs + offset * MS_PER_MINUTE);
  return `${isoDateOf(wall)}T${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}:${pad2(wall.getUTCSeconds())}${formatOffset(offset)}`;
}

/** 'HH:mm' on the wall clock of tz. */
export function formatLocalTime(epochMs: number, tz: string): string {
  const wall = new Date(epochMs + offsetMinutes(epochMs, tz) * MS_PER_MINUTE);
  return `${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`;
}

/** The calendar day in tz that contains the instant. */
export function localDate(epochMs: number, tz: string): string {
  return isoDateOf(new Date(epochMs + offsetMinutes(epochMs, tz) * MS_PER_MINUTE));
}

/**
 * The instant a wall clock in tz shows date and time ('HH:mm' or 'HH:mm:ss'). A time skipped by a
 * spring-forward gap moves forward by the length of the gap (02:30 → 03:30 in Berlin on 2026-03-29);
 * a time that happens twice at fall-back means its first occurrence. Both follow what calendar
 * apps and Temporal's 'compatible' mode do, so people get what they expect of a day's bounds.
 */
export function localDateTimeToEpoch(date: string, time: string, tz: string): number {
  return wallTimeReadings(date, time, tz)[0] as number;
}

/**
 * Every instant the wall time can mean, earliest first: one, or two where the clocks go back and
 * the time happens twice; in a spring-forward gap, the one instant it moves forward to.
 */
export function wallTimeReadings(date: string, time: string, tz: string): number[] {
  const day = requireDate(date);
  const clock = readClock(time);
  if (!clock || typeof clock === 'string') throw new RangeError(`Not a time of day: "${time}"`);
  const wallAsUtc = utcMs(day.year, day.month, day.day, clock.hour, clock.minute, clock.second);
  // In practice no zone changes offset twice within two days, so the offsets a day either side
  // bracket every reading the wall time can have.
  const offsetBefore = offsetMinutes(wallAsUtc - MS_PER_DAY, tz);
  const offsetAfter = offsetMinutes(wallAsUtc + MS_PER_DAY, tz);
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wallAsUtc - offset * MS_PER_MINUTE)
    .filter((instant) => instant + offsetMinutes(instant, tz) * MS_PER_MINUTE === wallAsUtc)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates;
  // In a gap: read the wall time with the offset from before the jump, which lands after it.
  return [wallAsUtc - offsetBefore * MS_PER_MINUTE];
}

/** The first instant of that local day (01:00 where midnight falls into a gap). */
export function startOfLocalDay(date: string, tz: string): number {
  return localDateTimeToEpoch(date, '00:00', tz);
}

// ---------------------------------------------------------------------------------------------
// Reading what people and AI clients write

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const RELATIVE_DAY_TIME = /^(today|yesterday|tomorrow)\s+(?:at\s+)?(\S+)$/i;

/**
 * Reads an instant: 'now'; ISO with an offset or Z; ISO without one (read in tz); a bare 'HH:mm'
 * (today in tz); or 'today HH:mm' / 'yesterday HH:mm' / 'tomorrow HH:mm'. Days are taken relative
 * to nowMs so the result never depends on the machine's clock or zone.
 */
export function parseInstant(text: string, tz: string, nowMs: number): ParsedInstant {
  const input = text.trim();
  if (input.toLowerCase() === 'now') return { ok: true, epochMs: nowMs };

  const iso = ISO_DATE_TIME.exec(input);
  if (iso) return readIsoDateTime(input, iso, tz, nowMs);

  const today = localDate(nowMs, tz);
  const relative = RELATIVE_DAY_TIME.exec(input);
  if (relative) {
    const [, word = '', time = ''] = relative;
    const keyword = word.toLowerCase();
    const date = keyword === 'today' ? today : addDays(today, keyword === 'yesterday' ? -1 : 1);
    return readWallTime(input, date, time, tz, nowMs);
  }
  if (isTimeOfDay(input)) return readWallTime(input, today, input, tz, nowMs);

  return { ok: false, problem: { code: 'time_unreadable', facts: { text: input, example: instantExample(tz, nowMs) } } };
}

/** A time of day alone, as people write it beside a date: '7:00', '09:30', '17:45:10'. */
export function isTimeOfDay(text: string): boolean {
  return /^\d{1,2}:\d{2}(:\d{2})?$/.test(text.trim());
}

/** A time of day (isTimeOfDay) on `date` in tz; where the clocks go back, read as parseInstant reads it. */
export function parseTimeOfDayOn(text: string, date: string, tz: string, nowMs: number): ParsedInstant {
  const input = text.trim();
  if (!isTimeOfDay(input)) return { ok: false, problem: { code: 'time_unreadable', facts: { text: input, example: instantExample(tz, nowMs) } } };
  return readWallTime(input, date, input, tz, nowMs);
}

/** Reads a calendar day: 'YYYY-MM-DD' (a real date), 'today', 'yesterday' or 'tomorrow' in tz. */
export function parseLocalDate(text: string, tz: string, nowMs: number): ParsedDate {
  const input = text.trim();
  const keyword = input.toLowerCase();
  const today = localDate(nowMs, tz);
  if (keyword === 'today') return { ok: true, date: today };
  if (keyword === 'yesterday') return { ok: true, date: addDays(today, -1) };
  if (keyword === 'tomorrow') return { ok: true, date: addDays(today, 1) };
  if (/^\d{4}-\d{2}-\d{2}$/.test(input)) {
    const monthDays = monthDaysIfNotReal(input);
    return monthDays === undefined
      ? { ok: true, date: input }
      : { ok: false, problem: { code: 'day_not_real', facts: { date: input, month_days: monthDays, reading: 'date', example: today } } };
  }
  return { ok: false, problem: { code: 'date_unreadable', facts: { text: input, example: today } } };
}

function readIsoDateTime(input: string, match: RegExpExecArray, tz: string, nowMs: number): ParsedInstant {
  const [, year, month, day, hour, minute, second = '00', fraction = '', offset] = match;
  const date = `${year}-${month}-${day}`;
  const monthDays = monthDaysIfNotReal(date);
  if (monthDays !== undefined) {
    return { ok: false, problem: { code: 'day_not_real', facts: { date, month_days: monthDays, reading: 'time', example: instantExample(tz, nowMs) } } };
  }
  const clock = readClock(`${hour}:${minute}:${second}`);
  // The pattern above only lets through digits in clock shape, so a clock that is not an object is
  // always one naming the field out of range.
  if (typeof clock !== 'object') {
    const part = clock ?? 'hours';
    return { ok: false, problem: { code: 'time_of_day_out_of_range', facts: { text: input, part, written: 'iso', example: instantExample(tz, nowMs) } } };
  }
  // Milliseconds survive; anything finer than that has nowhere to go in an epoch-ms instant.
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  if (offset === undefined) return readAmbiguous(date, `${hour}:${minute}:${second}`, tz, nowMs, millis);
  const offsetValue = readOffset(offset);
  if (offsetValue === undefined) {
    return { ok: false, problem: { code: 'utc_offset_unreadable', facts: { text: input, offset } } };
  }
  const wallAsUtc = utcMs(Number(year), Number(month), Number(day), clock.hour, clock.minute, clock.second);
  return { ok: true, epochMs: wallAsUtc - offsetValue * MS_PER_MINUTE + millis };
}

function readWallTime(input: string, date: string, time: string, tz: string, nowMs: number): ParsedInstant {
  const clock = readClock(time);
  if (!clock) return { ok: false, problem: { code: 'time_unreadable', facts: { text: input, example: instantExample(tz, nowMs) } } };
  if (typeof clock === 'string') {
    return {
      ok: false,
      problem: { code: 'time_of_day_out_of_range', facts: { text: input, part: clock, written: 'clock', example: instantExample(tz, nowMs) } },
    };
  }
  return readAmbiguous(date, `${pad2(clock.hour)}:${pad2(clock.minute)}:${pad2(clock.second)}`, tz, nowMs, 0);
}

/**
 * A wall time read in tz. Where the clocks go back it happens twice, and people mean the one they
 * just lived through: the latest reading that is not in the future (an `end` said a few seconds
 * after the second 01:30 means that one, not the hour-old first). With every reading ahead, the
 * nearest. `twice` names the one taken and the other (contract/outcomes/reading.ts words them).
 */
function readAmbiguous(date: string, time: string, tz: string, nowMs: number, millis: number): ParsedInstant {
  const readings = wallTimeReadings(date, time, tz).map((instant) => instant + millis);
  const past = readings.filter((instant) => instant <= nowMs);
  const taken = past.length > 0 ? (past.at(-1) as number) : (readings[0] as number);
  if (readings.length === 1) return { ok: true, epochMs: taken };
  const other = readings.find((instant) => instant !== taken) as number;
  const which = taken === readings[0] ? 'first' : 'second';
  const twice: TwiceRead = {
    time: time.slice(0, 5),
    date,
    timezone: tz,
    which,
    taken: formatInstant(taken, tz),
    latest_past: taken <= nowMs,
    other: formatInstant(other, tz),
  };
  return { ok: true, epochMs: taken, twice };
}

type Clock = { hour: number; minute: number; second: number };

/** A Clock, the part that is out of range, or undefined when it is not a time at all. */
function readClock(time: string): Clock | 'hours' | 'minutes' | 'seconds' | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = Number(match[3] ?? '0');
  if (hour > 23) return 'hours';
  if (minute > 59) return 'minutes';
  if (second > 59) return 'seconds';
  return { hour, minute, second };
}

/** Minutes east of UTC for 'Z', '+02:00' or '+0200'; undefined for anything else, or no text. */
function readOffset(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (text.toUpperCase() === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** An example of a time to write, built from the person's own day and zone: 09:00 today, with today's offset. */
function instantExample(tz: string, nowMs: number): string {
  return formatInstant(localDateTimeToEpoch(localDate(nowMs, tz), '09:00', tz), tz);
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on 'YYYY-MM-DD', done on day numbers so no Date quirk (two-digit years,
// the process's zone) can leak in.

/** True when text is 'YYYY-MM-DD' and names a day that exists. */
export function isValidDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && monthDaysIfNotReal(text) === undefined;
}

/** The calendar years [from, to] touches, in order (back ends that keep data by year are asked per year). */
export function yearsOf(from: string, to: string): number[] {
  const years: number[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) years.push(year);
  return years;
}

export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Can only add whole days, not ${n}`);
  return dateFromDayNumber(dayNumber(date) + n);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  // Day 0, 1970-01-01, was a Thursday (4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the ISO week that contains date. */
export function startOfIsoWeek(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** '2026-W47'. The week belongs to the year of its Thursday, so 2027-01-01 is '2026-W53'. */
export function isoWeekLabel(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${pad2(week)}`;
}

/**
 * More days than any range Punchcard works with (a century: call-limits.ts): a list this long can
 * only come from a date a back end sent (an absence "until 9999"), and would fill the heap.
 */
const MAX_LISTED_DAYS = 40_000;

/** Every day from from to to, both included; empty when to is before from. */
export function eachDate(from: string, to: string): string[] {
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (last - first >= MAX_LISTED_DAYS) throw new RangeError(`${from} to ${to} is more than ${MAX_LISTED_DAYS} days, too long a range to list day by day`);
  const dates: string[] = [];
  for (let day = first; day <= last; day++) dates.push(dateFromDayNumber(day));
  return dates;
}

/** How many days to is after from (negative when before). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** 'Monday' … 'Sunday'. */
export function weekdayName(date: string): WeekdayName {
  // isoWeekday is 1…7 for every date, so the index is always in range.
  return WEEKDAY_NAMES[isoWeekday(date) - 1] as WeekdayName;
}

// ---------------------------------------------------------------------------------------------
// Amounts of time

/** '0 min', '45 min', '1 h', '1 h 23 min', '26 h 5 min'; partial minutes are dropped. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`Not a duration: ${ms}`);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  const totalMinutes = Math.floor(ms / MS_PER_MINUTE);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/** Hours rounded to two decimals (5_400_000 → 1.5). */
export function hoursFromMs(ms: number): number {
  // Dividing by 36 000 first keeps the rounding on an exact-ish number of hundredths; '+ 0' turns
  // the -0 that tiny negative inputs produce into 0.
  return Math.round(ms / 36_000) / 100 + 0;
}

// ---------------------------------------------------------------------------------------------
// Helpers

type DateParts = { year: number; month: number; day: number };

function requireDate(date: string): DateParts {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`Not a date (YYYY-MM-DD): "${date}"`);
  const monthDays = monthDaysIfNotReal(date);
  if (monthDays !== undefined) {
    // A day a back end sent that the calendar lacks: a failure, said as the refusal of such a day is.
    const why =
      monthDays === null ? 'months go from 01 to 12' : `${MONTH_NAMES[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(0, 4))} has ${monthDays} days`;
    throw new RangeError(`"${date}" is not a real date: ${why}.`);
  }
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/**
 * Undefined where a 'YYYY-MM-DD' string is a real day; where it is not, the days its month has, or
 * null where its month is none (the facts of the refusal `day_not_real`).
 */
function monthDaysIfNotReal(date: string): number | null | undefined {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (month < 1 || month > 12) return null;
  const length = daysInMonth(year, month);
  return day < 1 || day > length ? length : undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's days_from_civil). */
function dayNumber(date: string): number {
  const { year, month, day } = requireDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function dateFromDayNumber(n: number): string {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) throw new RangeError(`Date out of range: year ${year}`);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Date.UTC without its habit of reading years 0–99 as 1900–1999. */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function isoDateOf(wall: Date): string {
  return `${String(wall.getUTCFullYear()).padStart(4, '0')}-${pad2(wall.getUTCMonth() + 1)}-${pad2(wall.getUTCDate())}`;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const magnitude = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(magnitude / 60))}:${pad2(magnitude % 60)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

// ---------------------------------------------------------------------------------------------
// Wire formats of remote back ends

/**
 * 'YYYY-MM-DDTHH:mm:ss' on the wall clock of tz, without an offset: what Kimai reads as a time in
 * the user's profile zone. Sub-second parts are dropped (Kimai's strict filters refuse them).
 */
export function formatWallClock(epochMs: number, tz: string): string {
  return formatInstant(Math.floor(epochMs / 1000) * 1000, tz).slice(0, 19);
}

/** 'YYYY-MM-DDTHH:mm:ssZ' in UTC, whole seconds: what Clockodo and Clockify take (Clockodo refuses milliseconds). */
export function formatUtcSeconds(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

const OFFSET_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Reads an ISO date-time that carries its own offset, with or without the colon ('+0200' is what
 * Kimai writes; ECMAScript's Date.parse only promises '+02:00'). Undefined for anything else, so a
 * back end that changed its format is noticed instead of read in the wrong zone.
 */
export function parseOffsetDateTime(text: string): number | undefined {
  const match = OFFSET_DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, offset] = match;
  const date = `${year}-${month}-${day}`;
  if (!isValidDate(date)) return undefined;
  const clock = readClock(`${hour}:${minute}:${second}`);
  const offsetValue = readOffset(offset);
  if (typeof clock !== 'object' || offsetValue === undefined) return undefined;
  return utcMs(Number(year), Number(month), Number(day), clock.hour, clock.minute, clock.second) - offsetValue * MS_PER_MINUTE;
}

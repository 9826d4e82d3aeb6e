// Time zones for a calendar that names one without describing it. RFC 5545 wants a VTIMEZONE in the
// file for every TZID it uses, but feeds often name an IANA zone alone ("America/New_York"), and
// floating times (no zone at all) mean the wall clock of whoever reads them. ical.js reads a zone it
// has no description of as UTC, which would put every such meeting hours off and ignore DST. So the
// zones a file lacks are described here from the zone data Node itself carries (Intl), as VTIMEZONE
// components added to the parsed calendar: ical.js then finds them in the file as if the file had
// brought them, and no registry shared by the process is touched.

/** A component in ical.js's jCal form: name, properties, subcomponents. */
export type JCalComponent = [string, JCalProperty[], JCalComponent[]];
/** A property in jCal form: name, parameters, value type, then its values. */
export type JCalProperty = [string, Record<string, unknown>, string, ...unknown[]];

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Offsets are sampled a week apart: no zone has changed its offset twice within a week in the years read. */
const SAMPLE_STEP = 7 * DAY;

/**
 * The IANA zone Node knows under this TZID, canonical, or undefined. A TZID some programs write with a
 * prefix of their own ("/mozilla.org/20050126_1/Europe/Berlin", "/Europe/Berlin") is tried by its
 * trailing parts too.
 */
export function ianaZone(tzid: string): string | undefined {
  const parts = tzid.split('/').filter((part) => part !== '');
  for (let first = 0; first < parts.length; first++) {
    const zone = knownZone(parts.slice(first).join('/'));
    if (zone) return zone;
  }
  return undefined;
}

function knownZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The person's own zone where none is given: the zone of the computer the engine runs on. */
export function localZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** How far `zone` is ahead of UTC at `instant`, in minutes. */
function offsetReader(zone: string): (instant: number) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  return (instant) => {
    const name = format.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
    const match = /^GMT([+-])(\d{2}):(\d{2})/.exec(name);
    if (!match) return 0;
    const minutes = Number(match[2]) * 60 + Number(match[3]);
    return match[1] === '-' ? -minutes : minutes;
  };
}

/** One change of offset: the instant it happens, and the offsets before and after it. */
interface Transition {
  at: number;
  from: number;
  to: number;
}

/** Every change of the zone's offset within [start, end), found to the minute. */
function transitions(offsetAt: (instant: number) => number, start: number, end: number): Transition[] {
  const found: Transition[] = [];
  let before = offsetAt(start);
  for (let low = start; low < end; low += SAMPLE_STEP) {
    const high = Math.min(low + SAMPLE_STEP, end);
    const after = offsetAt(high);
    if (after === before) continue;
    // The first minute at which the new offset holds lies in (low, high]: halve until one minute is left.
    let earlier = low;
    let later = high;
    while (later - earlier > MINUTE) {
      const middle = earlier + Math.floor((later - earlier) / 2 / MINUTE) * MINUTE;
      if (offsetAt(middle) === before) earlier = middle;
      else later = middle;
    }
    found.push({ at: later, from: before, to: offsetAt(later) });
    before = after;
  }
  return found;
}

/** '+01:00', '-05:00': an offset as jCal writes one. */
function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const whole = Math.abs(minutes);
  return `${sign}${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

/** '2025-10-26T02:00:00': a wall-clock time as jCal writes a local date-time. */
function localText(instant: number, offsetMinutes: number): string {
  return new Date(instant + offsetMinutes * MINUTE).toISOString().slice(0, 19);
}

/**
 * A VTIMEZONE named `tzid` that gives `zone`'s offsets, and its changes of offset between the start of
 * `fromYear` and the end of `toYear` (UTC years). Times before that stretch take the offset it began
 * with: ical.js reads a time before a zone's first observance as UTC, so the first observance starts
 * in 1601. Each change is an observance of its own (a DTSTART and no rule), in local time before the
 * change as RFC 5545 has it, so a zone whose rules changed within the stretch is still right.
 */
export function describedZone(tzid: string, zone: string, fromYear: number, toYear: number): JCalComponent {
  const offsetAt = offsetReader(zone);
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  const initial = offsetAt(start);
  const observance = (kind: string, localStart: string, from: number, to: number): JCalComponent => [
    kind,
    [
      ['dtstart', {}, 'date-time', localStart],
      ['tzoffsetfrom', {}, 'utc-offset', offsetText(from)],
      ['tzoffsetto', {}, 'utc-offset', offsetText(to)],
    ],
    [],
  ];
  const observances = [observance('standard', '1601-01-01T00:00:00', initial, initial)];
  for (const change of transitions(offsetAt, start, end)) {
    observances.push(observance(change.to > change.from ? 'daylight' : 'standard', localText(change.at, change.from), change.from, change.to));
  }
  return ['vtimezone', [['tzid', {}, 'text', tzid]], observances];
}

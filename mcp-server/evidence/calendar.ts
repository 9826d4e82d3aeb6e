// A calendar's evidence for a range: the meetings the person took part in, read from one iCalendar
// text (a file or a feed; calendar-source.ts gets it). ical.js parses the text and expands recurring
// events with their EXDATEs and RDATEs in the wall time of their own zone, so a weekly 09:00 in Berlin
// stays at 09:00 across a change of DST. Left out, because nobody books them as work: cancelled events
// and occurrences, free time (TRANSP:TRANSPARENT), all-day events, and what the person declined.
// Nothing but the title leaves this module: attendees, descriptions, locations and URLs stay in the file.
import ICAL from 'ical.js';
import { normalizeEmail } from '../contract/back-end-accounts.ts';
import { megabytes } from '../providers/remote/answer-size.ts';
import { type CalendarSelection, SELECTION_LIMITS, type SelectionLimits, selectEvents } from './calendar-selection.ts';
import { calendarTitle, NO_TITLE } from './calendar-titles.ts';
import { describedZone, ianaZone, type JCalComponent, type JCalProperty, localZone } from './calendar-zones.ts';
import { EVIDENCE_LIMITS, type EvidenceItem, type SkippedSource, type SourceReading } from './evidence.ts';
import { quotedText } from './evidence-quotes.ts';
import { ticketIds } from './tickets.ts';

export interface CalendarOptions {
  /** The calendar's name in the settings: every sentence about it names it so. */
  calendar: string;
  /** The range, [from, to) in epoch milliseconds: an event overlapping it is evidence, whole. */
  from: number;
  to: number;
  /** The person's own addresses: an invitation one of them declined is left out. */
  emails: readonly string[];
  /** The zone floating times (and zones the file names but neither describes nor Node knows) are read in; the computer's by default. */
  zone?: string;
  /** How many events this calendar may still give (EVIDENCE_LIMITS.events by default; the caller passes what other calendars left). */
  limit?: number;
  /** Lower limits of what is parsed than SELECTION_LIMITS (a test's); never higher. */
  selection?: Partial<SelectionLimits>;
}

/**
 * Occurrences one recurring event may go through, before the range and in it, and all of them in one
 * calendar: ical.js expands a rule from its first occurrence (20 to 50 µs each here, the more for a
 * zone), so a rule every minute since 2010 would otherwise hold the call for hours. 20,000 is a daily
 * meeting for 54 years, and 100,000 two to five seconds.
 */
export const MAX_STEPS_PER_SERIES = 20_000;
export const MAX_STEPS_PER_CALENDAR = 100_000;

/**
 * Overrides are matched to their series here, by the instant they replace. Without an explicit list,
 * ical.js's Event looks through every VEVENT of the calendar for its exceptions, each time one is
 * made: a calendar of 8,000 events took 6 to 14 s so, and takes a fraction of a second this way.
 */
const NO_EXCEPTIONS = { exceptions: [] };

/** The distinct zone names of one calendar read as named; the rest are read in the person's zone. */
const MAX_ZONE_NAMES = 100;

/** The properties whose values are instants, which a zone applies to. */
const TIME_PROPERTIES = new Set(['dtstart', 'dtend', 'rdate', 'exdate', 'recurrence-id']);

export function calendarEvidence(ics: string, options: CalendarOptions): SourceReading {
  const skipped: SkippedSource[] = [];
  const say = (problem: string) => skipped.push({ source: 'calendar', problem });
  const name = options.calendar;

  const notCalendar = notCalendarReason(ics);
  if (notCalendar) {
    say(`Calendar "${name}" is not an iCalendar file: ${notCalendar}.`);
    return { items: [], skipped };
  }
  // Only what may matter for the range is parsed, within limits (calendar-selection.ts): ical.js's tree of
  // a whole 10 MB calendar would not fit in the engine's heap.
  const limits: SelectionLimits = {
    events: Math.min(options.selection?.events ?? SELECTION_LIMITS.events, SELECTION_LIMITS.events),
    characters: Math.min(options.selection?.characters ?? SELECTION_LIMITS.characters, SELECTION_LIMITS.characters),
  };
  const selection = selectEvents(ics, options, limits);
  let calendars: JCalComponent[];
  try {
    calendars = calendarsIn(ICAL.parse(selection.text));
  } catch (error) {
    // ical.js's message quotes the line it stopped at, which may be anything a server sent: it is not repeated.
    say(
      `Calendar "${name}" is not an iCalendar file: ${String((error as Error)?.message).startsWith('invalid ical body') ? 'a component in it begins but never ends' : 'a line in it is neither a property nor the start or end of a component'}.`,
    );
    return { items: [], skipped };
  }
  if (calendars.length === 0) {
    say(`Calendar "${name}" is not an iCalendar file: it holds no VCALENDAR.`);
    return { items: [], skipped };
  }

  const reader = new CalendarReader(options, say);
  try {
    for (const calendar of calendars) {
      const { unknown, overflow } = describeMissingZones(calendar, options);
      const personZone = options.zone ?? localZone();
      if (unknown.length > 0) {
        say(
          `Calendar "${name}" names ${unknown.length === 1 ? 'a time zone' : 'time zones'} it does not describe (${zoneList(unknown)}); ` +
            `its events there were read in your own zone (${personZone}).`,
        );
      }
      if (overflow > 0) {
        say(
          `Calendar "${name}" names more than ${MAX_ZONE_NAMES} time zones; events in the ${overflow.toLocaleString('en-US')} beyond the first ${MAX_ZONE_NAMES} were read in your own zone (${personZone}).`,
        );
      }
      if (!reader.read(new ICAL.Component(calendar))) break;
    }
  } catch {
    // Each event's reading catches its own errors; one here is in the calendar's frame, and what the
    // library says of it may quote the text, so it is not repeated. What was read so far stays.
    say(`Calendar "${name}" could not be read to its end; what was read before is kept.`);
  }
  reader.finish();
  if (selection.cut) say(cutSentence(name, selection.cut, limits));
  return { items: reader.items, skipped };
}

/** Where the selection stopped, and why, for the person. */
function cutSentence(name: string, cut: NonNullable<CalendarSelection['cut']>, limits: SelectionLimits): string {
  const limit = cut.limit === 'events' ? `${limits.events.toLocaleString('en-US')} events` : `${megabytes(limits.characters)} of events`;
  return (
    `Calendar "${name}" has more events that may fall in these days than one call reads (${limit}, every recurring event counted whatever its dates): ` +
    `it was read up to line ${cut.line.toLocaleString('en-US')}, and the events from there on were left out. Fewer days, or a calendar of its recent events alone, is read whole.`
  );
}

/** The zones' names as a sentence holds them (the file's own words, quoted): three at most, each one line of at most 60 characters. */
function zoneList(zones: readonly string[]): string {
  const shown = zones.slice(0, 3).map((zone) => quotedText(zone, 60));
  return zones.length > 3 ? `${shown.join(', ')} and ${zones.length - 3} more` : shown.join(', ');
}

/** Why the text is plainly no calendar, before ical.js is asked; undefined where it may be one. */
function notCalendarReason(ics: string): string | undefined {
  const first = /^\s*(\S[^\r\n]*)/.exec(ics.replace(/^\uFEFF/, ''))?.[1];
  if (first === undefined) return 'it is empty';
  if (/^BEGIN:VCALENDAR\s*$/i.test(first)) return undefined;
  if (first.startsWith('<')) return 'it is a web page, not a calendar';
  return 'it does not begin with BEGIN:VCALENDAR';
}

/** The VCALENDARs ical.js found: one, or several where calendars were written one after another. */
function calendarsIn(parsed: unknown): JCalComponent[] {
  const isComponent = (value: unknown): value is JCalComponent => Array.isArray(value) && typeof value[0] === 'string';
  const found = isComponent(parsed) ? [parsed] : Array.isArray(parsed) ? parsed.filter(isComponent) : [];
  return found.filter((component) => component[0] === 'vcalendar');
}

/** What describeMissingZones could not give a zone of its own: names nobody knows, and how many names were past the limit. */
interface ZoneGaps {
  unknown: string[];
  overflow: number;
}

/**
 * Gives every time ical.js would misread a zone it can read, in place in the parsed calendar, before
 * ical.js reads a time: a floating time gets the person's zone, a TZID the file does not describe is
 * renamed to the IANA zone Node knows it as (or to the person's zone where Node knows none), and each
 * zone so named gets a description (calendar-zones.ts). ical.js finds a zone by going through every
 * VTIMEZONE of the file, so a file naming thousands costs seconds per thousand squared: only the
 * VTIMEZONEs the events use are kept, one description is made per real zone, not per name, and past
 * MAX_ZONE_NAMES names the rest are read in the person's zone.
 */
function describeMissingZones(calendar: JCalComponent, options: CalendarOptions): ZoneGaps {
  const personZone = options.zone ?? localZone();
  const described = new Set(
    calendar[2].filter((component) => component[0] === 'vtimezone').map((zone) => String(zone[1].find((property) => property[0] === 'tzid')?.[3])),
  );
  const gaps: ZoneGaps = { unknown: [], overflow: 0 };
  const renamed = new Map<string, string>();
  const zoneFor = (tzid: string): string => {
    let zone = renamed.get(tzid);
    if (zone !== undefined) return zone;
    if (renamed.size >= MAX_ZONE_NAMES) {
      gaps.overflow++;
      zone = personZone;
    } else if (described.has(tzid)) {
      zone = tzid;
    } else {
      zone = ianaZone(tzid);
      if (!zone) {
        gaps.unknown.push(tzid);
        zone = personZone;
      }
    }
    renamed.set(tzid, zone);
    return zone;
  };
  const used = new Set<string>();
  for (const event of calendar[2]) {
    if (event[0] !== 'vevent') continue;
    for (const property of event[1]) {
      if (!TIME_PROPERTIES.has(property[0]) || (property[2] !== 'date-time' && property[2] !== 'period')) continue;
      const tzid = property[1].tzid;
      if (typeof tzid !== 'string' && isUtc(property)) continue;
      const zone = typeof tzid === 'string' ? zoneFor(tzid) : personZone;
      property[1].tzid = zone;
      used.add(zone);
    }
  }
  calendar[2] = calendar[2].filter(
    (component) => component[0] !== 'vtimezone' || used.has(String(component[1].find((property) => property[0] === 'tzid')?.[3])),
  );
  // A year either side of the range: a meeting overlapping its start began before it, and ical.js
  // looks at the neighbouring year when a time falls near a change.
  const fromYear = new Date(options.from).getUTCFullYear() - 1;
  const toYear = new Date(options.to).getUTCFullYear() + 1;
  for (const zone of used) {
    // A file that describes a zone under its IANA name is believed about it.
    if (!described.has(zone)) calendar[2].push(describedZone(zone, zone, fromYear, toYear));
  }
  return gaps;
}

/** A date-time (or a period starting at one) written in UTC, with its Z. */
function isUtc(property: JCalProperty): boolean {
  const value = property[3];
  const start = Array.isArray(value) ? value[0] : value;
  return typeof start === 'string' && start.endsWith('Z');
}

/** What the person's own attendance and the event's status say about one event or occurrence. */
function leftOut(component: ICAL.Component, emails: ReadonlySet<string>): boolean {
  if (upper(component.getFirstPropertyValue('status')) === 'CANCELLED') return true;
  if (upper(component.getFirstPropertyValue('transp')) === 'TRANSPARENT') return true;
  return component.getAllProperties('attendee').some((attendee) => {
    const address = normalizeEmail(String(attendee.getFirstValue() ?? '').replace(/^mailto:/i, ''));
    return emails.has(address) && upper(attendee.getParameter('partstat')) === 'DECLINED';
  });
}

function upper(value: unknown): string {
  return typeof value === 'string' ? value.trim().toUpperCase() : '';
}

function epochMs(time: ICAL.Time): number {
  return time.toUnixTime() * 1000;
}

/** The events of a calendar, gathered within the limits of one call. */
class CalendarReader {
  readonly items: EvidenceItem[] = [];
  readonly #keys = new Set<string>();
  readonly #options: CalendarOptions;
  readonly #say: (problem: string) => void;
  readonly #emails: ReadonlySet<string>;
  readonly #limit: number;
  #steps = 0;
  #full = false;
  #outOfSteps = false;
  #unreadable = 0;

  constructor(options: CalendarOptions, say: (problem: string) => void) {
    this.#options = options;
    this.#say = say;
    this.#emails = new Set(options.emails.map(normalizeEmail).filter((email) => email !== ''));
    this.#limit = options.limit ?? EVIDENCE_LIMITS.events;
  }

  /** Reads one VCALENDAR; false once a limit stops the reading. */
  read(calendar: ICAL.Component): boolean {
    const masters = new Map<string, ICAL.Component>();
    const overrides: ICAL.Component[] = [];
    const events = calendar.getAllSubcomponents('vevent');
    for (const event of events) {
      if (event.hasProperty('recurrence-id')) overrides.push(event);
      else if (!masters.has(uidOf(event))) masters.set(uidOf(event), event);
    }
    // The original starts each series' overrides replace, so the series does not give them a second time.
    const moved = new Map<string, Set<number>>();
    for (const override of overrides) {
      const original = this.#attempt(() => epochMs(override.getFirstPropertyValue('recurrence-id') as ICAL.Time));
      if (original === undefined) continue;
      const uid = uidOf(override);
      if (!moved.has(uid)) moved.set(uid, new Set());
      moved.get(uid)?.add(original);
    }
    for (const [uid, master] of masters) {
      if (this.#attempt(() => this.#series(uid, master, moved.get(uid) ?? new Set())) === false) return false;
    }
    for (const override of overrides) {
      const master = masters.get(uidOf(override));
      // A series cancelled as a whole takes its moved occurrences with it.
      if (master && upper(master.getFirstPropertyValue('status')) === 'CANCELLED') continue;
      if (this.#attempt(() => this.#override(override)) === false) return false;
    }
    return true;
  }

  /** Says what the limits and unreadable events left out. */
  finish(): void {
    const name = this.#options.calendar;
    if (this.#unreadable > 0) {
      this.#say(
        `Calendar "${name}" has ${this.#unreadable === 1 ? 'an event' : `${this.#unreadable} events`} with a date, time or rule that cannot be read; ` +
          `${this.#unreadable === 1 ? 'it was' : 'they were'} left out.`,
      );
    }
    if (this.#full) {
      this.#say(`Calendar "${name}" has more than ${this.#limit.toLocaleString('en-US')} events in these days; the rest were left out. Ask for fewer days.`);
    }
    if (this.#outOfSteps) {
      this.#say(
        `Calendar "${name}" has more recurring events to go through than one call reads (${MAX_STEPS_PER_CALENDAR.toLocaleString('en-US')} occurrences since they began); ` +
          'some were left out. Ending old series in the calendar app, or a calendar of its recent events alone, makes it readable.',
      );
    }
  }

  /** Runs one event's reading; an event ical.js cannot read is counted and left out, not the calendar. */
  #attempt<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch {
      this.#unreadable++;
      return undefined;
    }
  }

  /** One event without RECURRENCE-ID: a single meeting, or a series expanded within the range. */
  #series(uid: string, master: ICAL.Component, moved: ReadonlySet<number>): boolean {
    if (leftOut(master, this.#emails)) return true;
    const event = new ICAL.Event(master, NO_EXCEPTIONS);
    if (event.startDate.isDate) return true;
    const duration = event.duration;
    if (!event.isRecurring()) return this.#add(master, uid, epochMs(event.startDate), epochMs(event.startDate), epochMs(event.endDate));
    const expansion = event.iterator();
    let steps = 0;
    for (let next = expansion.next(); next; next = expansion.next()) {
      if (++steps > MAX_STEPS_PER_SERIES) {
        this.#say(
          `Calendar "${this.#options.calendar}": the recurring event ${quotedText(calendarTitle(master.getFirstPropertyValue('summary')) ?? NO_TITLE, 100)} repeats more than ` +
            `${MAX_STEPS_PER_SERIES.toLocaleString('en-US')} times before these days, too often to go through, so it was left out.`,
        );
        return true;
      }
      if (++this.#steps > MAX_STEPS_PER_CALENDAR) {
        this.#outOfSteps = true;
        return false;
      }
      // Occurrences come in order: one starting at the range's end or later ends the series' part in it.
      const start = epochMs(next);
      if (start >= this.#options.to) break;
      if (moved.has(start)) continue;
      const end = next.clone();
      end.addDuration(duration);
      if (!this.#add(master, uid, start, start, epochMs(end))) return false;
    }
    return true;
  }

  /** A moved (or otherwise changed) occurrence: its own time, status and attendance; named by its original start. */
  #override(override: ICAL.Component): boolean {
    if (leftOut(override, this.#emails)) return true;
    const event = new ICAL.Event(override, NO_EXCEPTIONS);
    if (event.startDate.isDate) return true;
    const original = epochMs(override.getFirstPropertyValue('recurrence-id') as ICAL.Time);
    return this.#add(override, uidOf(override), original, epochMs(event.startDate), epochMs(event.endDate));
  }

  /** Keeps an event that overlaps the range (a meeting without length, one that starts in it); false once the limit is reached. */
  #add(component: ICAL.Component, uid: string, original: number, start: number, end: number): boolean {
    const { from, to } = this.#options;
    const overlaps = start < to && (end > from || (end <= start && start >= from));
    if (!overlaps) return true;
    const key = `cal:${uid}:${original}`;
    if (this.#keys.has(key)) return true;
    if (this.items.length >= this.#limit) {
      this.#full = true;
      return false;
    }
    const title = calendarTitle(component.getFirstPropertyValue('summary'));
    this.#keys.add(key);
    this.items.push({
      source: 'calendar',
      key,
      start,
      end: Math.max(start, end),
      text: title ?? NO_TITLE,
      matchTexts: title ? [title] : [],
      tickets: title ? ticketIds(title) : [],
    });
    return true;
  }
}

/** An event's UID; one without (which RFC 5545 forbids) is named by its title and start, which do not change with the range. */
function uidOf(component: ICAL.Component): string {
  const uid = component.getFirstPropertyValue('uid');
  if (typeof uid === 'string' && uid.trim() !== '') return uid.trim();
  const start = component.getFirstProperty('dtstart')?.toICALString() ?? '';
  return `no-uid:${String(component.getFirstPropertyValue('summary') ?? '')}|${start}`;
}

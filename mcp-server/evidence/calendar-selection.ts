// What of a calendar's text ical.js is given to parse: only the events that may fall in the days asked,
// and only the lines of them calendar.ts reads. ical.js parses a whole text into a tree before anything
// can be asked of it, at about 1.4 KB of heap per short event: a 10 MB feed of 100,000 events took the
// engine past its 256 MB heap (mcp-server/engine-flags.ts) and ended it. So the text is first gone through
// line by line, as text, and what cannot matter is never parsed:
// - a single event whose dates lie, by their digits, more than two days from the range (two days cover
//   every zone's offset, so no event is left out that a zone could bring into the range);
// - a recurring event that ends (its rule's UNTIL) before the range or begins after it, unless a moved
//   occurrence of it is kept (a series cancelled as a whole must still take that occurrence with it);
// - a moved occurrence (RECURRENCE-ID) that neither was nor is near the range;
// - every other component (to-dos, journals, alarms), the time zones no kept event names, and in a
//   kept event every property calendar.ts does not read (descriptions, locations, attendees other than
//   the person: a meeting's description is often larger than all the rest of it).
// A date that cannot be read as digits keeps its event: ical.js then says what it makes of it. What is
// kept is bounded too (events and bytes); past the bound the text is cut, and where is said.
// The order and the structure of what is kept are the text's own, so a text that is no calendar fails
// in ical.js as it did before (a component begun and never ended, a line that is no property).

export interface SelectionLimits {
  /** Events kept at most (recurring ones count whatever their dates). */
  events: number;
  /** Characters of kept text at most. */
  characters: number;
}

/**
 * At most 10,000 events and 4 MB of their lines are parsed per calendar. A month of a busy calendar is a
 * few hundred events and its live series; 10,000 events of a month parsed and read peak near 130 MB of
 * the engine's resident memory, within its 256 MB heap (docs/security.md; `npm run bench` measures it).
 */
export const SELECTION_LIMITS: SelectionLimits = { events: 10_000, characters: 4 * 1024 * 1024 };

export interface CalendarSelection {
  /** An iCalendar text with what may matter for the range. */
  text: string;
  /** Set where a limit stopped the selection: the line of the text (1 for the first) from which on nothing was kept. */
  cut?: { line: number; limit: 'events' | 'characters' };
  /** Events kept. */
  events: number;
}

export interface SelectionRange {
  /** [from, to) in epoch milliseconds. */
  from: number;
  to: number;
  /** The person's addresses: only an attendee line naming one of them is kept (the declined check). */
  emails: readonly string[];
}

/** The properties of an event calendar.ts (and ical.js's Event under it) reads. */
const KEPT_PROPERTIES = new Set(['UID', 'DTSTART', 'DTEND', 'DURATION', 'RRULE', 'RDATE', 'EXDATE', 'RECURRENCE-ID', 'STATUS', 'TRANSP', 'SUMMARY']);
/** Two days either side of the range, in whole days, covers every zone's offset from UTC (at most 14 hours). */
const MARGIN_MS = 2 * 24 * 3600_000;
/** A time zone's description larger than this is not kept (real ones are one or two kilobytes); the zone is then read as calendar.ts reads one not described. */
const ZONE_CHARACTERS = 64 * 1024;
/** All time zones' descriptions kept together at most. */
const ZONES_CHARACTERS = 1024 * 1024;
/** Recurring events that end before the range or begin after it, kept aside in case a moved occurrence of theirs is kept. */
const SERIES_ASIDE = 20_000;
const BEGIN = /^BEGIN:([^;:\s]+)\s*$/i;
const END = /^END:([^;:\s]+)\s*$/i;

interface EventFacts {
  uid: string;
  start?: string;
  end?: string;
  /** Days of a DURATION; null where it cannot be read. */
  durationDays?: number | null;
  recurring: boolean;
  hasRdate: boolean;
  until?: string;
  recurrenceId?: string;
  /** A line that is no property, or a component begun and not ended: ical.js must see it to say so. */
  malformed: boolean;
}

type Verdict = 'keep' | 'drop' | 'aside';

/** The parts of the text to parse for [from, to). */
export function selectEvents(ics: string, range: SelectionRange, limits: SelectionLimits = SELECTION_LIMITS): CalendarSelection {
  const lowDay = utcDay(range.from - MARGIN_MS);
  const highDay = utcDay(range.to + MARGIN_MS);
  const emails = range.emails.map((email) => email.trim().toLowerCase()).filter((email) => email !== '');
  const out: string[] = [];
  let characters = 0;
  let events = 0;
  let cut: CalendarSelection['cut'];

  // The state of one VCALENDAR.
  let inCalendar = false;
  let kept: string[] = [];
  let zones = new Map<string, string>();
  let zonesCharacters = 0;
  let aside: Array<{ uid: string; text: string; line: number }> = [];
  let keptOverrides = new Set<string>();

  // The component being gone through inside the calendar: its name, its lines, and nested components.
  let block: { name: string; lines: string[]; nested: string[]; facts: EventFacts; line: number; size: number } | null = null;

  /** Whether a kept part of `size` characters (an event's, where `event`) still fits; sets `cut` where it does not. */
  const room = (size: number, line: number, event: boolean): boolean => {
    if (cut) return false;
    if (event && events + 1 > limits.events) cut = { line, limit: 'events' };
    else if (characters + size > limits.characters) cut = { line, limit: 'characters' };
    return !cut;
  };
  const keep = (text: string) => {
    out.push(text);
    characters += text.length + 2;
  };
  const closeCalendar = (withEnd: boolean) => {
    for (const series of aside) {
      if (!keptOverrides.has(series.uid)) continue;
      if (!room(series.text.length + 2, series.line, true)) break;
      kept.push(series.text);
      events++;
      characters += series.text.length + 2;
    }
    const named = new Set<string>();
    for (const text of kept) for (const match of text.matchAll(/;TZID=(?:"([^"]*)"|([^;:]*))/gi)) named.add((match[1] ?? match[2] ?? '').trim());
    // Zones are bounded on their own (ZONES_CHARACTERS), and never cut the calendar.
    for (const [tzid, text] of zones) if (named.has(tzid)) keep(text);
    // The events' characters were counted as they were kept.
    out.push(...kept);
    if (withEnd) out.push('END:VCALENDAR');
    inCalendar = false;
    kept = [];
    zones = new Map();
    zonesCharacters = 0;
    aside = [];
    keptOverrides = new Set();
  };

  for (const { line, number } of logicalLines(ics)) {
    if (cut) break;
    const begin = BEGIN.exec(line)?.[1]?.toUpperCase();
    const end = begin === undefined ? END.exec(line)?.[1]?.toUpperCase() : undefined;
    if (!inCalendar) {
      if (begin === 'VCALENDAR') {
        inCalendar = true;
        out.push(line);
      } else if (line.trim() !== '' && room(line.length + 2, number, false)) {
        // Outside any calendar: ical.js says what it makes of it.
        keep(line);
      }
      continue;
    }
    if (block) {
      if (block.nested.length > 0) {
        // Inside a component within the event or the zone: a zone's observances are kept, an event's alarms are not read.
        if (begin) block.nested.push(begin);
        else if (end === block.nested.at(-1)) block.nested.pop();
        if (block.name === 'VTIMEZONE') addZoneLine(block, line);
        continue;
      }
      if (end === block.name) {
        finishBlock(block.line);
        block = null;
        continue;
      }
      if (begin) {
        block.nested.push(begin);
        if (block.name === 'VTIMEZONE') addZoneLine(block, line);
        continue;
      }
      if (block.name === 'VTIMEZONE') addZoneLine(block, line);
      else if (block.name === 'VEVENT') readProperty(block, line);
      continue;
    }
    if (end === 'VCALENDAR') {
      closeCalendar(true);
      continue;
    }
    if (begin) {
      block = {
        name: begin,
        lines: [line],
        nested: [],
        facts: { uid: '', recurring: false, hasRdate: false, malformed: false },
        line: number,
        size: line.length + 2,
      };
      continue;
    }
    // A property of the calendar itself (VERSION, PRODID, X-WR-TIMEZONE…), or a line ical.js will refuse.
    if (room(line.length + 2, number, false)) keep(line);
  }
  if (block && !cut && block.name === 'VEVENT') {
    // The text ended inside an event: ical.js must see it begin and not end.
    kept.push(block.lines.join('\r\n'));
  }
  if (inCalendar) closeCalendar(Boolean(cut));
  return { text: `${out.join('\r\n')}\r\n`, events, ...(cut ? { cut } : {}) };

  function addZoneLine(zone: NonNullable<typeof block>, line: string): void {
    // A description past the size kept is not kept whole: its lines stop being gathered.
    if (zone.size > ZONE_CHARACTERS) return;
    zone.lines.push(line);
    zone.size += line.length + 2;
  }

  function readProperty(event: NonNullable<typeof block>, line: string): void {
    const name = /^[A-Za-z0-9-]+/.exec(line)?.[0]?.toUpperCase();
    const separator = valueStart(line);
    if (!name || separator < 0 || (line[name.length] !== ':' && line[name.length] !== ';')) {
      // Neither a property nor a component's start or end: kept, for ical.js to refuse.
      event.facts.malformed = true;
      event.lines.push(line);
      return;
    }
    const value = line.slice(separator + 1).trim();
    const facts = event.facts;
    if (name === 'ATTENDEE') {
      const lower = line.toLowerCase();
      if (emails.some((email) => lower.includes(email))) event.lines.push(line);
      return;
    }
    if (!KEPT_PROPERTIES.has(name)) return;
    event.lines.push(line);
    if (name === 'UID') facts.uid = value;
    else if (name === 'DTSTART') facts.start = dayOf(value);
    else if (name === 'DTEND') facts.end = dayOf(value);
    else if (name === 'DURATION') facts.durationDays = durationDays(value);
    else if (name === 'RRULE') {
      facts.recurring = true;
      const until = /(?:^|;)UNTIL=(\d{8})/i.exec(value)?.[1];
      if (until) facts.until = until;
    } else if (name === 'RDATE') {
      facts.recurring = true;
      facts.hasRdate = true;
    } else if (name === 'RECURRENCE-ID') facts.recurrenceId = dayOf(value) ?? 'unreadable';
  }

  function finishBlock(line: number): void {
    const current = block as NonNullable<typeof block>;
    if (current.name === 'VTIMEZONE') {
      current.lines.push('END:VTIMEZONE');
      const tzid = current.lines.find((text) => /^TZID[;:]/i.test(text));
      const id = tzid === undefined ? undefined : tzid.slice(valueStart(tzid) + 1).trim();
      if (id !== undefined && !zones.has(id) && current.size <= ZONE_CHARACTERS && zonesCharacters + current.size <= ZONES_CHARACTERS) {
        zones.set(id, current.lines.join('\r\n'));
        zonesCharacters += current.size;
      }
      return;
    }
    if (current.name !== 'VEVENT') return;
    current.lines.push('END:VEVENT');
    const verdict = verdictOf(current.facts, lowDay, highDay);
    if (verdict === 'drop') return;
    const text = current.lines.join('\r\n');
    if (verdict === 'aside') {
      if (aside.length < SERIES_ASIDE) aside.push({ uid: current.facts.uid, text, line });
      return;
    }
    if (!room(text.length + 2, line, true)) return;
    if (current.facts.recurrenceId !== undefined) keptOverrides.add(current.facts.uid);
    kept.push(text);
    events++;
    characters += text.length + 2;
  }
}

/** Whether an event may matter for the days [lowDay, highDay] ('YYYYMMDD', the margin included). */
function verdictOf(facts: EventFacts, lowDay: string, highDay: string): Verdict {
  if (facts.malformed || facts.start === undefined) return 'keep';
  if (facts.recurrenceId !== undefined) {
    const wasNear = facts.recurrenceId === 'unreadable' || (facts.recurrenceId >= lowDay && facts.recurrenceId <= highDay);
    return wasNear || overlaps(facts, lowDay, highDay) ? 'keep' : 'drop';
  }
  if (facts.recurring) {
    if (facts.start > highDay) return 'aside';
    if (facts.until !== undefined && facts.until < lowDay && !facts.hasRdate) return 'aside';
    return 'keep';
  }
  return overlaps(facts, lowDay, highDay) ? 'keep' : 'drop';
}

/** Whether one occurrence's own dates may touch the days, by their digits; an end that cannot be read keeps it. */
function overlaps(facts: EventFacts, lowDay: string, highDay: string): boolean {
  const start = facts.start as string;
  if (start > highDay) return false;
  if (facts.end !== undefined) return facts.end >= lowDay;
  if (facts.durationDays === null) return true;
  if (facts.durationDays !== undefined) return addDaysTo(start, facts.durationDays) >= lowDay;
  return start >= lowDay;
}

/** The 'YYYYMMDD' a date or date-time value begins with; undefined where it does not begin so. */
function dayOf(value: string): string | undefined {
  return /^(\d{8})(?:T\d{6}Z?)?(?:\/.*)?$/i.exec(value)?.[1];
}

/** The whole days a DURATION spans at most (hours and less round up to a day); null where it cannot be read. */
function durationDays(value: string): number | null {
  const match = /^\+?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(value);
  if (!match) return /^-P/i.test(value) ? 0 : null;
  const [, weeks = '0', days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  const rest = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  return Number(weeks) * 7 + Number(days) + Math.ceil(rest / 86_400);
}

function utcDay(epochMs: number): string {
  return new Date(Math.min(Math.max(epochMs, 0), 253_402_300_799_000)).toISOString().slice(0, 10).replaceAll('-', '');
}

function addDaysTo(day: string, days: number): string {
  const epochMs = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))) + Math.min(days, 1_000_000) * 86_400_000;
  return Number.isFinite(epochMs) ? utcDay(epochMs) : '99991231';
}

/** Where a property's value begins: the first ':' outside a quoted parameter value; -1 where there is none. */
function valueStart(line: string): number {
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const character = line[index];
    if (character === '"') quoted = !quoted;
    else if (character === ':' && !quoted) return index;
  }
  return -1;
}

/**
 * The text's content lines, unfolded (a line that begins with a space or a tab goes on the one before,
 * RFC 5545 3.1), each with the number of the text's line it begins on; a leading byte-order mark is dropped.
 */
function* logicalLines(ics: string): Generator<{ line: string; number: number }> {
  let at = ics.charCodeAt(0) === 0xfeff ? 1 : 0;
  let number = 0;
  let current: string | undefined;
  let currentNumber = 0;
  while (at < ics.length) {
    const newline = ics.indexOf('\n', at);
    const stop = newline < 0 ? ics.length : newline;
    const physical = ics.slice(at, stop > at && ics.charCodeAt(stop - 1) === 13 ? stop - 1 : stop);
    at = stop + 1;
    number++;
    if ((physical.startsWith(' ') || physical.startsWith('\t')) && current !== undefined) {
      current += physical.slice(1);
      continue;
    }
    if (current !== undefined) yield { line: current, number: currentNumber };
    current = physical;
    currentNumber = number;
  }
  if (current !== undefined) yield { line: current, number: currentNumber };
}

// What of a calendar's text is parsed for a range (calendar-selection.ts): the events that may fall in
// it and the lines of them that are read, within a bound of events and characters. The selection is
// judged on the text it gives; what ical.js then makes of it is calendar.test.ts's.
import { describe, expect, it } from 'vitest';
import { selectEvents } from '../../../mcp-server/evidence/calendar-selection.ts';
import { calendarEvidence } from '../../../mcp-server/evidence/calendar.ts';

const calendar = (...parts: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...parts, 'END:VCALENDAR', ''].join('\r\n');
const event = (...lines: string[]) => ['BEGIN:VEVENT', 'DTSTAMP:20250901T000000Z', ...lines, 'END:VEVENT'].join('\r\n');
const range = { from: Date.parse('2025-10-28T00:00:00Z'), to: Date.parse('2025-10-29T00:00:00Z'), emails: ['me@example.com'] };
const limits = { events: 1000, characters: 1024 * 1024 };
/** The UIDs of the events a selection kept, in its order. */
const uids = (text: string) => [...text.matchAll(/^UID:(.*)$/gm)].map((match) => (match[1] as string).trim());

describe('selectEvents', () => {
  it('keeps the single events whose dates lie within two days of the range, by their digits, and drops the rest', () => {
    const text = calendar(
      event('UID:in', 'DTSTART:20251028T090000Z', 'DTEND:20251028T100000Z'),
      event('UID:zone-before', 'DTSTART;TZID=Pacific/Kiritimati:20251029T080000', 'DTEND;TZID=Pacific/Kiritimati:20251029T090000'),
      event('UID:long-before', 'DTSTART:20251020T090000Z', 'DTEND:20251028T093000Z'),
      event('UID:duration', 'DTSTART:20251020T090000Z', 'DURATION:P8DT1H'),
      event('UID:odd-duration', 'DTSTART:20251020T090000Z', 'DURATION:about a week'),
      event('UID:unreadable', 'DTSTART:2025-13-45', 'DTEND:20251028T100000Z'),
      event('UID:last-year', 'DTSTART:20241028T090000Z', 'DTEND:20241028T100000Z'),
      event('UID:next-week', 'DTSTART:20251104T090000Z', 'DTEND:20251104T100000Z'),
      event('UID:ended-before', 'DTSTART:20251020T090000Z', 'DTEND:20251020T100000Z'),
      event('UID:short-duration', 'DTSTART:20251020T090000Z', 'DURATION:PT1H'),
    );
    const selection = selectEvents(text, range, limits);
    expect(uids(selection.text)).toEqual(['in', 'zone-before', 'long-before', 'duration', 'odd-duration', 'unreadable']);
    expect(selection.events).toBe(6);
    expect(selection.cut).toBeUndefined();
  });

  it('keeps a series unless it begins after the range or its rule ended before it, and a moved occurrence near the range, with its ended series', () => {
    const text = calendar(
      event('UID:weekly', 'DTSTART:20200106T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY'),
      event('UID:counted', 'DTSTART:20200106T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=3'),
      event('UID:later', 'DTSTART:20260106T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY'),
      event('UID:ended', 'DTSTART:20200106T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;UNTIL=20210101T000000Z'),
      event('UID:ended-moved', 'DTSTART:20200106T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;UNTIL=20210101T000000Z'),
      event('UID:ended-moved', 'RECURRENCE-ID:20201228T090000Z', 'DTSTART:20251028T090000Z', 'DURATION:PT1H'),
      event('UID:weekly', 'RECURRENCE-ID:20200113T090000Z', 'DTSTART:20200114T090000Z', 'DURATION:PT1H'),
      event('UID:weekly', 'RECURRENCE-ID:20251027T090000Z', 'DTSTART:20251103T090000Z', 'DURATION:PT1H'),
      // A series of next year, cancelled as a whole, one of whose occurrences was moved into the range.
      event('UID:later-moved', 'STATUS:CANCELLED', 'DTSTART:20260106T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY'),
      event('UID:later-moved', 'RECURRENCE-ID:20260113T090000Z', 'DTSTART:20251028T120000Z', 'DURATION:PT1H'),
    );
    const selection = selectEvents(text, range, limits);
    expect(uids(selection.text)).toEqual(['weekly', 'counted', 'ended-moved', 'weekly', 'later-moved', 'ended-moved', 'later-moved']);
    // The cancelled series still takes its moved occurrence with it.
    expect(calendarEvidence(text, { calendar: 'Work', ...range }).items.map((item) => item.key)).not.toContainEqual(expect.stringMatching(/later-moved/));
    expect(selection.text).toContain('RECURRENCE-ID:20201228T090000Z');
    expect(selection.text).toContain('RECURRENCE-ID:20251027T090000Z');
    expect(selection.text).not.toContain('RECURRENCE-ID:20200113T090000Z');
  });

  it('keeps only the lines an event is read by, the person’s own attendance among its attendees, and the zones kept events name', () => {
    const zone = (tzid: string) =>
      [
        'BEGIN:VTIMEZONE',
        `TZID:${tzid}`,
        'BEGIN:STANDARD',
        'DTSTART:19701025T030000',
        'TZOFFSETFROM:+0200',
        'TZOFFSETTO:+0100',
        'END:STANDARD',
        'END:VTIMEZONE',
      ].join('\r\n');
    const text = calendar(
      zone('Europe/Berlin'),
      zone('Asia/Tokyo'),
      'BEGIN:VTODO\r\nUID:todo\r\nSUMMARY:A to-do\r\nEND:VTODO',
      event(
        'UID:meeting',
        'SUMMARY:Planning',
        'DESCRIPTION:Join at https://meet.example/abc with code 123',
        'LOCATION:Room 4',
        'ATTENDEE;CN=Someone:mailto:someone@example.com',
        'ATTENDEE;PARTSTAT=DECLINED;CN="Me: myself":mailto:ME@example.com',
        'DTSTART;TZID=Europe/Berlin:20251028T090000',
        'DTEND;TZID=Europe/Berlin:20251028T100000',
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        'TRIGGER:-PT10M',
        'END:VALARM',
      ),
    );
    const kept = selectEvents(text, range, limits).text;
    expect(kept).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//test//EN',
        zone('Europe/Berlin'),
        'BEGIN:VEVENT',
        'UID:meeting',
        'SUMMARY:Planning',
        'ATTENDEE;PARTSTAT=DECLINED;CN="Me: myself":mailto:ME@example.com',
        'DTSTART;TZID=Europe/Berlin:20251028T090000',
        'DTEND;TZID=Europe/Berlin:20251028T100000',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
    // What is kept still reads as before: the person declined, so the meeting is left out.
    expect(calendarEvidence(text, { calendar: 'Work', ...range, zone: 'Europe/Berlin' }).items).toEqual([]);
  });

  it('reads a folded line whole, and the line numbers of the text as written', () => {
    const text = calendar(
      event('UID:first', 'DTSTART:20251028T090000Z', 'DTEND:20251028T100000Z'),
      event('UID:fol', ' ded', 'DTSTART;TZID=', ' UTC:20251028T110000', 'DTEND:20251028T120000Z'),
      event('UID:third', 'DTSTART:20251028T130000Z', 'DTEND:20251028T140000Z'),
    );
    const selection = selectEvents(text, range, { events: 2, characters: limits.characters });
    expect(uids(selection.text)).toEqual(['first', 'folded']);
    expect(selection.text).toContain('DTSTART;TZID=UTC:20251028T110000');
    // The third event begins on line 18: three lines of the calendar, six of the first event, eight of the second.
    expect(selection.cut).toEqual({ line: 18, limit: 'events' });
  });

  it('stops at the bound of characters, and the text it gives still ends its calendar', () => {
    const events = Array.from({ length: 20 }, (_, index) =>
      event(`UID:e${index}`, `SUMMARY:${'x'.repeat(100)}`, 'DTSTART:20251028T090000Z', 'DTEND:20251028T100000Z'),
    );
    const selection = selectEvents(calendar(...events), range, { events: 1000, characters: 1000 });
    expect(selection.events).toBeGreaterThan(0);
    expect(selection.events).toBeLessThan(20);
    expect(selection.text.length).toBeLessThanOrEqual(1000 + 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'.length);
    expect(selection.cut?.limit).toBe('characters');
    expect(selection.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('leaves what is no calendar for ical.js to refuse, as it did before', () => {
    expect(selectEvents('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n', range, limits).text).toBe('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n');
    expect(selectEvents('BEGIN:VCALENDAR\r\nthis line holds token abc123\r\nEND:VCALENDAR\r\n', range, limits).text).toBe(
      'BEGIN:VCALENDAR\r\nthis line holds token abc123\r\nEND:VCALENDAR\r\n',
    );
    expect(uids(selectEvents(calendar(event('UID:bad', 'a line that is no property', 'DTSTART:20200101T090000Z')), range, limits).text)).toEqual(['bad']);
  });
});

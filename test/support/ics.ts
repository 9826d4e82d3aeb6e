// iCalendar text for the tests and pictures that need a person's calendar: meetings in Berlin's wall
// time, each a VEVENT with its own UID, as a calendar application writes them.

export interface Meeting {
  uid: string;
  /** Wall times in Europe/Berlin, 'YYYYMMDDTHHMMSS'. */
  start: string;
  end: string;
  summary: string;
  /** Further properties as written (an ATTENDEE, an RRULE, an EXDATE). */
  extra?: readonly string[];
}

/** One VEVENT's lines. */
export function meetingLines({ uid, start, end, summary, extra = [] }: Meeting): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20261101T000000Z',
    `DTSTART;TZID=Europe/Berlin:${start}`,
    `DTEND;TZID=Europe/Berlin:${end}`,
    `SUMMARY:${summary}`,
    ...extra,
    'END:VEVENT',
  ];
}

/** A whole calendar of these meetings, with CRLF line ends as the format asks. */
export function calendarText(meetings: readonly Meeting[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Punchcard tests//EN', ...meetings.flatMap(meetingLines), 'END:VCALENDAR', ''].join('\r\n');
}

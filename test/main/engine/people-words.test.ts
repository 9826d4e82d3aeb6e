// The engine's sentences as the window shows them: records not by number, no tools to call, days
// and times as a calendar writes them; everything else word for word.
import { describe, expect, it } from 'vitest';
import { forPeople } from '../../../main/engine/people-words.ts';

const en = (message: string) => forPeople(message, { locale: 'en-US' });

describe('words for people', () => {
  it.each([
    [
      'Kimai books every entry on a project and an activity; name the project too (see list_catalog).',
      'Kimai books every entry on a project and an activity; name the project too.',
    ],
    ['There is no activity #7 in Clockify (see list_catalog).', 'There is no such activity in Clockify.'],
    [
      "On Clockify an activity is one of a project's tasks: name the project too (list_catalog shows which tasks each has).",
      "On Clockify an activity is one of a project's tasks: name the project too.",
    ],
    [
      'No project "Nope". Known: "Acme Website", "Internal". Create it with create_catalog_item first if it is new.',
      'No project "Nope". Known: "Acme Website", "Internal".',
    ],
    [
      'The project "Legacy" is archived, so no time can be booked on it. Restore it with archive_catalog_item (archived: false) to use it.',
      'The project "Legacy" is archived, so no time can be booked on it.',
    ],
    ['No customer "Acme". Create it first, or check list_catalog.', 'No customer "Acme". Create it first.'],
  ])('points at no tool: %s', (engine, person) => {
    expect(en(engine)).toBe(person);
  });

  it.each([
    ['There is no time entry #12.', 'There is no such time entry.'],
    ['There is no time entry #12 in Kimai (or it is not yours).', 'There is no such time entry in Kimai (or it is not yours).'],
    [
      'Time entry #12 cannot be changed: It is exported in Kimai. Nothing was changed.',
      'This time entry cannot be changed: It is exported in Kimai. Nothing was changed.',
    ],
    ['You may not book on service #5 in Clockodo.', 'You may not book on this service in Clockodo.'],
    ['Absence #3 is already approved; only a manager can change it.', 'This absence is already approved; only a manager can change it.'],
    ['The running timer #9 is gone from Kimai; it was probably deleted there.', 'The running timer is gone from Kimai; it was probably deleted there.'],
    ['Leave request #4 is already cancelled.', 'This leave request is already cancelled.'],
    // What came of a kept write the person sent again (the Status screen's "Needs your decision").
    ['Logged 1 h on Website · Design, 06:00–07:00 (#6).', 'Logged 1 h on Website · Design, 06:00–07:00.'],
    ['Logged Website · Design, 06:00–07:00 (Kimai already had it, #6).', 'Logged Website · Design, 06:00–07:00 (Kimai already had it).'],
  ])('names no record by number: %s', (engine, person) => {
    expect(en(engine)).toBe(person);
  });

  it('keeps a number that belongs to the person’s own words', () => {
    expect(en('A timer is already running: Beta Corp · Support — Ticket #4711: export fails since 13:05 (1 h 20 min).')).toBe(
      'A timer is already running: Beta Corp · Support — Ticket #4711: export fails since 13:05 (1 h 20 min).',
    );
  });

  it('writes days and times as a calendar does, and arguments as fields', () => {
    expect(en('start is in the future (2026-05-13T23:30:00+02:00). Use a time up to now.')).toBe(
      'The start is in the future (May 13, 2026, 11:30 PM). Use a time up to now.',
    );
    expect(en('to (2026-05-01) is before from (2026-05-03).')).toBe('The last day (May 1, 2026) is before the first day (May 3, 2026).');
    // A day the calendar does not have is quoted as it was written.
    expect(en('first_day: 2026-02-30 is not a day of the calendar.')).toBe('First day: 2026-02-30 is not a day of the calendar.');
    expect(en('This overlaps your vacation request #4 (2026-05-26 to 2026-05-29, pending). Nothing was filed.')).toBe(
      'This overlaps your vacation request (May 26, 2026 to May 29, 2026, pending). Nothing was filed.',
    );
    expect(forPeople('From 2026-05-01 to 2026-05-03.', { locale: 'de-DE' })).toBe('From 01.05.2026 to 03.05.2026.');
  });

  it('turns what a leave request did into words too', () => {
    expect(en('Requested #104 vacation 2026-06-01 to 2026-06-05 (4.5 days, approved). 11 vacation days left in 2026.')).toBe(
      'Requested vacation Jun 1, 2026 to Jun 5, 2026 (4.5 days, approved). 11 vacation days left in 2026.',
    );
    expect(
      en(
        'Requested #7 vacation 2026-12-21 to 2027-01-08 (12 days, pending). Filed as 2 records: #7 (2026-12-21 to 2026-12-31), #8 (2027-01-01 to 2027-01-08).',
      ),
    ).toBe(
      'Requested vacation Dec 21, 2026 to Jan 8, 2027 (12 days, pending). Filed as 2 records: (Dec 21, 2026 to Dec 31, 2026), (Jan 1, 2027 to Jan 8, 2027).',
    );
  });

  it('leaves a sentence that is only about a tool as it was, and plain sentences alone', () => {
    expect(en('Call clock_in with switch: true.')).toBe('Call clock_in with switch: true.');
    expect(en('Clocked out.')).toBe('Clocked out.');
  });
});

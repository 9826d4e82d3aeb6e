// Calamari's own refusals (providers/calamari/): its shifts and breaks, which its API neither changes
// nor deletes, the absence types an organisation sets up, what its API does not do (cancel a request,
// add a project, change an employee), and its employee list, which a key may not read. The refusals
// every back end says alike are in back-end.ts; what Calamari's HTTP answers say, in its errors module.
import { counted } from './format.ts';
import { either, joined, outside, type Part, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

/** Names as the back end's words, each quoted: `"Annual leave", "Sick"`; nothing (falsy) for none. */
const quoted = (names: readonly string[]): Part => (names.length === 0 ? '' : joined(names.map(outside), ', '));

/** A write manage_people may ask for, as Calamari's refusal says it. */
const WRITES = { invite: 'invite', update: 'change', deactivate: 'deactivate', reactivate: 'reactivate' } as const;

/** Where one call's reading of the employee list stops, and what finds a person beyond it. */
const READS_SO_FAR = "which is as far as one call reads (its requests are the whole organisation's). Name them by e-mail: Calamari finds that in one request.";

type Employee = { name: string; email: string };

/** What each of the terminal's events (providers/calamari/timesheets/endpoints.ts) does, as a refusal says it was not done. */
const TERMINAL_EVENTS = { 'break-start': 'start the break', 'break-stop': 'end the break', 'clock-out': 'end the shift' } as const;

export const calamariRuleRefusals = refusalFamily({
  /** A shift to start before the one running did (a switch). */
  calamari_shift_starts_before_running: {
    kind: 'invalid',
    say: () => say`The new shift would start before the running one did.`,
    example: {},
  },
  /** Calamari keeps no note with a clock-out. */
  calamari_shift_end_note: {
    kind: 'invalid',
    say: () => say`Calamari keeps no note when a shift ends; clock out without one (you can add a description in Calamari).`,
    example: {},
  },
  calamari_shift_not_running: {
    kind: 'conflict',
    say: () => say`No shift is running.`,
    example: {},
  },
  calamari_shift_ends_before_start: {
    kind: 'invalid',
    say: () => say`The end time is before the shift started.`,
    example: {},
  },
  calamari_break_needs_shift: {
    kind: 'conflict',
    say: () => say`No shift is running; clock in before taking a break.`,
    example: {},
  },
  calamari_break_running: {
    kind: 'conflict',
    say: (facts: { break_type: string }) => say`A break (${facts.break_type}) is already running; end it first.`,
    example: { break_type: 'Lunch' },
  },
  calamari_no_break_type: {
    kind: 'invalid',
    say: () => say`Calamari has no break type you may take; ask your Calamari administrator.`,
    example: {},
  },
  calamari_break_not_running: {
    kind: 'conflict',
    say: () => say`No break is running.`,
    example: {},
  },
  /**
   * Calamari's terminal answered a clock-in with a status other than a started shift. This and the
   * refusals below it are unavailable, as answers that are not Calamari's (providers/remote/remote-error.ts).
   */
  calamari_shift_not_started: {
    kind: 'unavailable',
    say: () => say`Calamari did not start the shift (it answered that none is running). Try again, or clock in in Calamari.`,
    example: {},
  },
  /** Calamari confirmed a clock-in, and then listed no running shift. */
  calamari_clock_in_unlisted: {
    kind: 'unavailable',
    say: () => say`Calamari confirmed the clock-in but lists no running shift.`,
    example: {},
  },
  /** Calamari's terminal answered a break's start or end, or a clock-out, without the status that says it was done; `event` is the terminal's. */
  calamari_terminal_not_done: {
    kind: 'unavailable',
    say: (facts: { event: keyof typeof TERMINAL_EVENTS }) => say`Calamari did not ${TERMINAL_EVENTS[facts.event]}.`,
    example: { event: 'break-start' },
  },
  /** A past shift Calamari took, and then did not list where it was put. */
  calamari_shift_added_unlisted: {
    kind: 'unavailable',
    say: () => say`Calamari accepted the shift but does not list it; check your timesheet in Calamari before adding it again.`,
    example: {},
  },
  /** Calamari sent a time in no shape Punchcard reads (its first 40 characters). */
  calamari_time_unreadable: {
    kind: 'unavailable',
    say: (facts: { text: string }) => say`Calamari sent a time Punchcard cannot read (${outside(facts.text)}).`,
    example: { text: '18.11.2026 07:30' },
  },
  /** Calamari's API neither changes nor deletes a shift. */
  calamari_shift_changes_unsupported: {
    kind: 'unavailable',
    say: () => say`Calamari's API cannot change or delete a shift; do that in Calamari.`,
    example: {},
  },
  /** Calamari's projects are its administrators' to add and archive. */
  calamari_projects_admin_only: {
    kind: 'unavailable',
    say: (facts: { write: 'add' | 'archive' }) => say`Calamari's projects are set up by its administrators; Punchcard cannot ${facts.write} one.`,
    example: { write: 'add' },
  },
  /** Calamari's API cancels no leave request. */
  calamari_leave_cancel_unsupported: {
    kind: 'unavailable',
    say: () => say`Calamari's API cannot cancel a leave request; cancel it in Calamari (Requests).`,
    example: {},
  },
  /** No absence type of the organisation's reads as vacation, so no vacation balance. */
  calamari_no_vacation_type: {
    kind: 'unavailable',
    say: (facts: { types: readonly string[] }) =>
      say`Punchcard recognises no vacation type among your organisation's Calamari types (${quoted(facts.types) || 'none'}), so it cannot read a vacation balance.`,
    example: { types: ['Sick leave', 'Remote work'] },
  },
  /** An absence type named that the organisation has none of; `types` are those counted in days. */
  calamari_absence_type_unknown: {
    kind: 'invalid',
    say: (facts: { type: string; types: readonly string[] }) =>
      say`Your organisation has no absence type ${outside(facts.type)} in Calamari. Its types: ${quoted(facts.types) || 'none is set up'}.`,
    example: { type: 'Sabbatical', types: ['Vacation', 'Sick leave'] },
  },
  calamari_absence_type_in_hours: {
    kind: 'invalid',
    say: (facts: { type: string }) => say`${outside(facts.type)} is counted in hours in Calamari; Punchcard files leave in days. Request it in Calamari.`,
    example: { type: 'Doctor visit' },
  },
  /** No absence type of the organisation's reads as Punchcard's type. */
  calamari_absence_type_none: {
    kind: 'invalid',
    say: (facts: { type: string; types: readonly string[] }) =>
      say`Your organisation's Calamari has no type for ${facts.type}; name one of its own: ${quoted(facts.types) || 'none is set up'}.`,
    example: { type: 'sick', types: ['Vacation'] },
  },
  /** A team tool for someone nobody reports to. */
  calamari_no_reports: {
    kind: 'denied',
    say: () => say`Calamari names nobody who reports to you (no direct reports, no team you manage), so Punchcard shows you nobody else's time.`,
    example: {},
  },
  /** The key may not read the employee list, which says who reports to the person. */
  calamari_reports_unreadable: {
    kind: 'denied',
    say: () =>
      say`The Calamari API key may not read the employee list, so Punchcard cannot tell who reports to you. Ask your Calamari administrator for a key with the employees group.`,
    example: {},
  },
  /** An employee list longer than one call reads. */
  calamari_employee_list_too_long: {
    kind: 'invalid',
    say: (facts: { pages: number }) =>
      say`Calamari's employee list has ${facts.pages} pages, more than Punchcard reads at once, so it cannot tell who reports to you.`,
    example: { pages: 45 },
  },
  /** manage_people: a page of the employees past the last. */
  calamari_employees_no_page: {
    kind: 'not_found',
    say: (facts: { page: number; pages: number }) =>
      say`There is no page ${facts.page} of the employees: Calamari has ${counted(facts.pages, 'page', 'pages')}.`,
    example: { page: 4, pages: 3 },
  },
  calamari_employee_email_unknown: {
    kind: 'not_found',
    say: (facts: { email: string }) => say`Nobody in Calamari's employee list has the e-mail ${facts.email}.`,
    example: { email: 'ada@example.com' },
  },
  /** A name found in the pages one call reads, which may be someone else's too further on. */
  calamari_employee_maybe_later: {
    kind: 'invalid',
    say: (facts: { text: string; found: Employee; pages: number }) =>
      say`${outside(facts.text)} is ${outside(facts.found.name)} <${outside(facts.found.email)}> in the first ${facts.pages} pages of Calamari's employee list, and may be someone on a later page too: the list goes on past those, ${READS_SO_FAR}`,
    example: { text: 'Ada Lovelace', found: { name: 'Ada Lovelace', email: 'ada@example.com' }, pages: 10 },
  },
  calamari_employee_not_in_pages: {
    kind: 'invalid',
    say: (facts: { text: string; pages: number }) =>
      say`${outside(facts.text)} was not among the first ${facts.pages} pages of Calamari's employee list, ${READS_SO_FAR}`,
    example: { text: 'Grace Hopper', pages: 10 },
  },
  calamari_employee_ambiguous: {
    kind: 'conflict',
    say: (facts: { text: string; employees: readonly Employee[] }) =>
      say`Several employees are called ${outside(facts.text)}: ${joined(
        facts.employees.map((one) => say`${outside(one.name)} <${outside(one.email)}>`),
        ', ',
      )}. Name one by e-mail.`,
    example: {
      text: 'Ada Lovelace',
      employees: [
        { name: 'Ada Lovelace', email: 'ada@example.com' },
        { name: 'Ada Lovelace', email: 'ada.l@example.com' },
      ],
    },
  },
  calamari_employee_unknown: {
    kind: 'not_found',
    say: (facts: { text: string }) =>
      say`Nobody in Calamari's employee list is ${outside(facts.text)}; ${either('list shows everyone', 'the list shows everyone')}.`,
    example: { text: 'Grace Hopper' },
  },
  /** manage_people writes nothing to Calamari: its API's employee endpoints are for Calamari's own integrations. */
  calamari_people_read_only: {
    kind: 'unavailable',
    say: (facts: { write: keyof typeof WRITES }) =>
      say`Punchcard only reads Calamari's employee list: it does not ${WRITES[facts.write]} anyone there. Do it in Calamari's own screens. Nothing was sent.`,
    example: { write: 'invite' },
  },
  /** manage_people: whom a person manages, which Punchcard does not set on Calamari. */
  calamari_people_manages: {
    kind: 'input',
    say: () => say`Punchcard only reads Calamari's employee list: it assigns nobody a manager. Nothing was sent.`,
    example: {},
  },
  /** Calamari refused the key the employee list (403): manage_people is switched off. */
  calamari_employee_list_refused: {
    kind: 'denied',
    say: () =>
      say`Calamari did not let this key read the employee list (403 Forbidden): the key lacks the employee endpoints. ${either('manage_people is switched off', 'Administering people through Punchcard is switched off')}; your Calamari administrator can give the key them.`,
    example: {},
  },
});

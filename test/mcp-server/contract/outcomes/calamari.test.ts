// Calamari's refusals as data (contract/outcomes/calamari.ts): the model reads each code's words as it
// read the sentence the code replaced (written out here by hand from the old templates), a person
// reads them without tool names, and Calamari's parts refuse with the code and the facts of what
// they were asked.
import { describe, expect, it } from 'vitest';
import { calamariRuleRefusals } from '../../../../mcp-server/contract/outcomes/calamari.ts';
import { type Refusal, refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText, peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { CalamariPeople } from '../../../../mcp-server/providers/calamari/admin-people/admin-people.ts';
import { CalamariLeave } from '../../../../mcp-server/providers/calamari/leave/leave.ts';
import { absenceTypeFor } from '../../../../mcp-server/providers/calamari/mapping.ts';
import { CalamariShifts } from '../../../../mcp-server/providers/calamari/timesheets/shifts.ts';
import type { CalamariAbsenceType } from '../../../../mcp-server/providers/calamari/wire.ts';
import { backEndRefusalOf } from './refused.ts';

const said = (refusal: Refusal) => modelText(refusalSentence(refusal));
const READS_SO_FAR = "which is as far as one call reads (its requests are the whole organisation's). Name them by e-mail: Calamari finds that in one request.";

/** Every code with facts a real refusal carries, and the sentence the model read before the code (the old template, filled in). */
const BEFORE: ReadonlyArray<[Refusal, string]> = [
  [{ code: 'calamari_shift_starts_before_running', facts: {} }, 'The new shift would start before the running one did.'],
  [{ code: 'calamari_shift_end_note', facts: {} }, 'Calamari keeps no note when a shift ends; clock out without one (you can add a description in Calamari).'],
  [{ code: 'calamari_shift_not_running', facts: {} }, 'No shift is running.'],
  [{ code: 'calamari_shift_ends_before_start', facts: {} }, 'The end time is before the shift started.'],
  [{ code: 'calamari_break_needs_shift', facts: {} }, 'No shift is running; clock in before taking a break.'],
  [{ code: 'calamari_break_running', facts: { break_type: 'Lunch' } }, 'A break (Lunch) is already running; end it first.'],
  [{ code: 'calamari_no_break_type', facts: {} }, 'Calamari has no break type you may take; ask your Calamari administrator.'],
  [{ code: 'calamari_break_not_running', facts: {} }, 'No break is running.'],
  [{ code: 'calamari_shift_changes_unsupported', facts: {} }, "Calamari's API cannot change or delete a shift; do that in Calamari."],
  [{ code: 'calamari_projects_admin_only', facts: { write: 'add' } }, "Calamari's projects are set up by its administrators; Punchcard cannot add one."],
  [
    { code: 'calamari_projects_admin_only', facts: { write: 'archive' } },
    "Calamari's projects are set up by its administrators; Punchcard cannot archive one.",
  ],
  [{ code: 'calamari_leave_cancel_unsupported', facts: {} }, "Calamari's API cannot cancel a leave request; cancel it in Calamari (Requests)."],
  [
    { code: 'calamari_no_vacation_type', facts: { types: [] } },
    "Punchcard recognises no vacation type among your organisation's Calamari types (none), so it cannot read a vacation balance.",
  ],
  [
    { code: 'calamari_no_vacation_type', facts: { types: ['Sick', 'Remote'] } },
    'Punchcard recognises no vacation type among your organisation\'s Calamari types ("Sick", "Remote"), so it cannot read a vacation balance.',
  ],
  [
    { code: 'calamari_absence_type_unknown', facts: { type: 'Sabbatical', types: [] } },
    'Your organisation has no absence type "Sabbatical" in Calamari. Its types: none is set up.',
  ],
  [
    { code: 'calamari_absence_type_in_hours', facts: { type: 'Doctor' } },
    '"Doctor" is counted in hours in Calamari; Punchcard files leave in days. Request it in Calamari.',
  ],
  [
    { code: 'calamari_absence_type_none', facts: { type: 'sick', types: ['Vacation', 'Remote'] } },
    'Your organisation\'s Calamari has no type for sick; name one of its own: "Vacation", "Remote".',
  ],
  [
    { code: 'calamari_no_reports', facts: {} },
    "Calamari names nobody who reports to you (no direct reports, no team you manage), so Punchcard shows you nobody else's time.",
  ],
  [
    { code: 'calamari_reports_unreadable', facts: {} },
    'The Calamari API key may not read the employee list, so Punchcard cannot tell who reports to you. Ask your Calamari administrator for a key with the employees group.',
  ],
  [
    { code: 'calamari_employee_list_too_long', facts: { pages: 45 } },
    "Calamari's employee list has 45 pages, more than Punchcard reads at once, so it cannot tell who reports to you.",
  ],
  [{ code: 'calamari_employees_no_page', facts: { page: 2, pages: 1 } }, 'There is no page 2 of the employees: Calamari has 1 page.'],
  [{ code: 'calamari_employees_no_page', facts: { page: 4, pages: 3 } }, 'There is no page 4 of the employees: Calamari has 3 pages.'],
  [{ code: 'calamari_employee_email_unknown', facts: { email: 'ada@x.org' } }, "Nobody in Calamari's employee list has the e-mail ada@x.org."],
  [
    { code: 'calamari_employee_maybe_later', facts: { text: 'Ada', found: { name: 'Ada L', email: 'ada@x.org' }, pages: 10 } },
    `"Ada" is "Ada L" <"ada@x.org"> in the first 10 pages of Calamari's employee list, and may be someone on a later page too: the list goes on past those, ${READS_SO_FAR}`,
  ],
  [
    { code: 'calamari_employee_not_in_pages', facts: { text: 'Zed', pages: 10 } },
    `"Zed" was not among the first 10 pages of Calamari's employee list, ${READS_SO_FAR}`,
  ],
  [
    {
      code: 'calamari_employee_ambiguous',
      facts: {
        text: 'bob',
        employees: [
          { name: 'Bob B', email: 'bob@x.org' },
          { name: 'Bob B', email: 'rb@x.org' },
        ],
      },
    },
    'Several employees are called "bob": "Bob B" <"bob@x.org">, "Bob B" <"rb@x.org">. Name one by e-mail.',
  ],
  [{ code: 'calamari_employee_unknown', facts: { text: 'Zed' } }, 'Nobody in Calamari\'s employee list is "Zed"; list shows everyone.'],
  [
    { code: 'calamari_people_read_only', facts: { write: 'update' } },
    "Punchcard only reads Calamari's employee list: it does not change anyone there. Do it in Calamari's own screens. Nothing was sent.",
  ],
  [{ code: 'calamari_people_manages', facts: {} }, "Punchcard only reads Calamari's employee list: it assigns nobody a manager. Nothing was sent."],
  [
    { code: 'calamari_employee_list_refused', facts: {} },
    'Calamari did not let this key read the employee list (403 Forbidden): the key lacks the employee endpoints. manage_people is switched off; your Calamari administrator can give the key them.',
  ],
  [{ code: 'calamari_time_unreadable', facts: { text: '18.11.2026 07:30' } }, 'Calamari sent a time Punchcard cannot read ("18.11.2026 07:30").'],
  [
    { code: 'calamari_shift_not_started', facts: {} },
    'Calamari did not start the shift (it answered that none is running). Try again, or clock in in Calamari.',
  ],
  [{ code: 'calamari_clock_in_unlisted', facts: {} }, 'Calamari confirmed the clock-in but lists no running shift.'],
  [{ code: 'calamari_terminal_not_done', facts: { event: 'break-start' } }, 'Calamari did not start the break.'],
  [{ code: 'calamari_terminal_not_done', facts: { event: 'break-stop' } }, 'Calamari did not end the break.'],
  [{ code: 'calamari_terminal_not_done', facts: { event: 'clock-out' } }, 'Calamari did not end the shift.'],
  [
    { code: 'calamari_shift_added_unlisted', facts: {} },
    'Calamari accepted the shift but does not list it; check your timesheet in Calamari before adding it again.',
  ],
];

describe("Calamari's refusals", () => {
  it.each(BEFORE.map(([refusal, words]) => ({ refusal, words, code: refusal.code })))('$code: the model reads what it read before', ({ refusal, words }) => {
    expect(said(refusal)).toBe(words);
  });

  it('every code of the family is compared with its old words', () => {
    expect(new Set(BEFORE.map(([refusal]) => refusal.code))).toEqual(new Set(Object.keys(calamariRuleRefusals)));
  });

  it('a person reads no tool name', () => {
    const people = (refusal: Refusal) => peopleText(refusalSentence(refusal), { locale: 'en-US' });
    expect(people({ code: 'calamari_employee_list_refused', facts: {} })).toBe(
      'Calamari did not let this key read the employee list (403 Forbidden): the key lacks the employee endpoints. Administering people through Punchcard is switched off; your Calamari administrator can give the key them.',
    );
    expect(people({ code: 'calamari_employee_unknown', facts: { text: 'Zed' } })).toBe(
      'Nobody in Calamari\'s employee list is "Zed"; the list shows everyone.',
    );
  });
});

describe("Calamari's parts refuse with a code and its facts", () => {
  it('the absence type a request means, by its name or its type', async () => {
    const types: CalamariAbsenceType[] = [
      { id: 1, name: 'Vacation', durationUnit: 'DAYS' },
      { id: 2, name: 'Doctor', durationUnit: 'HOURS' },
    ];
    expect(await backEndRefusalOf(() => absenceTypeFor(types, 'vacation', 'Sabbatical'))).toEqual({
      code: 'calamari_absence_type_unknown',
      facts: { type: 'Sabbatical', types: ['Vacation'] },
    });
    expect(await backEndRefusalOf(() => absenceTypeFor(types, 'vacation', 'doctor'))).toEqual({
      code: 'calamari_absence_type_in_hours',
      facts: { type: 'Doctor' },
    });
    expect(await backEndRefusalOf(() => absenceTypeFor(types, 'sick', undefined))).toEqual({
      code: 'calamari_absence_type_none',
      facts: { type: 'sick', types: ['Vacation'] },
    });
  });

  it("what Calamari's API does not do, before anything is sent", async () => {
    // None of these asks Calamari anything: the parts need no context to refuse.
    const people = new CalamariPeople({} as never, {} as never, {});
    expect(await backEndRefusalOf(() => people.invite())).toEqual({ code: 'calamari_people_read_only', facts: { write: 'invite' } });
    expect(await backEndRefusalOf(() => people.setActive({ id: 1, name: 'Ada', email: '', role: null, active: false, teams: [] }, true))).toEqual({
      code: 'calamari_people_read_only',
      facts: { write: 'reactivate' },
    });
    expect(modelText(refusalSentence(people.peopleWriteRefusal('deactivate')))).toBe(
      "Punchcard only reads Calamari's employee list: it does not deactivate anyone there. Do it in Calamari's own screens. Nothing was sent.",
    );
    expect(await backEndRefusalOf(() => new CalamariLeave({} as never, {} as never, {} as never).cancelLeave())).toEqual({
      code: 'calamari_leave_cancel_unsupported',
      facts: {},
    });
    expect(await backEndRefusalOf(() => new CalamariShifts({} as never, {} as never, {}).deleteEntry())).toEqual({
      code: 'calamari_shift_changes_unsupported',
      facts: {},
    });
  });
});

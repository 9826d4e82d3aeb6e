// Refusals and notices of the day from evidence (suggest_entries, book_suggested_entries; docs/evidence.md):
// a host that reads no evidence, days too full to draft, drafts named wrongly or booked in part, and the
// settings' rules that name what the catalog does not have. A draft is named by its id (`d_…`, made from
// its evidence); `evidence` is what the draft stands on as the drafts' table quotes it (evidence/evidence-quotes.ts:
// outside text quoted and escaped, never words of Punchcard's own). What a source could not read stays
// in the answer's `skipped` list, where it is data already.
import { counted } from './format.ts';
import { day, either, forModelOnly, moment, outside, say } from './sentence.ts';
import { type Nested, type NestedRefusal, noticeFamily, refusalFamily } from './wording.ts';

type Draft = { draft: string };
type DraftWithEvidence = Draft & { evidence: string };

/** "Draft d_…" for a model at the start of a sentence; a person has the draft in front of them. */
const theDraft = (draft: string) => either(`Draft ${draft}`, 'This draft');

export const evidenceRefusals = refusalFamily({
  /** A host that reads none of the person's own files (the team server). */
  evidence_not_read_here: {
    kind: 'input',
    say: () =>
      say`This Punchcard reads no calendars, repositories or journals (the team server reads none of a person's own files); ${either('log time with log_time instead', 'log the time by hand instead')}.`,
    example: {},
  },
  /** More entries booked in the days asked than one call reads. */
  evidence_too_many_booked: {
    kind: 'input',
    say: (facts: { total: number; limit: number }) => say`These days hold ${facts.total} entries, more than ${facts.limit}; ask for fewer days.`,
    example: { total: 1_240, limit: 1_000 },
  },
  /** book_suggested_entries with no draft. */
  drafts_none_named: {
    kind: 'input',
    say: () => say`Name at least one draft to book${forModelOnly(': entries holds the ids suggest_entries showed')}.`,
    example: {},
  },
  /** One draft named twice in one call. */
  draft_named_twice: {
    kind: 'input',
    say: (facts: Draft) => say`${theDraft(facts.draft)} is named twice; name each draft once. Nothing was booked.`,
    example: { draft: 'd_3f9a0c2b71e4' },
  },
  /** A draft that is not among the days' drafts now: booked meanwhile, or its evidence or the bookings changed. */
  draft_gone: {
    kind: 'input',
    say: (facts: Draft) =>
      say`${theDraft(facts.draft)} is not among the drafts of these days any more (it was booked, or its evidence or what is booked changed). Nothing was booked; ${either(
        'call suggest_entries again for the drafts as they are now',
        'ask for the drafts again as they are now',
      )}.`,
    example: { draft: 'd_3f9a0c2b71e4' },
  },
  /** A draft with no project, none given. */
  draft_project_missing: {
    kind: 'input',
    say: (facts: DraftWithEvidence) =>
      say`${theDraft(facts.draft)} (${facts.evidence}) has no project: give one${forModelOnly(' (list_catalog names them)')}. Nothing was booked.`,
    example: { draft: 'd_3f9a0c2b71e4', evidence: 'calendar event "Sprint review"' },
  },
  /** A draft with no activity, none given, where the back end books every entry on one. */
  draft_activity_missing: {
    kind: 'input',
    say: (facts: DraftWithEvidence & { back_end: string }) =>
      say`${theDraft(facts.draft)} (${facts.evidence}) has no activity, and ${facts.back_end} books every entry on one: give one${forModelOnly(' (list_catalog names them)')}. Nothing was booked.`,
    example: { draft: 'd_3f9a0c2b71e4', evidence: 'repository "shop", commit subject "Fix the cart"', back_end: 'Clockodo' },
  },
  /** A draft's corrected end at or before its start. */
  draft_ends_before_start: {
    kind: 'input',
    say: (facts: Draft) => say`${theDraft(facts.draft)}: end must be after start. Nothing was booked.`,
    example: { draft: 'd_3f9a0c2b71e4' },
  },
  /** A draft corrected to more than a day. */
  draft_too_long: {
    kind: 'input',
    say: (facts: Draft) => say`${theDraft(facts.draft)}: an entry can be at most 24 hours long. Nothing was booked.`,
    example: { draft: 'd_3f9a0c2b71e4' },
  },
  /**
   * A correction that moves a draft off its own day, which its evidence does not speak for. `at` is the
   * time asked for as the person's wall clock shows it (`2026-05-14T09:15`).
   */
  draft_off_its_day: {
    kind: 'input',
    say: (facts: Draft & { day: string; which: 'start' | 'end'; at: string }) =>
      say`${theDraft(facts.draft)} is a draft of ${day(facts.day)}: a correction keeps it on that day, and its ${facts.which} ${moment(facts.at)} is not. ${either(
        'Log other time with log_time.',
        'Log other time on its own.',
      )} Nothing was booked.`,
    example: { draft: 'd_3f9a0c2b71e4', day: '2026-05-13', which: 'end', at: '2026-05-14T09:15' },
  },
  /** The back end refused a booking part-way: what was booked stays booked, what was not is named. */
  drafts_booking_stopped: {
    kind: 'input',
    say: (facts: { booked: ReadonlyArray<{ draft: string; entry: number }>; not_booked: readonly string[]; cause: NestedRefusal }, nested: Nested) =>
      say`Booked ${either(
        facts.booked.map((one) => `${one.draft} as #${one.entry}`).join(', '),
        counted(facts.booked.length, 'draft', 'drafts'),
      )}; then: ${nested(facts.cause)} Not booked: ${either(facts.not_booked.join(', '), counted(facts.not_booked.length, 'draft', 'drafts'))}. ${either(
        'Ask suggest_entries again',
        'Ask for the drafts again',
      )} for what is still open.`,
    example: {
      booked: [{ draft: 'd_3f9a0c2b71e4', entry: 412 }],
      not_booked: ['d_77b0e1a9c4d2'],
      cause: { code: 'failure_said', facts: { message: 'Kimai is not reachable right now.' } },
    },
  },
});

export const evidenceNotices = noticeFamily({
  /** A rule of the settings whose project is not one the person can book on: the rule was left out. */
  evidence_rule_project_unknown: {
    say: (facts: { match: string; project: string }) =>
      say`The rule for ${outside(facts.match)} names the project ${outside(facts.project)}, which is not among the projects you can book on; it was left out.`,
    example: { match: 'standup', project: 'Intranet' },
  },
  /** A rule of the settings whose activity the project does not have: the rule was left out. */
  evidence_rule_activity_unknown: {
    say: (facts: { match: string; activity: string; project: string }) =>
      say`The rule for ${outside(facts.match)} names the activity ${outside(facts.activity)}, which ${outside(facts.project)} does not have; it was left out.`,
    example: { match: 'standup', activity: 'Meetings', project: 'Intranet' },
  },
});

// The evidence family (mcp-server/contract/outcomes/evidence.ts) as suggest_entries and
// book_suggested_entries throw and note it, over the local timesheet and evidence read from a list:
// each refusal carries its code and facts, each rule the catalog cannot follow is a notice, and their
// words for the model are the sentences the tools always said.
import { describe, expect, it } from 'vitest';
import { type Notice, noticeSentence } from '../../../../mcp-server/contract/outcomes/notices.ts';
import { type Refusal, refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText, peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import type { Settings } from '../../../../mcp-server/contract/settings.ts';
import type { EvidenceItem } from '../../../../mcp-server/evidence/evidence.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';
import bookSuggestedEntries from '../../../../mcp-server/tools/book-suggested-entries.ts';
import suggestEntries from '../../../../mcp-server/tools/suggest-entries.ts';
import type { ToolInputError } from '../../../../mcp-server/tools/tool-input-error.ts';
import { at, DAY, failSecondWrite, NOW, readerOf } from '../../tools/friday-evidence.ts';
import { useLocalTimesheet } from '../../tools/local-tool-context.ts';
import { expectRefused } from './refused.ts';

const meeting = (date = '2026-11-20', start = '09:00', end = '10:00'): EvidenceItem => ({
  source: 'calendar',
  key: `cal:planning:${date}`,
  start: at(start, date),
  end: date === '2026-10-25' ? Date.parse('2026-10-25T23:00:00Z') : at(end, date),
  text: 'Sprint planning',
  matchTexts: ['Sprint planning'],
  tickets: [],
});
const review: EvidenceItem = { ...meeting(), key: 'cal:review', start: at('11:00'), end: at('12:00'), text: 'Review', matchTexts: ['Review'] };

const withCalendar =
  (rules: Settings['evidence']['rules'] = []) =>
  (settings: Settings): Settings => ({ ...settings, evidence: { ...settings.evidence, calendars: [{ name: 'Work', file: '/home/ada/work.ics' }], rules } });

const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

async function day(items: EvidenceItem[] = [meeting(), review], rules: Settings['evidence']['rules'] = []) {
  const local = await openTimesheet({ settings: withCalendar(rules), evidence: readerOf(items) });
  await local.tracker.catalog.createCatalogItem({ kind: 'project', name: 'Internal' });
  return local;
}

describe('suggest_entries refuses and notes with codes and facts', () => {
  it('a host that reads no evidence', async () => {
    const local = await openTimesheet({ settings: withCalendar() });
    await expectRefused(
      local.run(suggestEntries, { from: '2026-11-20' }),
      { code: 'evidence_not_read_here', facts: {} },
      "This Punchcard reads no calendars, repositories or journals (the team server reads none of a person's own files); log time with log_time instead.",
      "This Punchcard reads no calendars, repositories or journals (the team server reads none of a person's own files); log the time by hand instead.",
    );
  });

  it('days holding more entries than one call reads', async () => {
    const { context, run } = await day();
    Object.assign(context.tracker.entries, { listEntries: async () => ({ entries: [], total: 1_240 }) });
    await expectRefused(
      run(suggestEntries, { from: '2026-11-20' }),
      { code: 'evidence_too_many_booked', facts: { total: 1_240, limit: 1_000 } },
      'These days hold 1240 entries, more than 1000; ask for fewer days.',
    );
  });

  it('rules naming a project or an activity the catalog does not have, as notices', async () => {
    const { context, run } = await day(undefined, [
      { match: 'planning', project: 'Gone' },
      { match: 'review', project: 'Internal', activity: 'Reviews' },
    ]);
    await run(suggestEntries, { from: '2026-11-20' });
    expect(context.notes).toEqual([
      { code: 'evidence_rule_project_unknown', facts: { match: 'planning', project: 'Gone' } },
      { code: 'evidence_rule_activity_unknown', facts: { match: 'review', activity: 'Reviews', project: 'Internal' } },
    ]);
    expect(context.notes.map((note) => modelText(noticeSentence(note as Notice)))).toEqual([
      'The rule for "planning" names the project "Gone", which is not among the projects you can book on; it was left out.',
      'The rule for "review" names the activity "Reviews", which "Internal" does not have; it was left out.',
    ]);
  });
});

describe('book_suggested_entries refuses with codes and facts', () => {
  it('no draft, one named twice, one gone, one without a project', async () => {
    const { run } = await day();
    const [planning] = (await run(suggestEntries, { from: '2026-11-20' })).data.drafts;
    const id = planning?.id as string;
    await expectRefused(
      run(bookSuggestedEntries, { from: '2026-11-20', entries: [] }),
      { code: 'drafts_none_named', facts: {} },
      'Name at least one draft to book: entries holds the ids suggest_entries showed.',
      'Name at least one draft to book.',
    );
    await expectRefused(
      run(bookSuggestedEntries, { from: '2026-11-20', entries: [{ id, project: 'Internal' }, { id }] }),
      { code: 'draft_named_twice', facts: { draft: id } },
      `Draft ${id} is named twice; name each draft once. Nothing was booked.`,
      'This draft is named twice; name each draft once. Nothing was booked.',
    );
    await expectRefused(
      run(bookSuggestedEntries, { from: '2026-11-20', entries: [{ id: 'd_000000000000' }] }),
      { code: 'draft_gone', facts: { draft: 'd_000000000000' } },
      'Draft d_000000000000 is not among the drafts of these days any more (it was booked, or its evidence or what is booked changed). ' +
        'Nothing was booked; call suggest_entries again for the drafts as they are now.',
    );
    await expectRefused(
      run(bookSuggestedEntries, { from: '2026-11-20', entries: [{ id }] }),
      { code: 'draft_project_missing', facts: { draft: id, evidence: 'calendar event "Sprint planning"' } },
      `Draft ${id} (calendar event "Sprint planning") has no project: give one (list_catalog names them). Nothing was booked.`,
      'This draft (calendar event "Sprint planning") has no project: give one. Nothing was booked.',
    );
  });

  it('a draft without an activity where the back end books every entry on one', async () => {
    const { context, run } = await day();
    Object.assign(context.tracker.catalog, { entriesNeedActivity: true });
    const [planning] = (await run(suggestEntries, { from: '2026-11-20' })).data.drafts;
    const id = planning?.id as string;
    await expectRefused(
      run(bookSuggestedEntries, { from: '2026-11-20', entries: [{ id, project: 'Internal' }] }),
      { code: 'draft_activity_missing', facts: { draft: id, evidence: 'calendar event "Sprint planning"', back_end: 'Local timesheet' } },
      `Draft ${id} (calendar event "Sprint planning") has no activity, and Local timesheet books every entry on one: give one (list_catalog names them). Nothing was booked.`,
    );
  });

  it('corrections that end before the start, move a draft off its day, or make it longer than a day', async () => {
    const { run } = await day([meeting(), meeting('2026-10-25', '00:00')]);
    const [planning] = (await run(suggestEntries, { from: '2026-11-20' })).data.drafts;
    const id = planning?.id as string;
    await expectRefused(
      run(bookSuggestedEntries, { from: '2026-11-20', entries: [{ id, project: 'Internal', start: '13:00', end: '12:00' }] }),
      { code: 'draft_ends_before_start', facts: { draft: id } },
      `Draft ${id}: end must be after start. Nothing was booked.`,
    );
    await expectRefused(
      run(bookSuggestedEntries, { from: '2026-11-20', entries: [{ id, project: 'Internal', end: '2026-11-21T00:30' }] }),
      { code: 'draft_off_its_day', facts: { draft: id, day: '2026-11-20', which: 'end', at: '2026-11-21T00:30' } },
      `Draft ${id} is a draft of 2026-11-20: a correction keeps it on that day, and its end 2026-11-21T00:30 is not. Log other time with log_time. Nothing was booked.`,
      'This draft is a draft of Nov 20, 2026: a correction keeps it on that day, and its end Nov 21, 2026, 12:30 AM is not. Log other time on its own. Nothing was booked.',
    );
    // The night the clocks go back is 25 hours long: a draft corrected to all of it is longer than an entry may be.
    const [sunday] = (await run(suggestEntries, { from: '2026-10-25' })).data.drafts;
    const long = sunday?.id as string;
    await expectRefused(
      run(bookSuggestedEntries, { from: '2026-10-25', entries: [{ id: long, project: 'Internal', start: '00:00', end: '2026-10-26T00:00' }] }),
      { code: 'draft_too_long', facts: { draft: long } },
      `Draft ${long}: an entry can be at most 24 hours long. Nothing was booked.`,
    );
  });

  it("the back end's refusal part-way, inside its own: what was booked and what was not", async () => {
    const { run, tracker } = await day();
    const [first, second] = (await run(suggestEntries, { from: '2026-11-20' })).data.drafts;
    failSecondWrite(tracker, new BackEndError('timer_running', { entry: 9 }));
    const error = (await run(bookSuggestedEntries, {
      from: '2026-11-20',
      entries: [
        { id: first?.id, project: 'Internal' },
        { id: second?.id, project: 'Internal' },
      ],
    }).catch((thrown: unknown) => thrown)) as ToolInputError;
    const { entries } = await tracker.entries.listEntries(DAY);
    const entry = entries[0]?.id as number;
    expect(error.refusal).toEqual({
      code: 'drafts_booking_stopped',
      facts: { booked: [{ draft: first?.id, entry }], not_booked: [second?.id], cause: { code: 'timer_running', facts: { entry: 9 } } },
    });
    expect(error.message).toBe(
      `Booked ${first?.id} as #${entry}; then: A timer is already running. Not booked: ${second?.id}. Ask suggest_entries again for what is still open.`,
    );
    expect(peopleText(refusalSentence(error.refusal as Refusal))).toBe(
      'Booked 1 draft; then: A timer is already running. Not booked: 1 draft. Ask for the drafts again for what is still open.',
    );
  });
});

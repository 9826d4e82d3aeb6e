// The review of a day's drafts that the Timesheet and the suggested-day app share (renderer/src/drafts.ts):
// what goes to book_suggested_entries, what is refused before it is sent, and where the timeline draws.
import { describe, expect, it } from 'vitest';
import {
  bookingOf,
  bookingRefusal,
  bookLabel,
  chosenFields,
  type Draft,
  fieldsOf,
  keptChoices,
  sourceWord,
  tally,
  timelineOf,
  withChoice,
  withoutBooked,
} from '../../renderer/src/drafts.ts';

const draft = (id: string, start: string, end: string, project: string | null): Draft => ({
  id,
  start: `2026-05-12T${start}:00+02:00`,
  end: `2026-05-12T${end}:00+02:00`,
  minutes: 0,
  project: project === null ? null : { id: 1, name: project },
  activity: null,
  description: `work ${id}`,
  evidence: [],
  confidence: 'medium',
});

const commits = draft('a', '07:30', '08:25', 'Website');
const session = draft('b', '12:15', '12:55', null);

describe('bookingOf', () => {
  it('sends the accepted drafts only, each with only what the person changed, times as wall times of its day', () => {
    const booking = bookingOf([commits, session], {
      a: { kind: 'accept', fields: fieldsOf(commits) },
      b: { kind: 'accept', fields: { ...fieldsOf(session), end: '12:45', project: ' Internal ', description: 'pairing' } },
    });
    expect(booking).toEqual({
      entries: [{ id: 'a' }, { id: 'b', end: '2026-05-12T12:45', project: 'Internal', description: 'pairing' }],
      problems: [],
    });
    expect(bookingOf([commits, session], { a: { kind: 'drop' } }).entries).toEqual([]);
  });

  it('refuses, before anything is sent, an accepted draft without a project or with its end before its start', () => {
    const booking = bookingOf([commits, session], {
      a: { kind: 'accept', fields: { ...fieldsOf(commits), end: '07:00' } },
      b: { kind: 'accept', fields: fieldsOf(session) },
    });
    expect(booking.entries).toEqual([]);
    expect(booking.problems.map((problem) => [problem.id, problem.problem])).toEqual([
      ['a', 'The end (07:00) must be after the start (07:30) on the same day.'],
      ['b', 'Choose a project: no rule and no earlier entry names one for this draft.'],
    ]);
    expect(bookingRefusal(booking)).toBe(
      '07:30–07:00 Website — work a: The end (07:00) must be after the start (07:30) on the same day. ' +
        '12:15–12:55 No project yet — work b: Choose a project: no rule and no earlier entry names one for this draft.',
    );
  });

  it('counts and keeps choices only for drafts still drafted', () => {
    const choices = { a: { kind: 'drop' as const }, gone: { kind: 'drop' as const } };
    expect(tally([commits, session], choices)).toEqual({ accepted: 0, dropped: 1, open: 1 });
    expect([0, 1, 2].map(bookLabel)).toEqual(['Book', 'Book 1 entry', 'Book 2 entries']);
    expect(keptChoices([commits, session], choices)).toEqual({ a: { kind: 'drop' } });
  });

  it('forgets the choices of what was booked: the rest of a draft comes back with the same id, open', () => {
    const choices = { a: { kind: 'accept' as const, fields: fieldsOf(commits) }, b: { kind: 'drop' as const } };
    expect(withoutBooked(choices, ['a'])).toEqual({ b: { kind: 'drop' } });
  });
});

describe('one choice', () => {
  it("replaces a draft's choice or takes it back, leaving the others as they were", () => {
    const changed = { ...fieldsOf(commits), end: '08:00' };
    const choices = withChoice({ b: { kind: 'drop' } }, 'a', { kind: 'accept', fields: changed });
    expect(choices).toEqual({ a: { kind: 'accept', fields: changed }, b: { kind: 'drop' } });
    expect(withChoice(choices, 'a', { kind: 'drop' })).toEqual({ a: { kind: 'drop' }, b: { kind: 'drop' } });
    expect(withChoice(choices, 'a', undefined)).toEqual({ b: { kind: 'drop' } });
  });

  it('shows a draft as the person changed it once accepted so, else as drafted', () => {
    const changed = { ...fieldsOf(commits), project: 'Internal' };
    expect(chosenFields(commits, { a: { kind: 'accept', fields: changed } })).toEqual(changed);
    expect(chosenFields(commits, { a: { kind: 'drop' } })).toEqual(fieldsOf(commits));
    expect(chosenFields(session, {})).toEqual(fieldsOf(session));
  });

  it('names each evidence source in words, and one it does not know by its own name', () => {
    expect(['calendar', 'git', 'activity', 'ai', 'mail'].map(sourceWord)).toEqual(['Calendar', 'Commit', 'Activity', 'AI session', 'mail']);
  });
});

describe('timelineOf', () => {
  it('draws 08–18 at least, widens to what is there, follows a change and stops a running entry at now', () => {
    const timeline = timelineOf('2026-05-12', [commits], [{ id: 7, start: '2026-05-12T13:00:00+02:00', end: null }], {}, 14 * 60);
    expect([timeline.from, timeline.to]).toEqual([7, 18]);
    expect(timeline.booked[0]).toMatchObject({ kind: 'booked', left: (6 / 11) * 100, width: (1 / 11) * 100 });
    expect(timeline.drafts[0]).toMatchObject({ kind: 'draft', left: (30 / 660) * 100, width: (55 / 660) * 100 });
    const moved = timelineOf('2026-05-12', [commits], [], { a: { kind: 'accept', fields: { ...fieldsOf(commits), start: '09:00', end: '10:00' } } });
    expect([moved.from, moved.drafts[0]?.kind, moved.drafts[0]?.left]).toEqual([8, 'accepted', 10]);
  });
});

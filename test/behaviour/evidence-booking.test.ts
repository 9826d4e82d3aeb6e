// The day from evidence (suggest_entries, book_suggested_entries; docs/evidence.md), the same on every back end that
// keeps entries: Ada's calendar, an iCalendar file this file writes, mapped to the world's projects by the settings'
// rules (the review to Website, the planning to Internal; the workshop to none). Drafts book nothing; only the drafts
// picked are booked, through the back end's ordinary path, and then show in list_time_entries and leave the drafts;
// a draft id not given out, or given out and booked already, is refused with nothing written. Each test works on a
// day of its own but the two that book the review, which go in order.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalOf, type ToolResult } from '../support/engine.ts';
import { calendarText } from '../support/ics.ts';
import { at, type BehaviourBackEnd, booking, utc, WORLD } from './harness.ts';
import { backEndsWith, describeLacking, useWorld } from './suite.ts';

/** Tuesday: the review and the planning, each mapped by a rule. Thursday: a workshop no rule maps. */
const TUESDAY = '2026-11-10';
const THURSDAY = '2026-11-12';

let folder: string;
let calendar: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'punchcard-behaviour-evidence-'));
  calendar = join(folder, 'work.ics');
  writeFileSync(
    calendar,
    calendarText([
      { uid: 'review-1', start: '20261110T100000', end: '20261110T110000', summary: 'Sprint review' },
      { uid: 'planning-1', start: '20261110T140000', end: '20261110T150000', summary: 'Planning' },
      { uid: 'workshop-1', start: '20261112T090000', end: '20261112T103000', summary: 'Workshop' },
    ]),
  );
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The settings' evidence: Ada's calendar, and a rule for each meeting but the workshop, on the world's activity where the back end has activities. */
function evidence(backEnd: BehaviourBackEnd): Record<string, unknown> {
  const rule = (match: string, project: string) => ({ source: 'calendar', match, ...booking(backEnd, project) });
  return {
    evidence: {
      emails: ['ada@example.com'],
      calendars: [{ name: 'Work', file: calendar }],
      rules: [rule('review', WORLD.website), rule('Planning', WORLD.internal)],
    },
  };
}

type Draft = { id: string; start: string; end: string; minutes: number; project: { name: string } | null; description: string };
type Suggestion = { drafts: Draft[]; booked: Array<{ id: number; start: string; project: string | null }>; unmapped: unknown[]; skipped: unknown[] };
type Booked = { id: number; draft: string; start: string; end: string; minutes: number; project: string | null; description: string };
const draftLine = (draft: Draft) => [draft.start, draft.end, draft.project?.name ?? null, draft.description];
const bookedOf = (result: ToolResult) => (result.structuredContent as { booked: Booked[] }).booked;

describe.each(backEndsWith('entries'))('the day from evidence on $name', (backEnd) => {
  const world = useWorld(backEnd, () => backEnd.start({ settings: evidence(backEnd) }));
  const suggest = async (day: string) => (await world().call('suggest_entries', { from: day })).structuredContent as Suggestion;
  const storedOn = (day: string) =>
    world()
      .entries()
      .filter((entry) => entry.start.startsWith(day));
  /** The review's draft, as the first test found it. */
  let review: Draft;

  it('suggest_entries drafts the meetings on the projects the rules name, and books nothing', async () => {
    const mark = world().mark();
    const suggestion = await suggest(TUESDAY);
    expect(suggestion.drafts.map(draftLine)).toEqual([
      [at(TUESDAY, '10:00'), at(TUESDAY, '11:00'), WORLD.website, 'Sprint review'],
      [at(TUESDAY, '14:00'), at(TUESDAY, '15:00'), WORLD.internal, 'Planning'],
    ]);
    expect(suggestion).toMatchObject({ booked: [], unmapped: [], skipped: [] });
    review = suggestion.drafts[0] as Draft;
    expect(mark.writes()).toEqual([]);
    expect(storedOn(TUESDAY)).toEqual([]);
  });

  it('book_suggested_entries books the draft picked alone; it shows in list_time_entries and leaves the drafts', async () => {
    const mark = world().mark();
    const booked = await world().call('book_suggested_entries', { from: TUESDAY, entries: [{ id: review.id }] });
    expect(bookedOf(booked).map((entry) => [entry.draft, entry.start, entry.end, entry.minutes, entry.project, entry.description])).toEqual([
      [review.id, at(TUESDAY, '10:00'), at(TUESDAY, '11:00'), 60, WORLD.website, 'Sprint review'],
    ]);
    // A write the fake's log shows: what the refusals below must not leave.
    expect(mark.writes()).not.toEqual([]);
    const listed = (await world().call('list_time_entries', { from: TUESDAY, to: TUESDAY })).structuredContent as { entries: Booked[] };
    expect(listed.entries.map((entry) => [entry.id, entry.start, entry.project, entry.description])).toEqual([
      [bookedOf(booked)[0]?.id, at(TUESDAY, '10:00'), WORLD.website, 'Sprint review'],
    ]);
    expect(storedOn(TUESDAY)).toEqual([
      { start: utc(at(TUESDAY, '10:00')), end: utc(at(TUESDAY, '11:00')), project: WORLD.website, description: 'Sprint review' },
    ]);
    // The planning is still a draft; the review is what the back end holds now.
    const again = await suggest(TUESDAY);
    expect(again.drafts.map(draftLine)).toEqual([[at(TUESDAY, '14:00'), at(TUESDAY, '15:00'), WORLD.internal, 'Planning']]);
    expect(again.booked).toMatchObject([{ id: bookedOf(booked)[0]?.id, start: at(TUESDAY, '10:00'), project: WORLD.website }]);
  });

  it('the review booked is booked once: its draft again is refused as gone (draft_gone), with nothing written', async () => {
    const mark = world().mark();
    const twice = await world().call('book_suggested_entries', { from: TUESDAY, entries: [{ id: review.id }] });
    expect(twice.isError).toBe(true);
    expect(refusalOf(twice)).toEqual({ code: 'draft_gone', facts: { draft: review.id } });
    expect(mark.writes()).toEqual([]);
    expect(storedOn(TUESDAY)).toHaveLength(1);
  });

  it('a draft id not given out is refused (draft_gone), and the good draft named with it is not booked either, with nothing written', async () => {
    const planning = (await suggest(TUESDAY)).drafts[0] as Draft;
    const mark = world().mark();
    const refused = await world().call('book_suggested_entries', { from: TUESDAY, entries: [{ id: planning.id }, { id: 'd_000000000000' }] });
    expect(refused.isError).toBe(true);
    expect(refusalOf(refused)).toEqual({ code: 'draft_gone', facts: { draft: 'd_000000000000' } });
    expect(mark.writes()).toEqual([]);
    expect(storedOn(TUESDAY).map((entry) => entry.description)).toEqual(['Sprint review']);
  });

  it('a draft no rule maps keeps no project: refused until one is given (draft_project_missing), then booked on it', async () => {
    const suggestion = await suggest(THURSDAY);
    expect(suggestion.drafts.map(draftLine)).toEqual([[at(THURSDAY, '09:00'), at(THURSDAY, '10:30'), null, 'Workshop']]);
    expect(suggestion.unmapped).toEqual([{ source: 'calendar', text: 'Workshop', minutes: 90 }]);
    const workshop = suggestion.drafts[0] as Draft;
    const mark = world().mark();
    const refused = await world().call('book_suggested_entries', { from: THURSDAY, entries: [{ id: workshop.id }] });
    expect(refusalOf(refused)).toMatchObject({ code: 'draft_project_missing', facts: { draft: workshop.id } });
    expect(mark.writes()).toEqual([]);
    const booked = await world().call('book_suggested_entries', { from: THURSDAY, entries: [{ id: workshop.id, ...booking(backEnd, WORLD.internal) }] });
    expect(bookedOf(booked).map((entry) => [entry.draft, entry.minutes, entry.project, entry.description])).toEqual([
      [workshop.id, 90, WORLD.internal, 'Workshop'],
    ]);
    expect(storedOn(THURSDAY)).toEqual([
      { start: utc(at(THURSDAY, '09:00')), end: utc(at(THURSDAY, '10:30')), project: WORLD.internal, description: 'Workshop' },
    ]);
  });
});

describeLacking('entries');

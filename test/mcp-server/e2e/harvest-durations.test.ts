// The behaviour suite's thirteen scenarios about start and end times (test/behaviour/back-ends/harvest.ts says which
// and why), on a Harvest account that keeps durations: the same world (startHarvestWorld('durations')), the same
// calls, and what holds where Harvest keeps hours on a day and no times (docs/back-ends/harvest.md, "Two kinds of
// account"): the day, the minutes, the project, the words, the refusals with their facts, and that a refusal writes
// nothing. A running entry is shown from when its timer started (less what it held before), so the timer's starts
// hold; a stopped entry is shown from the start of its day for its hours.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarvestWorld } from '../../behaviour/back-ends/harvest.ts';
import { at, WORLD, type World } from '../../behaviour/harness.ts';
import { refusalOf, textOf, type ToolResult } from '../../support/engine.ts';
import { calendarText } from '../../support/ics.ts';
import type { FakeHarvest } from '../providers/harvest/fake-harvest.ts';

const ADA = 1_001;
const TODAY = '2026-11-18';
const BOOK = (project: string) => ({ project, activity: WORLD.activity });

type Entry = { id: number; start: string; end: string | null; minutes: number; project: string | null; description: string; span?: 'day' };
const entryOf = (result: ToolResult) => (result.structuredContent as { entry: Entry }).entry;
const listOf = (result: ToolResult) => result.structuredContent as { entries: Entry[]; total: number; next_offset: number | null };
/** An entry as the tools show it on a duration account: its day (from the start shown), minutes, project and words. */
const shown = (entry: Entry) => [entry.start.slice(0, 10), entry.minutes, entry.project, entry.description];

/** Ada's entries as Harvest keeps them on a duration account: a day, hours, whether a timer runs; oldest first. */
function stored(fake: FakeHarvest, day?: string) {
  const project = (id: number) => fake.state.projects.find((candidate) => candidate.id === id)?.name ?? null;
  return fake.state.entries
    .filter((entry) => entry.userId === ADA && (day === undefined || entry.spentDate === day))
    .map((entry) => ({
      day: entry.spentDate,
      hours: entry.hours,
      running: entry.timerStartedAt !== null,
      times: entry.startedTime ?? entry.endedTime,
      project: project(entry.projectId),
      notes: entry.notes ?? '',
    }));
}

/**
 * How far `instant` is from `time` today, in seconds. A running entry keeps the hours before its timer in hundredths
 * of an hour (Harvest's), so a past start comes back within 36 seconds of the one asked for.
 */
const offBy = (instant: unknown, time: string) => Math.abs(Date.parse(String(instant)) - Date.parse(at(TODAY, time))) / 1000;
const HUNDREDTH_OF_AN_HOUR_S = 36;

/** The world on a duration account for one describe block. */
function durationWorld(settings?: () => Record<string, unknown>): () => World & { fake: FakeHarvest } {
  let world: (World & { fake: FakeHarvest }) | undefined;
  beforeAll(async () => {
    world = await startHarvestWorld('durations', settings ? { settings: settings() } : {});
  });
  afterAll(async () => {
    await world?.close();
  });
  return () => {
    if (!world) throw new Error('The world over Harvest (durations) did not start.');
    return world;
  };
}

describe('the timer on a Harvest duration account (the suite’s story: 09:00 back-dated, a switch at 10:30, out at 11:15)', () => {
  const world = durationWorld();
  let running: number;

  it('clocks in on a project at a past start, and the status shows it running from then', async () => {
    const mark = world().mark();
    const started = await world().call('clock_in', { ...BOOK(WORLD.website), description: 'Landing page', start: '09:00' });
    expect(started.structuredContent).toMatchObject({ started: { end: null, project: WORLD.website, description: 'Landing page' }, stopped: null });
    const entry = started.structuredContent?.started as Entry;
    expect(offBy(entry.start, '09:00')).toBeLessThanOrEqual(HUNDREDTH_OF_AN_HOUR_S);
    running = entry.id;
    expect(mark.writes()).not.toEqual([]);
    // Harvest keeps the hours since 09:00 and a running timer; no times.
    expect(stored(world().fake)).toEqual([{ day: TODAY, hours: 3, running: true, times: null, project: WORLD.website, notes: 'Landing page' }]);
    const status = (await world().call('timer_status')).structuredContent as { running: Entry; on_break: null };
    expect(status).toMatchObject({ running: { id: running, end: null, project: WORLD.website, description: 'Landing page' }, on_break: null });
    expect(offBy(status.running.start, '09:00')).toBeLessThanOrEqual(HUNDREDTH_OF_AN_HOUR_S);
  });

  it('refuses a second clock_in while the timer runs, and writes nothing', async () => {
    const mark = world().mark();
    const again = await world().call('clock_in', BOOK(WORLD.internal));
    const refusal = refusalOf(again);
    expect(refusal).toMatchObject({ code: 'clock_in_timer_running', facts: { entry: running, project: WORLD.website } });
    expect(offBy(refusal?.facts.since, '09:00')).toBeLessThanOrEqual(HUNDREDTH_OF_AN_HOUR_S);
    expect(mark.writes()).toEqual([]);
    expect(stored(world().fake)).toHaveLength(1);
  });

  it('switches at 10:30: the running entry keeps its 90 minutes, the next timer runs from 10:30', async () => {
    const switched = await world().call('clock_in', { ...BOOK(WORLD.internal), switch: true, start: '10:30' });
    expect(switched.structuredContent).toMatchObject({
      // Stopped, it has only its hours: shown from the start of its day.
      stopped: { id: running, start: at(TODAY, '00:00'), end: at(TODAY, '01:30'), minutes: 90, project: WORLD.website },
      started: { end: null, project: WORLD.internal },
    });
    const next = switched.structuredContent?.started as Entry;
    expect(offBy(next.start, '10:30')).toBeLessThanOrEqual(HUNDREDTH_OF_AN_HOUR_S);
    running = next.id;
    expect(stored(world().fake).map(({ hours, running: runs, project }) => ({ hours, runs, project }))).toEqual([
      { hours: 1.5, runs: false, project: WORLD.website },
      { hours: 1.5, runs: true, project: WORLD.internal },
    ]);
    expect((await world().call('timer_status')).structuredContent).toMatchObject({ running: { id: running, project: WORLD.internal } });
  });

  it('refuses a clock-out before the timer started, and writes nothing', async () => {
    const mark = world().mark();
    const early = await world().call('clock_out', { end: '10:00' });
    expect(refusalOf(early)?.code).toBe('clock_out_before_start');
    expect(mark.writes()).toEqual([]);
    expect(stored(world().fake).at(-1)).toMatchObject({ running: true, project: WORLD.internal });
  });

  it('clocks out at 11:15: the entry keeps 45 minutes, and nothing runs', async () => {
    const stopped = await world().call('clock_out', { end: '11:15' });
    expect(stopped.structuredContent).toMatchObject({
      stopped: { id: running, start: at(TODAY, '00:00'), end: at(TODAY, '00:45'), minutes: 45, span: 'day', project: WORLD.internal },
    });
    // The words say when it stopped, as asked, and its length; not the placement at the start of the day.
    expect(textOf(stopped)).toContain('at 11:15 after 45 min');
    expect(stored(world().fake).at(-1)).toEqual({ day: TODAY, hours: 0.75, running: false, times: null, project: WORLD.internal, notes: '' });
    expect((await world().call('timer_status')).structuredContent).toMatchObject({ running: null, on_break: null, today_minutes: 135 });
  });

  it('clocks in without a project at a past start, which the timer keeps, on the last booking', async () => {
    const resumed = await world().call('clock_in', { start: '11:30' });
    expect(resumed.structuredContent).toMatchObject({ started: { end: null, project: WORLD.internal }, stopped: null });
    expect(offBy((resumed.structuredContent?.started as Entry).start, '11:30')).toBeLessThanOrEqual(HUNDREDTH_OF_AN_HOUR_S);
    const stopped = await world().call('clock_out', { end: '11:45' });
    expect(stopped.structuredContent).toMatchObject({ stopped: { minutes: 15, project: WORLD.internal } });
    expect((await world().call('timer_status')).structuredContent).toMatchObject({ running: null, today_minutes: 150 });
  });
});

describe('time entries on a Harvest duration account', () => {
  const world = durationWorld();

  it("log_time on a past day shows in list_time_entries with its day, project and minutes, and Bob's hour does not", async () => {
    const day = '2026-11-16';
    const mark = world().mark();
    const review = await world().call('log_time', { ...BOOK(WORLD.website), date: day, duration: '1h30m', description: 'Review' });
    expect(shown(entryOf(review))).toEqual([day, 90, WORLD.website, 'Review']);
    expect(mark.writes()).not.toEqual([]);
    // Start and end given: Harvest keeps their length on their day.
    const planning = await world().call('log_time', { ...BOOK(WORLD.internal), start: at(day, '13:00'), end: at(day, '14:00') });
    expect(shown(entryOf(planning))).toEqual([day, 60, WORLD.internal, '']);
    const listed = listOf(await world().call('list_time_entries', { from: day, to: day }));
    expect(listed.entries.map(shown)).toEqual([
      [day, 90, WORLD.website, 'Review'],
      [day, 60, WORLD.internal, ''],
    ]);
    expect(listed.entries.map((entry) => entry.id)).toEqual([entryOf(review).id, entryOf(planning).id]);
    expect(listed).toMatchObject({ total: 2, next_offset: null });
    expect(stored(world().fake, day)).toEqual([
      { day, hours: 1.5, running: false, times: null, project: WORLD.website, notes: 'Review' },
      { day, hours: 1, running: false, times: null, project: WORLD.internal, notes: '' },
    ]);
  });

  it('a range pages with limit and offset, in the order the entries were made', async () => {
    const day = '2026-11-13';
    for (const [project, duration] of [
      [WORLD.website, '1h'],
      [WORLD.internal, '1h'],
      [WORLD.website, '30m'],
    ] as const)
      expect((await world().call('log_time', { ...BOOK(project), date: day, duration })).isError).toBeFalsy();
    const first = listOf(await world().call('list_time_entries', { from: day, to: day, limit: 2 }));
    expect(first.entries.map(shown)).toEqual([
      [day, 60, WORLD.website, ''],
      [day, 60, WORLD.internal, ''],
    ]);
    expect(first).toMatchObject({ total: 3, next_offset: 2 });
    const rest = listOf(await world().call('list_time_entries', { from: day, to: day, limit: 2, offset: 2 }));
    expect(rest.entries.map(shown)).toEqual([[day, 30, WORLD.website, '']]);
    expect(rest).toMatchObject({ total: 3, next_offset: null });
  });

  it('update_time_entry changes the description and, from new times, the hours', async () => {
    const day = '2026-11-17';
    const logged = entryOf(await world().call('log_time', { ...BOOK(WORLD.website), start: at(day, '09:00'), end: at(day, '10:00'), description: 'Draft' }));
    const updated = await world().call('update_time_entry', { id: logged.id, description: 'Final', start: at(day, '09:30'), end: at(day, '11:00') });
    expect(shown(entryOf(updated))).toEqual([day, 90, WORLD.website, 'Final']);
    expect(entryOf(updated).id).toBe(logged.id);
    expect(listOf(await world().call('list_time_entries', { from: day, to: day })).entries.map(shown)).toEqual([[day, 90, WORLD.website, 'Final']]);
    expect(stored(world().fake, day)).toEqual([{ day, hours: 1.5, running: false, times: null, project: WORLD.website, notes: 'Final' }]);
  });
});

describe('entries without times on a Harvest duration account: shown by day and length, never refused for a made-up placement', () => {
  const world = durationWorld();
  const day = '2026-11-11';

  it('list_time_entries marks a stopped entry as day-only and its words give its day and length, no times', async () => {
    const logged = await world().call('log_time', { ...BOOK(WORLD.website), start: at(day, '09:00'), end: at(day, '10:30'), description: 'Review' });
    expect(entryOf(logged)).toMatchObject({ span: 'day', minutes: 90 });
    expect(textOf(logged)).toContain(`${day} (no times kept`);
    expect(textOf(logged)).not.toContain('09:00');
    const listed = await world().call('list_time_entries', { from: day, to: day });
    expect(listOf(listed).entries).toEqual([expect.objectContaining({ id: entryOf(logged).id, span: 'day', minutes: 90 })]);
    const line = textOf(listed).split('\n')[1] ?? '';
    expect(line).toBe(`#${entryOf(logged).id} ${day} (no times kept: the back end keeps its day and length) 1 h 30 min "Website" · "Development" — "Review"`);
  });

  it('log_time at 00:30–01:00, where the day-only entry is placed, is booked: the placement is no time anything happened', async () => {
    const mark = world().mark();
    const early = await world().call('log_time', { ...BOOK(WORLD.internal), start: at(day, '00:30'), end: at(day, '01:00'), description: 'Night fix' });
    expect(early.isError).toBeFalsy();
    expect(shown(entryOf(early))).toEqual([day, 30, WORLD.internal, 'Night fix']);
    expect(mark.writes()).not.toEqual([]);
    expect(stored(world().fake, day).map((entry) => entry.hours)).toEqual([1.5, 0.5]);
  });

  it('delete_time_entry says the day and length of what it deleted, not a time at midnight', async () => {
    const logged = entryOf(await world().call('log_time', { ...BOOK(WORLD.website), date: '2026-11-09', duration: '45m', description: 'Gone' }));
    const deleted = await world().call('delete_time_entry', { id: logged.id });
    expect(textOf(deleted)).toBe(
      `Deleted #${logged.id}: "Website" · "Development" — "Gone", 45 min on 2026-11-09 (no times kept: the back end keeps its day and length).`,
    );
    expect(deleted.structuredContent).toMatchObject({ deleted: { id: logged.id, span: 'day', minutes: 45 } });
  });

  it('a running timer keeps its start, not the mark', async () => {
    await world().call('clock_in', { ...BOOK(WORLD.website), start: '09:00' });
    const status = (await world().call('timer_status')).structuredContent as { running: Entry };
    expect(status.running.span).toBeUndefined();
    expect(offBy(status.running.start, '09:00')).toBeLessThanOrEqual(HUNDREDTH_OF_AN_HOUR_S);
    await world().call('clock_out', {});
  });
});

/** Tuesday: the review and the planning, each mapped by a rule. Thursday: a workshop no rule maps (the suite's calendar). */
const TUESDAY = '2026-11-10';
const THURSDAY = '2026-11-12';

describe('the day from evidence on a Harvest duration account', () => {
  let folder: string;
  let calendar: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'punchcard-harvest-durations-'));
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
  const world = durationWorld(() => ({
    evidence: {
      emails: ['ada@example.com'],
      calendars: [{ name: 'Work', file: calendar }],
      rules: [
        { source: 'calendar', match: 'review', ...BOOK(WORLD.website) },
        { source: 'calendar', match: 'Planning', ...BOOK(WORLD.internal) },
      ],
    },
  }));
  type Draft = { id: string; start: string; end: string; minutes: number; project: { name: string } | null; description: string };
  type Booked = Entry & { draft: string };
  const drafts = async (day: string) => ((await world().call('suggest_entries', { from: day })).structuredContent as { drafts: Draft[] }).drafts;
  const bookedOf = (result: ToolResult) => (result.structuredContent as { booked: Booked[] }).booked;
  const review = async () => (await drafts(TUESDAY)).find((draft) => draft.description === 'Sprint review') as Draft;

  it('book_suggested_entries books the draft picked alone, on its day for its minutes; it shows in list_time_entries', async () => {
    const picked = await review();
    const mark = world().mark();
    const booked = await world().call('book_suggested_entries', { from: TUESDAY, entries: [{ id: picked.id }] });
    expect(bookedOf(booked).map((entry) => [entry.draft, ...shown(entry)])).toEqual([[picked.id, TUESDAY, 60, WORLD.website, 'Sprint review']]);
    expect(mark.writes()).not.toEqual([]);
    const listed = listOf(await world().call('list_time_entries', { from: TUESDAY, to: TUESDAY }));
    expect(listed.entries.map((entry) => [entry.id, ...shown(entry)])).toEqual([[bookedOf(booked)[0]?.id, TUESDAY, 60, WORLD.website, 'Sprint review']]);
    expect(stored(world().fake, TUESDAY)).toEqual([{ day: TUESDAY, hours: 1, running: false, times: null, project: WORLD.website, notes: 'Sprint review' }]);
  });

  // The booked review's entry keeps no times (it is shown from the start of its day), so it cannot cover 10:00 to
  // 11:00: it books the review by its day, project, activity and words instead (mcp-server/evidence/day-only-bookings.ts).
  it('the review booked is booked once: no longer offered, its draft again refused as gone (draft_gone), nothing written', async () => {
    const again = await drafts(TUESDAY);
    expect(again.map((draft) => draft.description)).toEqual(['Planning']);
    const mark = world().mark();
    const twice = await world().call('book_suggested_entries', { from: TUESDAY, entries: [{ id: (await review())?.id ?? 'd_gone' }] });
    expect(refusalOf(twice)?.code).toBe('draft_gone');
    expect(mark.writes()).toEqual([]);
    expect(stored(world().fake, TUESDAY).filter((entry) => entry.notes === 'Sprint review')).toHaveLength(1);
    const booked = (await world().call('suggest_entries', { from: TUESDAY })).structuredContent as { booked: Array<{ span?: string }> };
    expect(booked.booked).toEqual([expect.objectContaining({ span: 'day', project: WORLD.website })]);
  });

  it('a draft id not given out is refused (draft_gone), and the good draft named with it is not booked either, with nothing written', async () => {
    const planning = (await drafts(TUESDAY)).find((draft) => draft.description === 'Planning') as Draft;
    const before = stored(world().fake, TUESDAY);
    const mark = world().mark();
    const refused = await world().call('book_suggested_entries', { from: TUESDAY, entries: [{ id: planning.id }, { id: 'd_000000000000' }] });
    expect(refusalOf(refused)).toEqual({ code: 'draft_gone', facts: { draft: 'd_000000000000' } });
    expect(mark.writes()).toEqual([]);
    expect(stored(world().fake, TUESDAY)).toEqual(before);
  });

  it('a draft no rule maps keeps no project: refused until one is given (draft_project_missing), then booked on it', async () => {
    const [workshop] = await drafts(THURSDAY);
    expect(workshop).toMatchObject({ start: at(THURSDAY, '09:00'), end: at(THURSDAY, '10:30'), project: null, description: 'Workshop' });
    const mark = world().mark();
    const refused = await world().call('book_suggested_entries', { from: THURSDAY, entries: [{ id: workshop?.id }] });
    expect(refusalOf(refused)).toMatchObject({ code: 'draft_project_missing', facts: { draft: workshop?.id } });
    expect(mark.writes()).toEqual([]);
    const booked = await world().call('book_suggested_entries', { from: THURSDAY, entries: [{ id: workshop?.id, ...BOOK(WORLD.internal) }] });
    expect(bookedOf(booked).map((entry) => [entry.draft, ...shown(entry)])).toEqual([[workshop?.id, THURSDAY, 90, WORLD.internal, 'Workshop']]);
    expect(stored(world().fake, THURSDAY)).toEqual([{ day: THURSDAY, hours: 1.5, running: false, times: null, project: WORLD.internal, notes: 'Workshop' }]);
  });

  it('the workshop booked on a project the person chose is not offered again (its words and minutes are the draft’s)', async () => {
    expect(await drafts(THURSDAY)).toEqual([]);
    expect(stored(world().fake, THURSDAY)).toHaveLength(1);
  });
});

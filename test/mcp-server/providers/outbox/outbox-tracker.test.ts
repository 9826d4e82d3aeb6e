// The outbox in front of a real Kimai tracker whose address refuses connections (a fake Kimai that was
// stopped): writes are kept up to a bound, entries waiting to be sent cannot be changed, and a read
// that was never made is not invented.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRemoteTracker } from '../../../../mcp-server/providers/create-tracker.ts';
import { MAX_KEPT, keepingWritesOffline } from '../../../../mcp-server/providers/outbox/outbox-tracker.ts';
import { MAX_SEND_ATTEMPTS } from '../../../../mcp-server/providers/outbox/send-attempts.ts';
import type { OutboxKind, OutboxOrigin } from '../../../../mcp-server/providers/outbox/outbox-store.ts';
import type { EntryFields, TimeTracker } from '../../../../mcp-server/providers/time-tracker.ts';
import { type Note, noticeSentence } from '../../../../mcp-server/contract/outcomes/notices.ts';
import { modelText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { startNetworkSwitch, type NetworkSwitch } from '../../../support/network-switch.ts';
import { ManualTimers } from '../../../support/manual-timers.ts';
import { DEFAULT_USERS, seedCatalog, startFakeKimai, type FakeKimai } from '../kimai/fake-kimai.ts';

const NOW = Date.parse('2026-05-04T09:02:00+02:00');
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A Kimai tracker with its outbox, at an address where nothing answers any more. */
async function unreachableKimai(): Promise<TimeTracker> {
  const fake = await startFakeKimai();
  const url = fake.url;
  await fake.close();
  return kimaiAt(url, folder());
}

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-outbox-tracker-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fake Kimai behind a relay the test cuts and restores, and a tracker with its outbox in front of it. */
async function kimaiBehindSwitch(
  options: { mayStillWrite?: (tool: OutboxKind, origin: OutboxOrigin) => string | null; dir?: string; log?: (line: string) => void } = {},
) {
  const fake = await startFakeKimai();
  cleanups.push(() => fake.close());
  const { website, design } = seedCatalog(fake);
  const network = await startNetworkSwitch(fake.url);
  cleanups.push(() => network.close());
  const tracker = await kimaiAt(network.url, options.dir ?? folder(), options);
  return { fake, network, tracker, onWebsite: (hour: number) => ({ ...entry(hour), projectId: website.id, activityId: design.id }) };
}

async function kimaiAt(
  url: string,
  dir: string,
  options: { mayStillWrite?: (tool: OutboxKind, origin: OutboxOrigin) => string | null; log?: (line: string) => void } = {},
): Promise<TimeTracker> {
  const ada = DEFAULT_USERS[0] as (typeof DEFAULT_USERS)[number];
  const inner = await createRemoteTracker({
    profile: { type: 'kimai', url },
    userDataDir: dir,
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map(),
    timezone: () => 'Europe/Berlin',
    now: () => NOW,
    log: () => {},
    env: { PUNCHCARD_KIMAI_TOKEN: ada.token },
  });
  const tracker = keepingWritesOffline(inner, {
    userDataDir: dir,
    account: `kimai ${url}`,
    now: () => NOW,
    log: options.log ?? (() => {}),
    timezone: () => 'Europe/Berlin',
    origin: 'ai',
    mayStillWrite: options.mayStillWrite ?? (() => null),
    // No background round between a test's calls (timers nobody moves on): each send below is one the test made.
    timers: new ManualTimers(),
  });
  cleanups.push(() => tracker.close());
  return tracker;
}

/** The tracker one call works through, as the engine's call path asks for it (engine/call-context.ts). */
async function trackerForCall(tracker: TimeTracker, notes: Note[]): Promise<TimeTracker> {
  return tracker.forCall ? tracker.forCall(notes) : tracker;
}

/** A notice in its words for the model, as the call's answer says it (engine/run-tool.ts). */
const said = (note: Note | undefined): string => (note === undefined || typeof note === 'string' ? (note ?? '') : modelText(noticeSentence(note)));
/** What a call's notes say. */
const saidAll = (notes: readonly Note[]): string[] => notes.map(said);

const entry = (hour: number): EntryFields & { end: number } => ({
  start: NOW - (hour + 1) * 3_600_000,
  end: NOW - hour * 3_600_000,
  projectId: null,
  activityId: null,
  description: `hour ${hour}`,
});

describe('the outbox in front of a back end that refuses connections', () => {
  it(`keeps at most ${MAX_KEPT} writes, then says in words that nothing more is kept`, async () => {
    const tracker = await unreachableKimai();
    const call = await trackerForCall(tracker, []);
    for (let hour = 0; hour < MAX_KEPT; hour++)
      expect((await call.entries.createEntry(entry(hour))).waiting).toEqual({ service: 'Kimai', reason: 'out_of_reach' });
    await expect(call.entries.createEntry(entry(MAX_KEPT))).rejects.toThrow(
      `Kimai is out of reach, and ${MAX_KEPT} changes already wait to be sent to it; nothing more is kept until it answers. Nothing was changed.`,
    );
  });

  it('refuses to change or delete an entry waiting to be sent, in words', async () => {
    const tracker = await unreachableKimai();
    const notes: Note[] = [];
    const call = await trackerForCall(tracker, notes);
    const kept = await call.entries.createEntry(entry(1));
    expect(kept.id).toBeLessThan(0);
    await expect(call.entries.updateEntry(kept.id, { description: 'x' })).rejects.toThrow(
      'That entry is waiting to be sent to Kimai, so it cannot be changed yet; it gets its own number once Kimai answers.',
    );
    await expect(call.entries.deleteEntry(kept.id)).rejects.toThrow(/cannot be deleted yet/);
  });

  it("does not invent what was never read: the day's last entry, the running timer, the projects", async () => {
    const tracker = await unreachableKimai();
    const call = await trackerForCall(tracker, []);
    await expect(call.entries.lastEntryEndingBetween(NOW - 3_600_000, NOW)).rejects.toThrow(
      /Kimai is out of reach, so Punchcard cannot see where that day's work ended\. Give log_time a start/,
    );
    await expect(call.timer.runningEntry()).rejects.toThrow(/connection refused/);
    // Not "check the URL and port": the network is what is wrong, and a write with no project is still kept.
    await expect(call.catalog.catalog(false)).rejects.toThrow(
      'Kimai is out of reach, and Punchcard has not read its projects and activities before, so it can neither show them nor find one by name. A clock-in or entry with no project is kept; try again with names once Kimai answers.',
    );
  });
});

/** Kept offline, then sent when the back end answers again: the entries of Ada in the fake. */
async function keptThenSent(network: NetworkSwitch, tracker: TimeTracker, fields: EntryFields & { end: number }): Promise<void> {
  await network.cut();
  expect((await (await trackerForCall(tracker, [])).entries.createEntry(fields)).waiting).toEqual({ service: 'Kimai', reason: 'out_of_reach' });
  await network.restore();
}

const adasSheets = (fake: FakeKimai) => fake.state.timesheets.filter((sheet) => sheet.userId === (DEFAULT_USERS[0] as (typeof DEFAULT_USERS)[number]).id);

describe('what the outbox tells the person', () => {
  it('says what was sent in every call until an answer carries it, and then no more', async () => {
    const { fake, network, tracker, onWebsite } = await kimaiBehindSwitch();
    await keptThenSent(network, tracker, onWebsite(1));
    const first: Note[] = [];
    await trackerForCall(tracker, first);
    expect(adasSheets(fake)).toHaveLength(1);
    expect(saidAll(first)).toEqual([expect.stringMatching(/^Sent to Kimai from the outbox \(kept while it was out of reach\): Logged 1 h/)]);
    // That call never answered (it failed, was cancelled or asked a question): the next one says it again.
    const second: Note[] = [];
    const answering = await trackerForCall(tracker, second);
    expect(second).toEqual(first);
    await answering.answered?.();
    const third: Note[] = [];
    await trackerForCall(tracker, third);
    expect(third).toEqual([]);
  });
});

describe('an outbox file that cannot be opened', () => {
  it.each([
    [
      'a damaged file',
      (dir: string) => writeFileSync(join(dir, 'outbox.db'), 'this is not a database, and never was one'.repeat(40)),
      /cannot be opened \(file is not a database\)\. If the file is damaged, move it out of the data folder/,
    ],
    ['a folder in its place', (dir: string) => mkdirSync(join(dir, 'outbox.db')), /cannot be opened \(.+\)\. If the file is damaged/],
  ])('%s: the person hears so once, and writes go straight to the back end (and fail there while it is out of reach)', async (_, spoil, words) => {
    const dir = folder();
    spoil(dir);
    const { fake, network, tracker, onWebsite } = await kimaiBehindSwitch({ dir });
    const notes: Note[] = [];
    const call = await trackerForCall(tracker, notes);
    expect(saidAll(notes)).toEqual([expect.stringMatching(words)]);
    expect(said(notes[0])).toMatch(/Until then, changes go straight to Kimai: while it is out of reach they fail instead of being kept to send later\.$/);
    const sent = await call.entries.createEntry(onWebsite(1));
    expect(sent.id).toBeGreaterThan(0);
    expect(sent.waiting).toBeUndefined();
    expect(adasSheets(fake)).toHaveLength(1);
    await network.cut();
    const later: Note[] = [];
    const offline = await trackerForCall(tracker, later);
    expect(later).toEqual([]);
    await expect(offline.entries.createEntry(onWebsite(2))).rejects.toThrow(/trying to log the time\. Check your network and try again\./);
    expect(adasSheets(fake)).toHaveLength(1);
  });
});

describe('a kept write that keeps failing', () => {
  it(`is given up on after ${MAX_SEND_ATTEMPTS} tries the back end answered around, said in words, and the writes after it go out`, async () => {
    const { fake, network, tracker, onWebsite } = await kimaiBehindSwitch();
    const call = await trackerForCall(tracker, []);
    await call.catalog.catalog(false);
    await network.cut();
    await call.entries.createEntry(onWebsite(3));
    await call.entries.createEntry(onWebsite(1));
    await network.restore();
    // Kimai answers every look, and a gateway fails every write of the first entry.
    fake.failNext({ method: 'POST', path: '/api/timesheets' }, { status: 502, raw: 'Bad Gateway', times: MAX_SEND_ATTEMPTS });
    const told: Note[] = [];
    for (let round = 1; round < MAX_SEND_ATTEMPTS; round++) {
      await trackerForCall(tracker, told);
      expect(told).toEqual([]);
    }
    expect(adasSheets(fake)).toEqual([]);
    await trackerForCall(tracker, told);
    expect(saidAll(told)).toEqual([
      expect.stringMatching(/^Sent to Kimai from the outbox .*: Logged 1 h on "Website" · "Design", 07:02–08:02/),
      expect.stringMatching(
        new RegExp(
          `^Needs your decision .*: Your entry "Website" · "Design", 05:02–06:02 was not sent: ${MAX_SEND_ATTEMPTS} tries to send it to Kimai failed \\(the last: Kimai, or a proxy in front of it, is unavailable \\(502\\)\\), so Punchcard stopped trying and sent the writes after it\\. It may or may not have reached Kimai: look there, and use log_time again if it is missing\\.$`,
        ),
      ),
    ]);
    expect(adasSheets(fake).map((sheet) => sheet.begin)).toEqual([onWebsite(1).start]);
  });

  it('is not given up on while the back end is away, however many calls that lasts', async () => {
    const { fake, network, tracker, onWebsite } = await kimaiBehindSwitch();
    await keptThenSent(network, tracker, onWebsite(1));
    await network.cut();
    for (let round = 0; round < MAX_SEND_ATTEMPTS + 2; round++) await trackerForCall(tracker, []);
    await network.restore();
    const told: Note[] = [];
    await trackerForCall(tracker, told);
    expect(saidAll(told)).toEqual([expect.stringMatching(/^Sent to Kimai from the outbox/)]);
    expect(adasSheets(fake)).toHaveLength(1);
  });
});

describe("the person's decision on a kept write that was not sent (the window's list)", () => {
  /** An entry kept while Kimai was away, and one on the same hour added on the web meanwhile: it waits for a decision. */
  async function keptBesideAnOverlap() {
    const kimai = await kimaiBehindSwitch();
    const { fake, network, tracker, onWebsite } = kimai;
    const ada = DEFAULT_USERS[0] as (typeof DEFAULT_USERS)[number];
    const call = await trackerForCall(tracker, []);
    await call.catalog.catalog(false);
    await network.cut();
    await call.entries.createEntry(onWebsite(1));
    const kept = onWebsite(1);
    const [project] = fake.state.projects;
    const [activity] = fake.state.activities;
    fake.addTimesheet({
      userId: ada.id,
      begin: kept.start + 15 * 60_000,
      end: kept.end + 15 * 60_000,
      projectId: project?.id ?? 0,
      activityId: activity?.id ?? 0,
      description: 'On the web',
    });
    await network.restore();
    const told: Note[] = [];
    await (await trackerForCall(tracker, told)).answered?.();
    expect(saidAll(told)).toEqual([
      expect.stringMatching(/^Needs your decision .*: Your entry "Website" · "Design", 07:02–08:02, was not sent: Kimai has .* which overlaps it\./),
    ]);
    return kimai;
  }

  it('lists it with its words and two choices, and sends it anyway when the person says both entries are right', async () => {
    const { fake, tracker } = await keptBesideAnOverlap();
    const call = await trackerForCall(tracker, []);
    const [decision, ...more] = (await call.keptWrites?.decisions?.()) ?? [];
    expect(more).toEqual([]);
    expect(decision).toEqual({
      id: expect.any(Number),
      kind: 'log_time',
      happenedAt: NOW - 2 * 3_600_000,
      notice: { code: 'kept_entry_overlaps', facts: expect.objectContaining({ service: 'Kimai' }) },
      words:
        'Your entry "Website" · "Design", 07:02–08:02, was not sent: Kimai has "Website" · "Design" from 07:17 to 08:17, which overlaps it. Log it again with log_time if both are right.',
      choices: [
        { choice: 'send_again', label: 'Send anyway' },
        { choice: 'dismiss', label: 'Keep Kimai as it is' },
      ],
    });
    const outcome = said(await call.keptWrites?.decide?.(decision?.id ?? 0, 'send_again'));
    expect(outcome).toMatch(/^Logged 1 h on "Website" · "Design", 07:02–08:02 \(#\d+\)\.$/);
    expect(
      adasSheets(fake)
        .map((sheet) => sheet.description)
        .sort(),
    ).toEqual(['On the web', 'hour 1']);
    expect(await call.keptWrites?.decisions?.()).toEqual([]);
    // The window said it: no answer repeats it.
    const next: Note[] = [];
    await trackerForCall(tracker, next);
    expect(next).toEqual([]);
  });

  it('dismissed, it leaves Kimai as it is and the list; deciding it again is refused in words', async () => {
    const { fake, tracker } = await keptBesideAnOverlap();
    const call = await trackerForCall(tracker, []);
    const [decision] = (await call.keptWrites?.decisions?.()) ?? [];
    const id = decision?.id ?? 0;
    expect(said(await call.keptWrites?.decide?.(id, 'dismiss'))).toBe('Dismissed your entry "Website" · "Design", 07:02–08:02: Kimai stays as it is.');
    expect(adasSheets(fake).map((sheet) => sheet.description)).toEqual(['On the web']);
    expect(await call.keptWrites?.decisions?.()).toEqual([]);
    await expect(call.keptWrites?.decide?.(id, 'send_again')).rejects.toThrow(
      /^That write no longer waits for your decision: it was sent or decided meanwhile/,
    );
    await expect(call.keptWrites?.decide?.(id + 1000, 'dismiss')).rejects.toThrow(/no longer waits for your decision/);
    expect(adasSheets(fake)).toHaveLength(1);
  });

  it('sent again while Kimai is away once more, it waits in the queue and goes when Kimai answers', async () => {
    const { fake, network, tracker } = await keptBesideAnOverlap();
    const call = await trackerForCall(tracker, []);
    const [decision] = (await call.keptWrites?.decisions?.()) ?? [];
    await network.cut();
    expect(said(await call.keptWrites?.decide?.(decision?.id ?? 0, 'send_again'))).toBe(
      'Your entry "Website" · "Design", 07:02–08:02 waits to be sent again; it goes as soon as Kimai answers.',
    );
    expect(await call.keptWrites?.decisions?.()).toEqual([]);
    await network.restore();
    const told: Note[] = [];
    await trackerForCall(tracker, told);
    expect(saidAll(told)).toEqual([expect.stringMatching(/^Sent to Kimai from the outbox .*: Logged 1 h on "Website" · "Design", 07:02–08:02/)]);
    expect(adasSheets(fake)).toHaveLength(2);
  });
});

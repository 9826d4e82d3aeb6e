// Whose login a kept write is for (docs/several-trackers.md, "Whose a connection is"): a write kept for one person
// is sent only with a secret the back end answers for that person, asked afresh before it goes; one kept before the
// person was known where two trackers share the address waits for the person's decision; one kept for any login
// goes with whichever secret the tracker has, as every write did before. And the file's migration to persons.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { noticeSentence, type Note } from '../../../../mcp-server/contract/outcomes/notices.ts';
import { modelText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { createRemoteTracker } from '../../../../mcp-server/providers/create-tracker.ts';
import { OUTBOX_MIGRATIONS, OutboxStore, WHOSE_UNKNOWN } from '../../../../mcp-server/providers/outbox/outbox-store.ts';
import { keepingWritesOffline } from '../../../../mcp-server/providers/outbox/outbox-tracker.ts';
import type { TimeTracker } from '../../../../mcp-server/providers/time-tracker.ts';
import { ManualTimers } from '../../../support/manual-timers.ts';
import { startNetworkSwitch } from '../../../support/network-switch.ts';
import { DEFAULT_USERS, seedCatalog, startFakeKimai, type FakeKimai, type FakeUser } from '../kimai/fake-kimai.ts';

const NOW = Date.parse('2026-05-04T09:02:00+02:00');
const ADA = DEFAULT_USERS[0] as FakeUser;
const TOM = DEFAULT_USERS[1] as FakeUser;
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-whose-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A Kimai with Ada and Tom behind a relay, and a way to open a tracker with either's token over one outbox folder. */
async function kimaiOfTwo() {
  const fake = await startFakeKimai({ users: [ADA, { ...TOM, role: 'ROLE_USER' }] });
  cleanups.push(() => fake.close());
  const { website, design } = seedCatalog(fake);
  const network = await startNetworkSwitch(fake.url);
  cleanups.push(() => network.close());
  const dir = folder();
  const open = async (user: FakeUser, keptFor: () => string | null): Promise<TimeTracker> => {
    const inner = await createRemoteTracker({
      profile: { type: 'kimai', url: network.url },
      userDataDir: dir,
      workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
      holidays: async () => new Map(),
      timezone: () => 'Europe/Berlin',
      now: () => NOW,
      log: () => {},
      env: { PUNCHCARD_KIMAI_TOKEN: user.token },
    });
    const tracker = keepingWritesOffline(inner, {
      userDataDir: dir,
      account: `kimai ${network.url}`,
      now: () => NOW,
      log: () => {},
      timezone: () => 'Europe/Berlin',
      origin: 'ai',
      mayStillWrite: () => null,
      keptFor,
      timers: new ManualTimers(),
    });
    cleanups.push(() => tracker.close());
    return tracker;
  };
  const entry = { start: NOW - 2 * 3_600_000, end: NOW - 3_600_000, projectId: website.id, activityId: design.id, description: 'kept' };
  return { fake, network, dir, open, entry };
}

async function call(tracker: TimeTracker, notes: Note[] = []): Promise<TimeTracker> {
  return tracker.forCall ? tracker.forCall(notes) : tracker;
}

const sheetsOf = (fake: FakeKimai, user: FakeUser) => fake.state.timesheets.filter((sheet) => sheet.userId === user.id).map((sheet) => sheet.description);

function rowsIn(dir: string): Array<{ state: string; person: string | null }> {
  const db = new DatabaseSync(join(dir, 'outbox.db'), { readOnly: true });
  try {
    return db.prepare('SELECT state, person FROM outbox ORDER BY seq').all() as Array<{ state: string; person: string | null }>;
  } finally {
    db.close();
  }
}

describe('whose login a kept write is for', () => {
  it("a write kept for Ada is not sent with Tom's token: it waits, and goes with Ada's", async () => {
    const { fake, network, dir, open, entry } = await kimaiOfTwo();
    const adas = await open(ADA, () => String(ADA.id));
    await network.cut();
    expect((await (await call(adas)).entries.createEntry(entry)).waiting).toEqual({ service: 'Kimai', reason: 'out_of_reach' });
    expect(rowsIn(dir)).toEqual([{ state: 'queued', person: String(ADA.id) }]);
    adas.close();
    await network.restore();

    const toms = await open(TOM, () => String(TOM.id));
    await call(toms);
    expect(fake.state.timesheets).toEqual([]);
    expect(rowsIn(dir)).toEqual([{ state: 'queued', person: String(ADA.id) }]);
    // Whose the token is was asked of Kimai before anything would have gone out, and nothing was written.
    expect(fake.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    toms.close();

    const notes: Note[] = [];
    await call(await open(ADA, () => String(ADA.id)), notes);
    expect(sheetsOf(fake, ADA)).toEqual(['kept']);
    expect(sheetsOf(fake, TOM)).toEqual([]);
    expect(notes.map((note) => (typeof note === 'string' ? note : modelText(noticeSentence(note))))).toEqual([
      expect.stringMatching(/^Sent to Kimai from the outbox/),
    ]);
  });

  it("one kept before the person was known, where another tracker shares the address, waits for a decision; sent again, it goes with this tracker's token", async () => {
    const { fake, network, dir, open, entry } = await kimaiOfTwo();
    const unknown = await open(TOM, () => WHOSE_UNKNOWN);
    await network.cut();
    await (await call(unknown)).entries.createEntry(entry);
    unknown.close();
    await network.restore();

    const toms = await open(TOM, () => String(TOM.id));
    const notes: Note[] = [];
    await call(toms, notes);
    expect(fake.state.timesheets).toEqual([]);
    expect(notes).toEqual([
      expect.objectContaining({
        code: 'kept_writes_to_decide',
        facts: expect.objectContaining({ writes: [expect.objectContaining({ code: 'kept_write_login_unknown' })] }),
      }),
    ]);
    const [decision] = (await toms.keptWrites?.decisions()) ?? [];
    expect(decision?.choices.map((choice) => choice.label)).toEqual(['Send with this login', 'Keep Kimai as it is']);
    await toms.keptWrites?.decide(decision?.id as number, 'send_again');
    expect(sheetsOf(fake, TOM)).toEqual(['kept']);
    expect(rowsIn(dir)).toEqual([{ state: 'sent', person: null }]);
  });

  it('one kept for any login goes with the secret the tracker has, as before', async () => {
    const { fake, network, open, entry } = await kimaiOfTwo();
    const any = await open(ADA, () => null);
    await network.cut();
    await (await call(any)).entries.createEntry(entry);
    any.close();
    await network.restore();
    await call(await open(TOM, () => null));
    expect(sheetsOf(fake, TOM)).toEqual(['kept']);
  });
});

describe("the outbox file's rows gain their person", () => {
  /** An outbox file as the Punchcard before persons left it, with one write waiting and one sent. */
  function olderFile(): string {
    const path = join(folder(), 'outbox.db');
    const db = new DatabaseSync(path);
    for (const [index, migration] of OUTBOX_MIGRATIONS.slice(0, 2).entries()) {
      db.exec(migration);
      db.exec(`PRAGMA user_version = ${index + 1}`);
    }
    const insert = db.prepare("INSERT INTO outbox (back_end, kind, origin, payload, happened_at, state) VALUES ('kimai x', 'clock_in', 'ai', '{}', 1, ?)");
    insert.run('queued');
    insert.run('sent');
    db.close();
    return path;
  }

  const open = (path: string, ambiguous: boolean) => {
    const store = new OutboxStore({ path, backEnd: 'kimai x', now: () => NOW, log: () => {}, ...(ambiguous ? { keptBeforePersonsAmbiguous: true } : {}) });
    cleanups.push(() => store.close());
    return store;
  };

  it('where two trackers share the address, the writes waiting from before wait for the person; the settled ones are left as they are', async () => {
    const store = open(olderFile(), true);
    expect((await store.open()).map((row) => row.person)).toEqual([WHOSE_UNKNOWN]);
    expect((await store.row(2))?.person).toBeNull();
  });

  it('otherwise they go with any login of the account, as they would have', async () => {
    const store = open(olderFile(), false);
    expect((await store.open()).map((row) => row.person)).toEqual([null]);
  });
});

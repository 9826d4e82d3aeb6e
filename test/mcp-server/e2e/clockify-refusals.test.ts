// What Punchcard refuses on Clockify although Clockify might allow it, through the engine in the
// test's process: a colleague's entry or time off, reached by its number with an admin's key (Clockify would
// let an admin change it) or a member's (Clockify refuses), is refused in words and nothing is written;
// so are numbers never given out, entries Clockify has locked, and its break and time-off entries. A
// "__proto__" key that would switch the running timer reaches Clockify not at all (sent raw to the
// built server over stdio, where such a key is refused before any schema copies it).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUp, eraRequest, legacyOpening, serverEnv, spawnRawServer } from '../../support/raw-stdio.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { makeUserDataDir, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { ADA, addEntry, at, BOB_KEY, CLEO_KEY, SEED, seedWorkspace, startFakeClockify } from '../providers/clockify/fake-clockify.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const opened = closeAfterEach();
const ALL_TOOLS = { tools: { enabled: { update_time_entry: true, delete_time_entry: true, cancel_leave_request: true } } };

describe("a colleague's records", () => {
  it.each([
    ['an admin, whom Clockify would let change it', BOB_KEY],
    ['a member, whom Clockify refuses', CLEO_KEY],
  ])("are refused by number to %s, in Punchcard's words, with nothing written", async (_label, key) => {
    const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW), teamTimeOffForEveryone: true }));
    seedWorkspace(fake);
    const adas = addEntry(fake, {
      userId: ADA.id,
      start: at('2026-11-17', '09:00'),
      end: at('2026-11-17', '10:00'),
      projectId: SEED.projects.website,
      description: "Ada's work",
    });
    // Ada's session numbers her entry and sees Bob's approved time off in the calendar.
    const dir = makeUserDataDir({ provider: { type: 'clockify', url: fake.url }, ...ALL_TOOLS });
    const ada = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: ADA.key } }));
    const [listed] = (await ada.call('list_time_entries', { from: '2026-11-17', to: '2026-11-17' })).structuredContent?.entries as Array<{ id: number }>;
    await ada.call('absence_calendar', { from: '2026-11-23', to: '2026-11-27' });
    await ada.close();
    const number = (listed as { id: number }).id;

    // The same data folder with another person's key (a key replaced, or shared).
    const other = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: key } }));
    for (const [tool, args] of [
      ['update_time_entry', { id: number, description: 'taken over' }],
      ['delete_time_entry', { id: number }],
    ] as const) {
      const result = await other.call(tool, args);
      expect(result.isError, tool).toBe(true);
      expect(textOf(result)).toBe(`Time entry #${number} is not yours; Punchcard only reads and changes your own entries.`);
    }
    // Bob's approved time off got number 1 in Ada's calendar: not Cleo's to withdraw, and approved for Bob.
    const withdraw = await other.call('cancel_leave_request', { id: 1 });
    expect(textOf(withdraw)).toMatch(key === CLEO_KEY ? /^There is no time-off request #1 of yours in Clockify/ : /^Request #1 is already approved/);
    expect(fake.state.entries.find((entry) => entry.id === adas.id)).toMatchObject({ description: "Ada's work" });
    expect(fake.writes).toEqual([]);
  });
});

describe("a Clockify that answers the time-off search with everyone's requests (its users filter ignored)", () => {
  it("lists none of a colleague's as the person's, and withdraws none of them, with an admin's key", async () => {
    const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW), usersFilter: false }));
    seedWorkspace(fake);
    const dir = makeUserDataDir({ provider: { type: 'clockify', url: fake.url }, ...ALL_TOOLS });
    // Bob is an admin: Clockify would let his key withdraw Cleo's pending request.
    const bob = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: BOB_KEY } }));
    const listed = (await bob.call('list_leave_requests', { from: '2026-11-01', to: '2026-12-31' })).structuredContent?.requests as Array<{
      id: number;
      first_day: string;
    }>;
    // Bob's own approved week only; Cleo's two requests are not his.
    expect(listed.map((request) => request.first_day)).toEqual(['2026-11-23']);
    const before = fake.state.timeOff.length;
    // Every number Bob's session gave out (his own request, the calendar's): none withdraws anyone's pending request.
    await bob.call('absence_calendar', { from: '2026-11-23', to: '2026-12-31' });
    for (const id of [1, 2, 3, 4]) {
      const result = await bob.call('cancel_leave_request', { id });
      if (!result.isError) throw new Error(`#${id} was withdrawn: ${textOf(result)}`);
    }
    expect(fake.state.timeOff).toHaveLength(before);
    expect(fake.writes).toEqual([]);
  });
});

describe('a hydrated answer that names the project, task and tags only as objects', () => {
  it('keeps them when an entry is changed: the replacement sends every one', async () => {
    const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW), hydrated: 'objects' }));
    seedWorkspace(fake);
    const entry = addEntry(fake, {
      userId: ADA.id,
      start: at('2026-11-17', '09:00'),
      end: at('2026-11-17', '10:00'),
      projectId: SEED.projects.website,
      taskId: SEED.tasks.design,
      tagIds: ['tag-1'],
      description: 'Mock-ups',
    });
    const dir = makeUserDataDir({ provider: { type: 'clockify', url: fake.url }, ...ALL_TOOLS });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: ADA.key } }));
    const [listed] = (await engine.call('list_time_entries', { from: '2026-11-17', to: '2026-11-17' })).structuredContent?.entries as Array<{
      id: number;
      project: string | null;
      activity: string | null;
    }>;
    expect(listed).toMatchObject({ project: 'Website', activity: 'Design' });
    const changed = await engine.call('update_time_entry', { id: (listed as { id: number }).id, description: 'Mock-ups, second round' });
    expect(changed.isError, textOf(changed)).toBeFalsy();
    expect(fake.state.entries.find((item) => item.id === entry.id)).toMatchObject({
      projectId: SEED.projects.website,
      taskId: SEED.tasks.design,
      tagIds: ['tag-1'],
      description: 'Mock-ups, second round',
    });
  });
});

describe('entries Punchcard does not change', () => {
  it('numbers never given out, locked entries, and the breaks and time-off entries Clockify keeps', async () => {
    const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW) }));
    seedWorkspace(fake);
    addEntry(fake, { userId: ADA.id, start: at('2026-11-16', '09:00'), end: at('2026-11-16', '10:00'), isLocked: true, description: 'locked' });
    addEntry(fake, { userId: ADA.id, start: at('2026-11-17', '12:00'), end: at('2026-11-17', '12:30'), type: 'BREAK', description: 'lunch' });
    const dir = makeUserDataDir({ provider: { type: 'clockify', url: fake.url }, ...ALL_TOOLS });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: ADA.key } }));
    expect(textOf(await engine.call('update_time_entry', { id: 4242, description: 'x' }))).toBe(
      'There is no time entry #4242: Punchcard has listed none with that number (list_time_entries shows yours).',
    );
    const listed = (await engine.call('list_time_entries', { from: '2026-11-16', to: '2026-11-17' })).structuredContent?.entries as Array<{
      id: number;
      description: string;
    }>;
    // The break is not work: not listed.
    expect(listed.map((entry) => entry.description)).toEqual(['locked']);
    const locked = await engine.call('update_time_entry', { id: (listed[0] as { id: number }).id, description: 'x' });
    expect(textOf(locked)).toMatch(
      /^Clockify has locked time entry #\d+ \(your workspace locks older entries\), so Punchcard cannot change it\. Ask a workspace admin\.$/,
    );
    // The break's number, given out by an id listing elsewhere, is refused as a break.
    const { DatabaseSync } = await import('node:sqlite');
    const { join } = await import('node:path');
    const db = new DatabaseSync(join(dir, 'clockify-ids.db'));
    const lunch = fake.state.entries.find((entry) => entry.type === 'BREAK') as { id: string };
    db.prepare("INSERT INTO aliases (kind, remote, number) VALUES ('entry', ?, 999)").run(lunch.id);
    db.close();
    expect(textOf(await engine.call('delete_time_entry', { id: 999 }))).toBe(
      'Time entry #999 is a break Clockify keeps; Punchcard does not delete those. Do that in Clockify.',
    );
    expect(fake.writes).toEqual([]);
  });
});

describe('a "__proto__" key that would switch the running timer', () => {
  afterEach(() => cleanUp());

  it('is refused before Clockify is asked anything about it, and the running entry runs on', async () => {
    const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW) }));
    seedWorkspace(fake);
    addEntry(fake, { userId: ADA.id, start: at('2026-11-18', '07:00'), projectId: SEED.projects.website, description: 'running' });
    const dir = makeUserDataDir({ provider: { type: 'clockify', url: fake.url } });
    const server = spawnRawServer(['--user-data', dir], serverEnv(dir, { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: ADA.key }));
    server.send(...legacyOpening());
    await server.response(2);
    const request = JSON.stringify(eraRequest('legacy', 3, 'tools/call', { name: 'clock_in', arguments: {} })).replace(
      '"arguments":{}',
      '"arguments":{"__proto__":{"switch":true,"project":"Internal"}}',
    );
    server.sendRaw(`${request}\n`);
    const refused = (await server.response(3)).message.result as { isError: boolean; content: Array<{ text: string }> };
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toMatch(/Unknown argument "__proto__"/);
    expect(fake.writes).toEqual([]);
    expect(fake.state.entries.filter((entry) => entry.end === null).map((entry) => entry.description)).toEqual(['running']);
  });
});

// Custom fields of time entries (issue 78) through the organisation's key, attacked by the person: Ada (a member)
// acting through Bob's admin key on the team server, trying to reach Bob's time or Bob's rights through the new
// paths: update_time_entry and clock_out with `fields`, a field only admins edit, and what list_catalog and
// list_time_entries show. The fake Clockify judges a field only admins edit by the CALLER's role (Bob's, an admin),
// so only Punchcard's narrowing stands between Ada and it; the fake's request log says what was sent.
import { describe, expect, it } from 'vitest';
import type { IdAliases } from '../../../../mcp-server/providers/id-aliases.ts';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import type { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';
import clockOut from '../../../../mcp-server/tools/clock-out.ts';
import listCatalog from '../../../../mcp-server/tools/list-catalog.ts';
import listTimeEntries from '../../../../mcp-server/tools/list-time-entries.ts';
import updateTimeEntry from '../../../../mcp-server/tools/update-time-entry.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { type MovableClock, movableClockStartingAt } from '../../../support/fake-clock.ts';
import { actingToolRunner } from '../acting-tool-context.ts';
import { actingTracker, line } from './acting-support.ts';
import { addEntry, BOB_KEY, type FakeClockify, SEED, seedTeam, seedWorkspace, startFakeClockify, TEAM } from './fake-clockify.ts';
import type { FakeCustomField } from './fake-clockify-fields.ts';

const NOW = '2026-11-18T09:00:00+01:00';
const WS = SEED.workspaces.acme;
const { ada, bob } = SEED.users;
const opened = closeAfterEach();
const day = (time: string) => Date.parse(`2026-11-17T${time}:00+01:00`);

const TICKET: FakeCustomField = { id: 'f-ticket', workspaceId: WS, name: 'Ticket', type: 'TXT', required: false, status: 'VISIBLE' };
const RATE_CODE: FakeCustomField = {
  id: 'f-rate',
  workspaceId: WS,
  name: 'Rate code',
  type: 'TXT',
  required: false,
  status: 'VISIBLE',
  onlyAdminCanEdit: true,
};
const AUDIT: FakeCustomField = { id: 'f-audit', workspaceId: WS, name: 'Audit note', type: 'TXT', required: false, status: 'INACTIVE' };

interface Setup {
  fake: FakeClockify;
  tracker: RemoteTracker;
  clock: MovableClock;
  aliases: IdAliases;
}

async function setUp(person: string = ada): Promise<Setup> {
  const clock = movableClockStartingAt(NOW);
  const fake = opened(await startFakeClockify({ now: clock }));
  seedWorkspace(fake);
  seedTeam(fake);
  fake.state.customFields.push({ ...TICKET }, { ...RATE_CODE }, { ...AUDIT });
  const { tracker, aliases } = await actingTracker(opened, fake, clock, 'clockify-acting-fields', { actingFor: person });
  return { fake, tracker, clock, aliases };
}

/** The writes sent since `mark`: every request but a read (filterUsersOfWorkspace is a POST that reads). */
const writesSince = (fake: FakeClockify, mark: number) =>
  fake.requests
    .slice(mark)
    .filter((request) => request.method !== 'GET' && !request.path.endsWith('/users/info'))
    .map(line);

async function refusalOf(promise: Promise<unknown>): Promise<{ code: string; facts: Record<string, unknown> }> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof Error) || !('refusal' in error)) throw new Error(`Expected a refusal, got ${String(error)}`);
  return (error as BackEndError).refusal as { code: string; facts: Record<string, unknown> };
}

/** Nothing of the key in what a person is told. */
function keyless(value: unknown): void {
  expect(JSON.stringify(value)).not.toContain(BOB_KEY);
}

describe("Clockify custom fields under the organisation's key: Ada against Bob's time", () => {
  it("update_time_entry with fields on Bob's entry is refused as not hers before any PUT; Bob's values stay", async () => {
    const { fake, tracker, clock, aliases } = await setUp();
    const bobs = addEntry(fake, {
      userId: bob,
      start: day('08:00'),
      end: day('09:00'),
      projectId: SEED.projects.website,
      customFieldValues: { 'f-ticket': 'B-1' },
    });
    const number = await aliases.number('entry', bobs.id);
    const { run } = actingToolRunner(tracker, clock, 'Europe/Berlin');
    const mark = fake.requests.length;
    const refused = await refusalOf(run(updateTimeEntry, { id: number, fields: { Ticket: 'A-1' } }));
    expect(refused.code).toBe('entry_not_yours');
    keyless(refused);
    expect(writesSince(fake, mark)).toEqual([]);
    // Not even the workspace's fields were read for it: the entry was refused first.
    expect(fake.requests.slice(mark).map(line)).not.toContain(`GET /workspaces/${WS}/custom-fields`);
    expect(bobs.customFieldValues).toEqual({ 'f-ticket': 'B-1' });

    // The same below the tool: the tracker's change reads the entry through the narrowed API and stops there.
    const below = await refusalOf(tracker.entries.updateEntry(number, { customFields: [{ id: 'f-ticket', name: 'Ticket', value: 'A-2' }] }));
    expect(below.code).toBe('entry_not_yours');
    expect(writesSince(fake, mark)).toEqual([]);
    expect(fake.writes).toEqual([]);
  });

  it("clock_out with fields while Bob's timer runs and Ada's does not: no timer of hers, nothing stopped or written", async () => {
    const { fake, tracker, clock } = await setUp();
    const bobsTimer = addEntry(fake, { userId: bob, start: Date.parse('2026-11-18T07:30:00+01:00'), projectId: SEED.projects.website });
    const { run } = actingToolRunner(tracker, clock, 'Europe/Berlin');
    const mark = fake.requests.length;
    const refused = await refusalOf(run(clockOut, { fields: { Ticket: 'A-1' } }));
    expect(refused.code).toBe('clock_out_no_timer');
    expect(writesSince(fake, mark)).toEqual([]);
    // The running timer was asked of Ada's path alone.
    for (const request of fake.requests.slice(mark).filter((item) => item.path.includes('time-entries'))) {
      expect(request.path).toContain(`/user/${ada}/`);
    }
    expect(bobsTimer.end).toBeNull();
    expect(bobsTimer.customFieldValues).toBeUndefined();
    // Below the tool too: the stop finds no timer of hers.
    expect((await refusalOf(tracker.timer.stopTimer(undefined, undefined, [{ id: 'f-ticket', name: 'Ticket', value: 'A-1' }]))).code).toBe('timer_not_running');
    expect(writesSince(fake, mark)).toEqual([]);
  });

  it("a field only admins edit, given by Ada under Bob's admin key, is refused as admin_only by HER role; nothing is sent", async () => {
    const { fake, tracker, clock, aliases } = await setUp();
    const hers = addEntry(fake, { userId: ada, start: day('08:00'), end: day('09:00'), projectId: SEED.projects.website });
    const number = await aliases.number('entry', hers.id);
    const { run } = actingToolRunner(tracker, clock, 'Europe/Berlin');
    const mark = fake.requests.length;
    const refused = await refusalOf(run(updateTimeEntry, { id: number, fields: { 'Rate code': 'SENIOR' } }));
    expect(refused).toMatchObject({ code: 'field_value_invalid', facts: { field: 'Rate code', problem: 'admin_only' } });
    keyless(refused);
    expect(writesSince(fake, mark)).toEqual([]);
    // Her role was asked about HER (filterUsersOfWorkspace by her e-mail), never the key's own (getWorkspacesOfUser by role).
    const asked = fake.requests.slice(mark);
    expect(asked.filter((request) => /[?&]roles=/.test(request.query))).toEqual([]);
    expect(asked.some((request) => request.path.endsWith('/users/info') && request.body.includes('ada@acme.example'))).toBe(true);
    expect(hers.customFieldValues).toBeUndefined();
    // A field she may edit goes through on her own entry, the admin-only one untouched.
    await run(updateTimeEntry, { id: number, fields: { Ticket: 'A-1' } });
    expect(writesSince(fake, mark)).toEqual([`PUT /workspaces/${WS}/time-entries/${hers.id}`]);
    expect(hers.customFieldValues).toEqual({ 'f-ticket': 'A-1' });
  });

  it("a field only admins edit, sent below the tools under the admin key, is refused by the narrowed API before any PUT, and an admin's value she carries is kept", async () => {
    const { fake, tracker, aliases } = await setUp();
    const hers = addEntry(fake, {
      userId: ada,
      start: day('08:00'),
      end: day('09:00'),
      projectId: SEED.projects.website,
      // Set by an admin: her change of another field sends it again unchanged, which is no edit of it.
      customFieldValues: { 'f-rate': 'JUNIOR' },
    });
    const number = await aliases.number('entry', hers.id);
    const mark = fake.requests.length;
    const refused = await refusalOf(tracker.entries.updateEntry(number, { customFields: [{ id: 'f-rate', name: 'Rate code', value: 'SENIOR' }] }));
    expect(refused).toMatchObject({ code: 'field_value_invalid', facts: { field: 'Rate code', problem: 'admin_only' } });
    keyless(refused);
    expect(writesSince(fake, mark)).toEqual([]);
    expect(hers.customFieldValues).toEqual({ 'f-rate': 'JUNIOR' });
    const website = await aliases.number('project', SEED.projects.website);
    const created = await refusalOf(
      tracker.entries.createEntry({
        start: day('10:00'),
        end: day('11:00'),
        projectId: website,
        activityId: null,
        description: 'x',
        customFields: [{ id: 'f-rate', name: 'Rate code', value: 'SENIOR' }],
      }),
    );
    expect(created).toMatchObject({ code: 'field_value_invalid', facts: { problem: 'admin_only' } });
    expect(writesSince(fake, mark)).toEqual([]);
    await tracker.entries.updateEntry(number, { customFields: [{ id: 'f-ticket', name: 'Ticket', value: 'A-1' }] });
    expect(writesSince(fake, mark)).toEqual([`PUT /workspaces/${WS}/time-entries/${hers.id}`]);
    expect(hers.customFieldValues).toEqual({ 'f-rate': 'JUNIOR', 'f-ticket': 'A-1' });
  });

  it("an owner of Acme acting through the key edits the field only admins edit, by HER role; Ada's ownership of another workspace counts for nothing", async () => {
    const { fake, tracker, clock, aliases } = await setUp(TEAM.users.olga);
    const hers = addEntry(fake, { userId: TEAM.users.olga, start: day('08:00'), end: day('09:00'), projectId: SEED.projects.website });
    const number = await aliases.number('entry', hers.id);
    const { run } = actingToolRunner(tracker, clock, 'Europe/Berlin');
    const mark = fake.requests.length;
    await run(updateTimeEntry, { id: number, fields: { 'Rate code': 'SENIOR' } });
    expect(writesSince(fake, mark)).toEqual([`PUT /workspaces/${WS}/time-entries/${hers.id}`]);
    expect(hers.customFieldValues).toEqual({ 'f-rate': 'SENIOR' });
    // Ada owns the workspace "Side", not Acme: her write of the field is still refused (the test above, with her own entry).
    expect(fake.state.users.find((user) => user.id === ada)?.roles).toEqual({ [SEED.workspaces.side]: 'OWNER' });
  });

  it('list_catalog shows Ada the fields she may set: neither the one only admins edit nor an inactive one; list_time_entries only her entries and their values', async () => {
    const { fake, tracker, clock } = await setUp();
    addEntry(fake, { userId: ada, start: day('08:00'), end: day('09:00'), projectId: SEED.projects.website, customFieldValues: { 'f-ticket': 'A-1' } });
    addEntry(fake, { userId: bob, start: day('09:00'), end: day('10:00'), projectId: SEED.projects.website, customFieldValues: { 'f-ticket': 'B-SECRET' } });
    const { run } = actingToolRunner(tracker, clock, 'Europe/Berlin');
    const catalog = await run(listCatalog, {});
    const names = JSON.stringify(catalog);
    expect(names).toContain('Ticket');
    expect(names).not.toContain('Rate code');
    expect(names).not.toContain('Audit note');
    keyless(catalog);
    const listed = await run(listTimeEntries, { from: '2026-11-17', to: '2026-11-17' });
    const text = JSON.stringify(listed);
    expect(text).toContain('A-1');
    expect(text).not.toContain('B-SECRET');
    keyless(listed);
    for (const request of fake.requests.filter((item) => item.path.includes('time-entries'))) expect(request.path).toContain(`/user/${ada}/`);
  });
});

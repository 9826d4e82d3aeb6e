// The team part of the Clockify tracker against the fake Clockify, in process: what a replaced key,
// a role taken away and a workspace that shows everyone's time off do to what a person is shown.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_REQUESTS_PER_CALL } from '../../../../mcp-server/domain/call-limits.ts';
import { loadClockifyTracker } from '../../../../mcp-server/providers/clockify/tracker.ts';
import { withRequestBudget } from '../../../../mcp-server/providers/remote/request-budget.ts';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { clockStartingAt } from '../../../support/fake-clock.ts';
import {
  ADA,
  at,
  type FakeClockify,
  type FakeTimeOff,
  MIA_KEY,
  newId,
  SEED,
  seedTeam,
  seedWorkspace,
  startFakeClockify,
  TEAM,
  type FakeClockifyOptions,
} from './fake-clockify.ts';

const NOW = '2026-11-19T15:00:00+01:00';
const opened = closeAfterEach();

async function workspace(options: FakeClockifyOptions = {}): Promise<FakeClockify> {
  const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW), ...options }));
  seedWorkspace(fake);
  seedTeam(fake);
  return fake;
}

/** A tracker whose key is whatever `key.current` holds when a request goes out. */
/** A team part the tracker has (the account in the test leads people); a test fails in words where it has none. */
function partOf<Part>(part: Part | undefined): Part {
  if (!part) throw new Error('The tracker has no such team part.');
  return part;
}

async function trackerFor(fake: FakeClockify, key: { current: string }): Promise<RemoteTracker> {
  const tracker = (await loadClockifyTracker())({
    profile: { type: 'clockify', url: fake.url } as never,
    secret: async () => key.current,
    userDataDir: mkdtempSync(join(tmpdir(), 'punchcard-clockify-team-')),
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map(),
    timezone: () => 'Europe/Berlin',
    teamToolsWanted: () => true,
    now: clockStartingAt(NOW),
    log: () => {},
  });
  opened({ close: async () => tracker.close?.() });
  return tracker;
}

const call = <T>(work: () => Promise<T>) => withRequestBudget(MAX_REQUESTS_PER_CALL, work);
const week = { from: at('2026-11-16', '00:00'), to: at('2026-11-20', '00:00'), offset: 0, limit: 25 };

describe('the Clockify team part', () => {
  it("shows a replaced key's person their own people, not those the key before managed", async () => {
    const fake = await workspace();
    // Mia's key is replaced by Tom's while the process runs (Clockify answers the old key 401).
    const key = { current: MIA_KEY };
    const tracker = await trackerFor(fake, key);
    const mia = await call(() => partOf(tracker.teamHours).teamWork(week));
    expect(mia.people.map((work) => work.person.name)).toEqual(['Ada Lovelace', 'Cleo Patra', 'Mia Manager']);
    // Tom manages Bob only; Mia's key is withdrawn and Tom's given.
    fake.state.users.push({
      ...(fake.state.users.find((user) => user.id === TEAM.users.wes) as FakeClockify['state']['users'][number]),
      id: '5a0ab5acb07987125438c0ff',
      name: 'Tom Teamlead',
      email: 'tom@acme.example',
      key: 'clockify-key-tom-teamlead-0005',
    });
    fake.state.teamManagers.push({ workspaceId: SEED.workspaces.acme, managerId: '5a0ab5acb07987125438c0ff', memberId: SEED.users.bob });
    (fake.state.users.find((user) => user.id === TEAM.users.mia) as { key: string }).key = 'clockify-key-revoked-000000000';
    key.current = 'clockify-key-tom-teamlead-0005';
    await expect(call(() => tracker.account.whoami())).rejects.toThrow();
    await call(() => tracker.account.whoami());
    const tom = await call(() => partOf(tracker.teamHours).teamWork(week));
    expect(tom.people.map((work) => work.person.name)).toEqual(['Bob Builder', 'Tom Teamlead']);
  });

  it('withdraws the team tools as soon as Clockify stops showing the person the workspace (no longer a manager)', async () => {
    const fake = await workspace();
    const tracker = await trackerFor(fake, { current: MIA_KEY });
    await call(() => partOf(tracker.teamHours).teamWork(week));
    expect(tracker.capabilities.has('team_hours')).toBe(true);
    // An admin takes Mia's team away: Clockify refuses her the list of members from now on.
    fake.state.teamManagers.splice(0, fake.state.teamManagers.length);
    const refused = await call(() => partOf(tracker.teamLeave).pendingLeave({ offset: 0, limit: 20 })).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(/member/);
    expect(tracker.capabilities.has('team_hours')).toBe(false);
    expect(tracker.capabilities.has('team_leave')).toBe(false);
  });

  it("says who else is away among the manager's own people only, where Clockify shows them everyone's time off", async () => {
    const fake = await workspace({ teamTimeOffForEveryone: true });
    const pending = (userId: string, start: string, end: string): FakeTimeOff => {
      const added: FakeTimeOff = {
        id: newId(0x6f),
        workspaceId: SEED.workspaces.acme,
        policyId: SEED.policies.vacation,
        userId,
        start,
        end,
        halfDay: false,
        halfDayPeriod: null,
        status: 'PENDING',
        note: '',
        createdAt: at('2026-11-10', '10:00'),
      };
      fake.state.timeOff.push(added);
      return added;
    };
    pending(ADA.id, '2026-12-14', '2026-12-18');
    // Wes is nobody Mia manages; his request waits for someone else, and the calendar would not show it.
    pending(TEAM.users.wes, '2026-12-15', '2026-12-15');
    const tracker = await trackerFor(fake, { current: MIA_KEY });
    const page = await call(() => partOf(tracker.teamLeave).pendingLeave({ offset: 0, limit: 20 }));
    expect(page.requests.map((request) => request.person)).toEqual(['Cleo Patra', 'Ada Lovelace']);
    expect(page.absences.map((absence) => absence.person)).not.toContain('Wes Worker');
  });
});

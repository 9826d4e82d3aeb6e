// The Clockodo tracker learns who leads people from what Clockodo says of the person, not from the
// role (docs/back-ends/clockodo.md, "Teams"): a worker who leads a team, one who is someone's boss and
// one named absence manager, in process against the fake Clockodo. What each is offered, whom the
// team tools show them, and that nothing is asked before the person switched the team tools on.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_REQUESTS_PER_CALL } from '../../../../mcp-server/domain/call-limits.ts';
import { loadClockodoTracker } from '../../../../mcp-server/providers/clockodo/tracker.ts';
import { withRequestBudget } from '../../../../mcp-server/providers/remote/request-budget.ts';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { clockStartingAt } from '../../../support/fake-clock.ts';
import { DEFAULT_USERS, type FakeClockodo, type FakeUser, seedCompany, startFakeClockodo } from './fake-clockodo.ts';

// Thursday 19 November 2026, 15:00 in Berlin.
const NOW = '2026-11-19T15:00:00+01:00';
const [ADA, BOB, MIA, OLGA] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser, FakeUser];
const worker = (id: number, name: string, extra: Partial<FakeUser> = {}): FakeUser => ({
  ...ADA,
  id,
  name,
  email: `${name.split(' ')[0]?.toLowerCase()}@example.com`,
  apiKey: `key-${id}-0123456789abcdef`,
  teamsId: null,
  canSeeAbsences: false,
  ...extra,
});
/** A worker who leads Development (Ada's and Bob's team), a member of it herself. */
const LEA = worker(10, 'Lea Lead', { teamsId: 1 });
/** A worker who is Uwe's boss, leading no team. */
const BEN = worker(11, 'Ben Boss');
const UWE = worker(12, 'Uwe Underling', { boss: BEN.id });
/** A worker named Bob's absence manager: she decides his absences, and sees nobody's time. */
const AMY = worker(13, 'Amy Absences');
const MAX: FakeUser = { ...MIA, id: 14, name: 'Max Manager', email: 'max@example.com', apiKey: 'key-max-0123456789abcdef', canManageAbsences: false };
const opened = closeAfterEach();
const at = (iso: string) => Date.parse(iso);

async function company(): Promise<FakeClockodo> {
  const fake = opened(
    await startFakeClockodo({ now: clockStartingAt(NOW), users: [ADA, { ...BOB, absenceManagers: [AMY.id] }, MIA, OLGA, LEA, BEN, UWE, AMY, MAX] }),
  );
  (fake.state.teams.find((team) => team.id === 1) as { leader: number | null }).leader = LEA.id;
  const ids = seedCompany(fake);
  for (const user of [ADA, BOB, MIA, UWE, LEA]) {
    fake.addEntry({
      usersId: user.id,
      customersId: ids.customers.acme as number,
      projectsId: ids.projects.website as number,
      servicesId: ids.services.development as number,
      timeSince: at('2026-11-16T09:00:00+01:00'),
      timeUntil: at('2026-11-16T11:00:00+01:00'),
    });
  }
  return fake;
}

/** A team part the tracker has (the account in the test leads people); a test fails in words where it has none. */
function partOf<Part>(part: Part | undefined): Part {
  if (!part) throw new Error('The tracker has no such team part.');
  return part;
}

async function trackerFor(fake: FakeClockodo, user: FakeUser, teamToolsWanted = true): Promise<RemoteTracker> {
  const tracker = (await loadClockodoTracker())({
    profile: { type: 'clockodo', email: user.email, url: fake.url } as never,
    secret: async () => user.apiKey,
    userDataDir: mkdtempSync(join(tmpdir(), 'punchcard-clockodo-team-')),
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map(),
    timezone: () => 'Europe/Berlin',
    teamToolsWanted: () => teamToolsWanted,
    now: clockStartingAt(NOW),
    log: () => {},
  });
  opened({ close: async () => tracker.close?.() });
  return tracker;
}

const teamOf = (tracker: RemoteTracker) => [...tracker.capabilities].filter((capability) => capability.startsWith('team_')).sort();
const call = <T>(work: () => Promise<T>) => withRequestBudget(MAX_REQUESTS_PER_CALL, work);
const week = { from: at('2026-11-16T00:00:00+01:00'), to: at('2026-11-20T00:00:00+01:00'), offset: 0, limit: 25 };

describe('leading on Clockodo, learned from what Clockodo says of the person', () => {
  it.each([
    ['a worker who leads a team', LEA, ['team_hours', 'team_leave', 'team_projects']],
    ["a worker who is someone's boss", BEN, ['team_hours', 'team_leave', 'team_projects']],
    ["a worker named someone's absence manager", AMY, ['team_leave']],
    ['a worker who leads nobody', ADA, []],
    ['a manager without absence rights', MAX, ['team_hours', 'team_projects']],
    ['a manager with absence rights', MIA, ['team_hours', 'team_leave', 'team_projects']],
  ])('offers %s the team tools Clockodo lets them use', async (_who, user, expected) => {
    const fake = await company();
    const tracker = await trackerFor(fake, user);
    await tracker.detectFeatures?.();
    expect(teamOf(tracker)).toEqual(expected);
  });

  it('asks nothing about leading before the person switched the team tools on', async () => {
    const fake = await company();
    const tracker = await trackerFor(fake, LEA, false);
    await tracker.detectFeatures?.();
    expect(teamOf(tracker)).toEqual([]);
    expect(fake.requests.filter((request) => request.path === '/api/v3/teams' || request.path === '/api/v3/users')).toEqual([]);
  });

  it("shows a team leader her team's hours and her own, nobody else's, and says whose they are", async () => {
    const fake = await company();
    const tracker = await trackerFor(fake, LEA);
    await tracker.detectFeatures?.();
    const page = await call(() => partOf(tracker.teamHours).teamWork(week));
    expect(page.people.map((work) => [work.person.name, work.spans.length])).toEqual([
      ['Ada Worker', 1],
      ['Bob Colleague', 1],
      ['Lea Lead', 1],
    ]);
    expect(page.covers).toBe('the members of the teams you lead in Clockodo ("Development") and those whose boss you are, and yourself');
    const boss = await trackerFor(fake, BEN);
    await boss.detectFeatures?.();
    const ben = await call(() => partOf(boss.teamHours).teamWork(week));
    expect(ben.people.map((work) => work.person.name)).toEqual(['Ben Boss', 'Uwe Underling']);
  });

  it("lists a team leader's and an absence manager's pending requests", async () => {
    const fake = await company();
    const adaWaits = fake.addAbsence({ usersId: ADA.id, dateSince: '2026-12-07', dateUntil: '2026-12-11', type: 1, status: 0 });
    const bobWaits = fake.addAbsence({ usersId: BOB.id, dateSince: '2026-12-14', dateUntil: '2026-12-14', type: 1, status: 0 });
    fake.addAbsence({ usersId: MIA.id, dateSince: '2026-12-15', dateUntil: '2026-12-15', type: 1, status: 0 });
    const lea = await trackerFor(fake, LEA);
    await lea.detectFeatures?.();
    const pending = await call(() => partOf(lea.teamLeave).pendingLeave({ offset: 0, limit: 20 }));
    expect(pending.requests.map((request) => [request.id, request.person])).toEqual([
      [adaWaits.id, 'Ada Worker'],
      [bobWaits.id, 'Bob Colleague'],
    ]);
    const amy = await trackerFor(fake, AMY);
    await amy.detectFeatures?.();
    const amyPending = await call(() => partOf(amy.teamLeave).pendingLeave({ offset: 0, limit: 20 }));
    expect(amyPending.requests.map((request) => request.id)).toEqual([bobWaits.id]);
  });

  it('withdraws the team tools, in words, from a worker whose team was taken away', async () => {
    const fake = await company();
    const tracker = await trackerFor(fake, LEA);
    await tracker.detectFeatures?.();
    expect(teamOf(tracker)).toContain('team_hours');
    (fake.state.teams.find((team) => team.id === 1) as { leader: number | null }).leader = null;
    const refused = await call(() => partOf(tracker.teamHours).teamWork(week)).catch((error: Error) => error);
    expect((refused as Error).message).toBe('Clockodo names you leader of no team and boss of nobody, so it shows you nobody else’s time.');
    expect(teamOf(tracker)).not.toContain('team_hours');
  });
});

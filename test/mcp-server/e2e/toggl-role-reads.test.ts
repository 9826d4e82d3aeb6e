// Toggl Track's role, read from what Toggl tells the person about themselves, in parts (docs/back-ends/toggl.md,
// "Roles", "Optional reads"): their own project users and the timesheet setups naming them are each an optional read.
// Refused as unavailable (402, 403, Toggl's plain "404 page not found"), a part is "none" for the hour: the rest of the
// role stands (a workspace admin is offered what the workspace's role gives), what the part decides is withheld in
// words, and the everyday tools (clock_in, clock_out, log_time, list_time_entries, timer_status) go on, the read not
// asked again within the hour. Through the engine in process, against the fake Toggl answering the read each way.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { UNAVAILABLE } from '../../support/optional-answers.ts';
import {
  ADA_TOKEN,
  addSetup,
  type FakeToggl,
  optionalAnswer,
  type RecordedRequest,
  SEED,
  seedCatalog,
  seedWorld,
  startFakeToggl,
} from '../providers/toggl/fake-toggl.ts';

const NOW = '2026-11-18T12:00:00+01:00';
const LEA = { id: 9_100_003, token: 'c0ffee0c0ffee0c0ffee0c0ffee0c0f' };
const PROJECT_USERS = { method: 'GET', path: /^\/api\/v9\/workspaces\/\d+\/project_users$/ };
const SETUPS = { method: 'GET', path: /^\/api\/v9\/workspaces\/\d+\/timesheet_setups$/ };

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
});

/** Acme on Premium with its catalog, Lea its second admin, Ada's weekly timesheets under a setup Lea approves. */
async function world(): Promise<FakeToggl> {
  const fake = await startFakeToggl({ now: clockStartingAt(NOW), quotas: { user: 10_000, organisation: 10_000 } });
  opened.push(fake);
  seedWorld(fake);
  seedCatalog(fake, { customer: 'Acme Corp', projects: [{ name: 'Website' }, { name: 'Internal' }], task: 'Development' });
  fake.state.users.push({ ...LEA, email: 'lea@acme.example', fullname: 'Lea Lead', timezone: 'Europe/Berlin', defaultWorkspaceId: SEED.workspaces.acme });
  const acme = fake.state.workspaces.find((workspace) => workspace.id === SEED.workspaces.acme);
  if (!acme) throw new Error('no Acme');
  Object.assign(acme, { business: true, members: [...acme.members, LEA.id], admins: [...acme.admins, LEA.id] });
  addSetup(fake, { memberId: SEED.users.ada, approverIds: [LEA.id] });
  return fake;
}

async function engineOf(fake: FakeToggl, token: string, userDataDir: string): Promise<InProcessEngineHandle> {
  const engine = await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TOGGL_TOKEN: token, PUNCHCARD_TOGGL_PER_SECOND: '1000' } });
  opened.push(engine);
  return engine;
}

const folderOf = (fake: FakeToggl, groups: Record<string, boolean>) =>
  makeUserDataDir({ provider: { type: 'toggl', url: fake.url }, timezone: 'Europe/Berlin', tools: { groups } });
const listed = async (engine: InProcessEngineHandle) => (await engine.client.listTools()).tools.map((tool) => tool.name);
const offered = (engine: InProcessEngineHandle, tools: readonly string[]) =>
  vi.waitFor(async () => expect(await listed(engine)).toEqual(expect.arrayContaining([...tools])), { timeout: 5_000, interval: 20 });
const askedFor = (fake: FakeToggl, match: { path: RegExp }) => fake.requests.filter((request: RecordedRequest) => match.path.test(request.path)).length;

/**
 * The everyday tools in the order a person meets them, each answered: the timer, a clock in and out, an hour logged
 * last week and one yesterday, the entries. `round` 0 or 1 places each round's time apart from the other's.
 */
async function everyday(engine: InProcessEngineHandle, round: 0 | 1 = 0): Promise<void> {
  const [from, to] = round === 0 ? ['08:00', '09:00'] : ['10:00', '11:00'];
  const calls: Array<[string, Record<string, unknown>]> = [
    ['timer_status', {}],
    ['clock_in', { project: 'Website', start: from }],
    ['clock_out', { end: to }],
    ['log_time', { project: 'Internal', start: `2026-11-10T${from}:00+01:00`, end: `2026-11-10T${to}:00+01:00` }],
    ['log_time', { project: 'Internal', start: `2026-11-17T${from}:00+01:00`, end: `2026-11-17T${to}:00+01:00` }],
    ['list_time_entries', { from: '2026-11-09', to: '2026-11-18' }],
    ['timer_status', {}],
  ];
  for (const [tool, args] of calls) {
    const result = await engine.call(tool, args);
    expect(result.isError, `${tool}: ${textOf(result)}`).toBeFalsy();
  }
}

describe("Toggl Track's role read in parts, each an optional read", () => {
  it.for(UNAVAILABLE)(
    "her own project users answered %s: a workspace admin is offered the team's and the administration's tools all the same, asked once",
    async (answer) => {
      const fake = await world();
      fake.failNext(PROJECT_USERS, optionalAnswer(answer));
      const lea = await engineOf(fake, LEA.token, folderOf(fake, { team: true, admin: true }));
      // The workspace's role says admin: what it gives does not wait on the part Toggl would not show.
      await offered(lea, ['team_report', 'project_status', 'manage_people', 'manage_rates']);
      await everyday(lea);
      expect((await lea.call('team_report', { from: '2026-11-16', to: '2026-11-18' })).isError).toBeFalsy();
      expect(askedFor(fake, PROJECT_USERS)).toBe(1);
    },
  );

  it.for(UNAVAILABLE)(
    'the setups naming her answered %s after her part was remembered: her writes go on, checked against no approved period, and the approvals are withheld in words',
    async (answer) => {
      const fake = await world();
      const folder = folderOf(fake, { team: true, approvals: true });
      // A first start learns that a setup governs her, and remembers it.
      const first = await engineOf(fake, ADA_TOKEN, folder);
      await offered(first, ['submit_timesheet']);
      await first.close();
      // The next start takes her part as remembered (a day), and Toggl now refuses the setups that way.
      fake.failNext(SETUPS, optionalAnswer(answer));
      const before = askedFor(fake, SETUPS);
      const ada = await engineOf(fake, ADA_TOKEN, folder);
      await offered(ada, ['submit_timesheet']);
      await everyday(ada);
      // One read (her setups as member and as approver, sent together), then not asked again within the hour.
      expect(askedFor(fake, SETUPS) - before).toBe(2);
      await vi.waitFor(async () => expect(await listed(ada)).not.toContain('submit_timesheet'), { timeout: 5_000, interval: 20 });
      const withheld = await ada.call('submit_timesheet', { period_start: '2026-11-09' });
      expect(refusalOf(withheld)).toMatchObject({ code: 'tool_withheld', facts: { tool: 'submit_timesheet', why: 'back_end' } });
      expect(textOf(withheld)).toContain('a timesheet setup names');
      await everyday(ada, 1);
      expect(askedFor(fake, SETUPS) - before).toBe(2);
      // Her own time was written, every time.
      expect(fake.state.entries.filter((entry) => entry.userId === SEED.users.ada && entry.deletedAt === null)).toHaveLength(6);
    },
  );
});

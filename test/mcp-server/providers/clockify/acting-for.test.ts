// The Clockify tracker acting for one person with an admin's key (options.actingFor; providers/clockify/acting.ts),
// against the fake Clockify that acts for others: the fake's request log shows the person named on every request
// about their time, and nothing sent after a refusal. Bob (an admin of Acme) holds the organisation's key; Ada (a
// member) is the person.
import { describe, expect, it } from 'vitest';
import { NotNarrowedError } from '../../../../mcp-server/providers/clockify/acting.ts';
import type { IdAliases } from '../../../../mcp-server/providers/id-aliases.ts';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { type MovableClock, movableClockStartingAt } from '../../../support/fake-clock.ts';
import { actingTracker, call, endpointsFor, line, narrowedApi, REFUSED_CELLS, refusal } from './acting-support.ts';
import { approvalRequestsOf } from './fake-clockify-approvals.ts';
import { ADA, addEntry, type FakeClockify, type FakeUser, SEED, seedTeam, seedWorkspace, startFakeClockify, TEAM } from './fake-clockify.ts';

const NOW = '2026-11-18T09:00:00+01:00';
const WS = SEED.workspaces.acme;
const { ada, bob, cleo } = SEED.users;
const HOUR = 3_600_000;
const opened = closeAfterEach();
/** What a person acting through the key is offered of her own, sorted: her time, her leave and her timesheet submissions. */
const OWN_GROUPS = [
  'account',
  'approvals',
  'approvals_workflow',
  'calendar',
  'catalog',
  'entries',
  'entries_edit',
  'leave',
  'leave_cancel',
  'reports',
  'timer',
];

interface Setup {
  fake: FakeClockify;
  tracker: RemoteTracker;
  clock: MovableClock;
  aliases: IdAliases;
}

async function setUp(
  options: { key?: string; actingFor?: string | null; before?: (fake: FakeClockify) => void; on?: { fake: FakeClockify; clock: MovableClock } } = {},
): Promise<Setup> {
  const clock = options.on?.clock ?? movableClockStartingAt(NOW);
  const fake = options.on?.fake ?? opened(await startFakeClockify({ now: clock }));
  if (!options.on) {
    seedWorkspace(fake);
    seedTeam(fake);
  }
  options.before?.(fake);
  const { tracker, aliases } = await actingTracker(opened, fake, clock, 'clockify-acting', {
    actingFor: options.actingFor === undefined ? ada : options.actingFor,
    ...(options.key ? { key: options.key } : {}),
  });
  return { fake, tracker, clock, aliases };
}

/** The requests about time entries: each must name the person in its path, or be a by-id request on an entry of theirs. */
const aboutTime = (fake: FakeClockify) => fake.requests.filter((request) => request.path.includes('time-entries'));
const since = (fake: FakeClockify, mark: number) => fake.requests.slice(mark).map(line);

const day = (time: string) => Date.parse(`2026-11-17T${time}:00+01:00`);

describe('the Clockify tracker acting for one person: requests name them', () => {
  it("starts, stops, logs and lists Ada's time with Bob's key, every request on her path, nothing of Bob's", async () => {
    const { fake, tracker, aliases } = await setUp();
    const website = await aliases.number('project', SEED.projects.website);
    const started = await tracker.timer.startTimer({ projectId: website, activityId: null, description: 'Specs' }, false);
    expect(started.started).toMatchObject({ description: 'Specs' });
    await tracker.timer.stopTimer();
    await tracker.entries.createEntry({ start: day('08:00'), end: day('09:00'), projectId: website, activityId: null, description: 'Review' });
    const listed = await tracker.entries.listEntries({ from: day('00:00'), to: day('00:00') + 2 * 24 * HOUR, limit: 50, offset: 0 });
    expect(listed.entries.map((entry) => entry.description).sort()).toEqual(['Review', 'Specs']);

    expect(fake.state.entries.filter((entry) => entry.userId === bob)).toEqual([]);
    expect(fake.state.entries.filter((entry) => entry.userId === ada).map((entry) => entry.description)).toEqual(expect.arrayContaining(['Specs', 'Review']));
    const time = aboutTime(fake);
    expect(time.length).toBeGreaterThan(0);
    for (const request of time) expect(request.path).toContain(`/workspaces/${WS}/user/${ada}/time-entries`);
    // Never the key's own path (createTimeEntry for the caller), nor anyone's but Ada's.
    expect(fake.requests.map(line)).not.toContain(`POST /workspaces/${WS}/time-entries`);
  });

  it("names Ada as the one connected, in the organisation's workspace", async () => {
    const { tracker } = await setUp();
    const me = await tracker.account.whoami();
    expect(me.name).toBe('Ada Lovelace');
    expect(me.connection).toContain('"Ada Lovelace" (ada@acme.example) in the workspace "Acme"');
  });
});

describe('the Clockify tracker acting for one person: what it costs', () => {
  /** Requests per call, cold (the first) and warm (the calls after it, within the caches' time), for a tracker. */
  async function costs(setup: Setup): Promise<Record<string, number>> {
    const { fake, tracker, aliases, clock } = setup;
    const website = await aliases.number('project', SEED.projects.website);
    const counted: Record<string, number> = {};
    const step = async (name: string, run: () => Promise<unknown>) => {
      clock.advance(5_000);
      const mark = fake.requests.length;
      await run();
      counted[name] = fake.requests.length - mark;
    };
    const log = (time: string) => () =>
      tracker.entries.createEntry({ start: day(time), end: day(time) + HOUR, projectId: website, activityId: null, description: time });
    await step('cold log_time', log('08:00'));
    await step('log_time', log('09:00'));
    await step('start_timer', () => tracker.timer.startTimer({ projectId: website, activityId: null, description: 'timer' }, false));
    await step('stop_timer', () => tracker.timer.stopTimer());
    await step('list_entries', () => tracker.entries.listEntries({ from: day('00:00'), to: day('00:00') + 24 * HOUR, limit: 50, offset: 0 }));
    return counted;
  }

  it("costs warm calls what the person's own key costs with the approval lock's read; the first call reads the person and the projects open to her", async () => {
    const own = await costs(await setUp({ key: ADA.key, actingFor: null }));
    const acting = await costs(await setUp());
    expect(own).toEqual({ 'cold log_time': 4, log_time: 1, start_timer: 2, stop_timer: 2, list_entries: 1 });
    // Cold: her profile and membership (hourly), and who may book the private project (her role and groups, hourly).
    // Each write reads her approved periods (one page): with her own key the tool reads the same page before it writes
    // (tools/approval-lock.ts), which this tracker-level count leaves out.
    expect(acting).toEqual({ 'cold log_time': 8, log_time: 2, start_timer: 3, stop_timer: 3, list_entries: 1 });
  });

  it("keeps everyone's requests on the organisation's key to Clockify's pace for one key, together", async () => {
    const clock = movableClockStartingAt(NOW);
    const fake = opened(await startFakeClockify({ now: clock, rateLimit: { perSecond: 10, retryAfterSeconds: 1 } }));
    seedWorkspace(fake);
    seedTeam(fake);
    const people = await Promise.all([ada, cleo].map((person) => setUp({ actingFor: person, on: { fake, clock } })));
    await Promise.all(
      people.flatMap(({ tracker }) => [
        tracker.timer.runningEntry(),
        tracker.catalog.catalog(false, ['customer', 'project']),
        tracker.entries.listEntries({ from: day('00:00'), to: day('00:00') + 24 * HOUR, limit: 50, offset: 0 }),
      ]),
    );
    expect(fake.requests.length).toBeGreaterThan(10);
    expect(fake.requests.filter((request) => request.status === 429)).toEqual([]);
  });
});

describe('the Clockify tracker acting for one person: who the person is', () => {
  it('refuses a deactivated person before any request about time, and a missing one', async () => {
    const inactive = await setUp({
      before: (fake) => {
        const user = fake.state.users.find((item) => item.id === ada) as FakeUser;
        user.statuses = { [WS]: 'INACTIVE' };
      },
    });
    expect(await refusal(inactive.tracker.timer.runningEntry())).toEqual({
      code: 'acting_for_person_deactivated',
      facts: { back_end: 'Clockify', user_id: ada },
    });
    expect(aboutTime(inactive.fake)).toEqual([]);
    // Told again without asking Clockify again for a while: the directory is read once.
    const directory = () => inactive.fake.requests.filter((request) => request.path.includes('/member-profile/')).length;
    expect(directory()).toBe(1);
    expect(await refusal(inactive.tracker.entries.listEntries({ from: day('00:00'), to: day('00:00') + HOUR, limit: 5, offset: 0 }))).toMatchObject({
      code: 'acting_for_person_deactivated',
    });
    expect(directory()).toBe(1);
    expect(aboutTime(inactive.fake)).toEqual([]);

    const missing = await setUp({ actingFor: '5a0ab5acb0798712543800ff' });
    expect(
      await refusal(missing.tracker.entries.createEntry({ start: day('08:00'), end: day('09:00'), projectId: null, activityId: null, description: 'x' })),
    ).toMatchObject({ code: 'acting_for_person_missing' });
    expect(missing.fake.requests.filter((request) => request.method !== 'GET' && !request.path.endsWith('/users/info'))).toEqual([]);
  });

  it("tells her a key Clockify no longer accepts is the administrator's to renew, not hers to copy from her profile", async () => {
    const { tracker } = await setUp({ key: 'clockify-key-renewed-0123456789' });
    const error = await tracker.timer.runningEntry().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    if (!(error instanceof BackEndError)) throw new Error(`Expected a refusal, got ${String(error)}`);
    expect(error.refusal).toEqual({ code: 'organisation_key_refused', facts: { back_end: 'Clockify' } });
    expect(error.message).toBe(
      "Clockify did not accept your company's account, through which this server acts for you (its key may have been renewed or revoked). Tell your administrator; nothing was done.",
    );
    expect(error.message).not.toMatch(/profile settings|PUNCHCARD_CLOCKIFY_TOKEN/);
  });

  it('reads the person again after an hour: one deactivated since is refused at the next call, nothing sent about her time', async () => {
    const { fake, tracker, clock } = await setUp();
    await tracker.timer.runningEntry();
    const profiles = () => fake.requests.filter((request) => request.path.includes('/member-profile/')).length;
    const read = profiles();
    await tracker.timer.runningEntry();
    expect(profiles()).toBe(read);
    (fake.state.users.find((item) => item.id === ada) as FakeUser).statuses = { [WS]: 'INACTIVE' };
    clock.advance(HOUR + 1_000);
    const mark = fake.requests.length;
    expect(
      await refusal(tracker.entries.createEntry({ start: day('08:00'), end: day('09:00'), projectId: null, activityId: null, description: 'x' })),
    ).toMatchObject({ code: 'acting_for_person_deactivated' });
    expect(since(fake, mark).filter((request) => request.includes('time-entries'))).toEqual([]);
  });
});

describe('the Clockify tracker acting for one person: records by id and answers', () => {
  it("refuses to change or delete a colleague's entry by its number, before any PUT or DELETE", async () => {
    const { fake, tracker, aliases } = await setUp();
    const theirs = addEntry(fake, { userId: cleo, start: day('08:00'), end: day('09:00'), description: 'Cleo' });
    const number = await aliases.number('entry', theirs.id);
    for (const attempt of [
      tracker.entries.updateEntry(number, { description: 'mine now' }),
      tracker.entries.deleteEntry(number),
      tracker.entries.getEntry(number),
    ]) {
      expect(await refusal(attempt)).toEqual({ code: 'entry_not_yours', facts: { entry: number } });
    }
    expect(fake.requests.filter((request) => request.method === 'PUT' || request.method === 'DELETE')).toEqual([]);
    expect(theirs.description).toBe('Cleo');
  });

  it("changes and deletes Ada's own entry by number after reading it once", async () => {
    const { fake, tracker, aliases } = await setUp();
    const hers = addEntry(fake, { userId: ada, start: day('08:00'), end: day('09:00'), description: 'Ada' });
    const number = await aliases.number('entry', hers.id);
    await tracker.entries.updateEntry(number, { description: 'Ada, changed' });
    expect(fake.state.entries.find((entry) => entry.id === hers.id)?.description).toBe('Ada, changed');
    await tracker.entries.deleteEntry(number);
    expect(fake.state.entries.some((entry) => entry.id === hers.id)).toBe(false);
    // Every request about time names her, or is one by id that a read of that id came before.
    const lines = aboutTime(fake).map(line);
    lines.forEach((request, index) => {
      if (request.includes('/user/')) expect(request).toContain(`/user/${ada}/time-entries`);
      else {
        expect(request).toMatch(new RegExp(`^(GET|PUT|DELETE) /workspaces/${WS}/time-entries/${hers.id}$`));
        if (!request.startsWith('GET ')) expect(lines.slice(0, index)).toContain(`GET /workspaces/${WS}/time-entries/${hers.id}`);
      }
    });
    expect(lines.filter((request) => !request.startsWith('GET '))).toEqual([
      `PUT /workspaces/${WS}/time-entries/${hers.id}`,
      `DELETE /workspaces/${WS}/time-entries/${hers.id}`,
    ]);
  });

  it("trusts nothing of an answer with someone else's entries: refused, nothing written", async () => {
    const { fake, tracker, aliases } = await setUp();
    const theirs = addEntry(fake, { userId: cleo, start: day('08:00'), end: day('09:00'), description: 'Cleo' });
    const body = [
      { id: theirs.id, userId: cleo, workspaceId: WS, description: 'Cleo', timeInterval: { start: '2026-11-17T07:00:00Z', end: '2026-11-17T08:00:00Z' } },
    ];
    fake.failNext({ method: 'GET', path: new RegExp(`/user/${ada}/time-entries`) }, { status: 200, body, times: 5 });
    const website = await aliases.number('project', SEED.projects.website);
    expect(await refusal(tracker.timer.startTimer({ projectId: website, activityId: null, description: 'x' }, true))).toEqual({
      code: 'acting_for_answer_not_the_persons',
      facts: { back_end: 'Clockify' },
    });
    expect(fake.requests.filter((request) => request.method !== 'GET' && !request.path.endsWith('/users/info'))).toEqual([]);
  });
});

describe("the Clockify tracker acting for one person: the workspace's lock binds her, not the key", () => {
  const lockNovember = (fake: FakeClockify) => {
    const acme = fake.state.workspaces.find((workspace) => workspace.id === WS);
    if (acme) acme.settings.lockTimeEntries = '2026-11-01T00:00:00Z';
  };

  it('refuses logging, changing and deleting before the lock, where the admin key would pass; nothing sent', async () => {
    const { fake, tracker, aliases } = await setUp({ before: lockNovember });
    const october = addEntry(fake, { userId: ada, start: Date.parse('2026-10-21T08:00:00Z'), end: Date.parse('2026-10-21T09:00:00Z'), description: 'Oct' });
    const number = await aliases.number('entry', october.id);
    const website = await aliases.number('project', SEED.projects.website);
    const mark = fake.requests.length;
    expect(
      await refusal(
        tracker.entries.createEntry({
          start: Date.parse('2026-10-20T08:00:00Z'),
          end: Date.parse('2026-10-20T09:00:00Z'),
          projectId: website,
          activityId: null,
          description: 'late',
        }),
      ),
    ).toEqual({ code: 'clockify_period_locked', facts: { before: '2026-11-01', verb: 'log' } });
    expect(await refusal(tracker.entries.updateEntry(number, { description: 'changed' }))).toEqual({
      code: 'clockify_entry_locked',
      facts: { entry: number, verb: 'change' },
    });
    expect(await refusal(tracker.entries.deleteEntry(number))).toEqual({ code: 'clockify_entry_locked', facts: { entry: number, verb: 'delete' } });
    const november = addEntry(fake, { userId: ada, start: day('08:00'), end: day('09:00'), description: 'Nov' });
    const novemberNumber = await aliases.number('entry', november.id);
    expect(await refusal(tracker.entries.updateEntry(novemberNumber, { start: Date.parse('2026-10-20T08:00:00Z') }))).toMatchObject({
      code: 'clockify_period_locked',
      facts: { verb: 'move' },
    });
    expect(since(fake, mark).filter((request) => !request.startsWith('GET ') && !request.endsWith('/users/info'))).toEqual([]);
    expect(fake.state.entries.find((entry) => entry.id === october.id)?.description).toBe('Oct');
  });

  it('lets a person who is an admin herself through, as Clockify would', async () => {
    const { fake, tracker, aliases } = await setUp({
      before: (fake) => {
        lockNovember(fake);
        (fake.state.users.find((item) => item.id === ada) as FakeUser).roles[WS] = 'ADMIN';
      },
    });
    const website = await aliases.number('project', SEED.projects.website);
    await tracker.entries.createEntry({
      start: Date.parse('2026-10-20T08:00:00Z'),
      end: Date.parse('2026-10-20T09:00:00Z'),
      projectId: website,
      activityId: null,
      description: 'late',
    });
    expect(fake.state.entries.some((entry) => entry.userId === ada && entry.description === 'late')).toBe(true);
  });
});

describe('the Clockify tracker acting for one person: her approved periods', () => {
  it("hold her time though the key is an admin's: a write into one, a stop of a timer begun in one, a move there, refused, nothing sent", async () => {
    const { fake, tracker, aliases } = await setUp({
      before: (fake) => {
        approvalRequestsOf(fake.state).push({
          id: '64c777ddd3fcab07cfbb8001',
          workspaceId: WS,
          ownerId: ada,
          creatorId: ada,
          start: '2026-11-09',
          end: '2026-11-15',
          state: 'APPROVED',
          note: '',
          updatedAt: 0,
          updatedBy: bob,
        });
      },
    });
    const approvedDay = (time: string) => Date.parse(`2026-11-12T${time}:00+01:00`);
    const hers = addEntry(fake, { userId: ada, start: approvedDay('08:00'), end: approvedDay('09:00'), description: 'Approved' });
    const open = addEntry(fake, { userId: ada, start: day('08:00'), end: day('09:00'), description: 'Open' });
    const number = await aliases.number('entry', hers.id);
    const openNumber = await aliases.number('entry', open.id);
    const website = await aliases.number('project', SEED.projects.website);
    // Clockify marks her entry locked (isLocked) to the admin's key too: refused before any PUT.
    expect(await refusal(tracker.entries.updateEntry(number, { description: 'changed' }))).toEqual({
      code: 'clockify_entry_locked',
      facts: { entry: number, verb: 'change' },
    });
    // Clockify would take new time into the approved week from the key: the person is held to it.
    const locked = {
      code: 'timesheet_period_locked',
      facts: { first_day: '2026-11-09', last_day: '2026-11-15', status: 'approved', reopened_by: 'an_approver', back_end: 'Clockify' },
    };
    const late = { start: approvedDay('10:00'), end: approvedDay('11:00'), projectId: website, activityId: null, description: 'late' };
    expect(await refusal(tracker.entries.createEntry(late))).toEqual(locked);
    expect(await refusal(tracker.timer.startTimer({ ...late, start: approvedDay('14:00') }, false))).toEqual(locked);
    expect(await refusal(tracker.entries.updateEntry(openNumber, { start: approvedDay('12:00'), end: approvedDay('13:00') }))).toEqual(locked);
    // A timer she forgot on the Friday of the approved week.
    addEntry(fake, { userId: ada, start: Date.parse('2026-11-13T16:00:00+01:00'), description: 'Forgotten' });
    expect(await refusal(tracker.timer.stopTimer())).toEqual(locked);
    expect(fake.writes).toEqual([]);
    expect(hers.description).toBe('Approved');
    // The open week takes her time.
    await tracker.entries.createEntry({ ...late, start: day('10:00'), end: day('11:00') });
    expect(fake.writes).toHaveLength(1);
  });
});

describe('the Clockify tracker acting for one person: the projects open to her', () => {
  it('lists and books public projects only for a plain member; a private one is refused before any write', async () => {
    const { fake, tracker, aliases } = await setUp();
    const catalog = await tracker.catalog.catalog(false, ['project']);
    expect(catalog.projects.map((project) => project.name).sort()).toEqual(['Internal', 'Website']);
    const secret = await aliases.number('project', SEED.projects.secret);
    const mark = fake.requests.length;
    expect(
      await refusal(tracker.entries.createEntry({ start: day('08:00'), end: day('09:00'), projectId: secret, activityId: null, description: 'x' })),
    ).toEqual({ code: 'acting_for_booking_not_open', facts: { back_end: 'Clockify', project: 'that project' } });
    expect(since(fake, mark).filter((request) => request.startsWith('POST '))).toEqual([]);
  });

  it('refuses at the narrowed API itself a booking on a project not open to her, never naming it, with nothing sent', async () => {
    const { fake } = await setUp({ actingFor: null });
    const api = await narrowedApi(opened, fake, ada);
    const body = { start: '2026-11-17T07:00:00Z', end: '2026-11-17T08:00:00Z', projectId: SEED.projects.secret, description: 'x', billable: false };
    expect(await refusal(api.createEntry(WS, body, 'log the time'))).toEqual({
      code: 'acting_for_booking_not_open',
      // The name of a project she cannot see is not hers to learn from a refusal (Clockify's ids are opaque strings).
      facts: { back_end: 'Clockify', project: 'that project' },
    });
    expect(fake.requests.filter((request) => request.method === 'POST' && request.path.includes('time-entries'))).toEqual([]);
    expect(await api.createEntry(WS, { ...body, projectId: SEED.projects.website }, 'log the time')).toMatchObject({ userId: ada });
  });

  it('opens a private project to its member and to the members of a user group on it', async () => {
    const direct = await setUp({
      before: (fake) => fake.state.projects.find((project) => project.id === SEED.projects.secret)?.memberIds.push(ada),
    });
    expect((await direct.tracker.catalog.catalog(false, ['project'])).projects.map((project) => project.name)).toContain('Secret');
    const secret = await direct.aliases.number('project', SEED.projects.secret);
    await direct.tracker.entries.createEntry({ start: day('08:00'), end: day('09:00'), projectId: secret, activityId: null, description: 'in' });
    expect(direct.fake.state.entries.some((entry) => entry.userId === ada && entry.projectId === SEED.projects.secret)).toBe(true);

    const group = await setUp({
      before: (fake) => {
        fake.state.userGroups.push({ id: '64c777ddd3fcab07cfbb9001', workspaceId: WS, name: 'Secret keepers', userIds: [ada], managerIds: [] });
        const project = fake.state.projects.find((item) => item.id === SEED.projects.secret);
        if (project) project.groupIds = ['64c777ddd3fcab07cfbb9001'];
      },
    });
    expect((await group.tracker.catalog.catalog(false, ['project'])).projects.map((project) => project.name)).toContain('Secret');
  });
});

describe('the Clockify tracker acting for one person: the team group follows her own role', () => {
  const week = { from: Date.parse('2026-11-16T00:00:00+01:00'), to: Date.parse('2026-11-23T00:00:00+01:00'), offset: 0, limit: 20 };
  const memberReads = (fake: FakeClockify) =>
    fake.requests
      .filter((request) => request.method === 'GET' && /\/user\/[^/]+\/time-entries$/.test(request.path))
      .map((request) => request.path.split('/')[6]);

  it("shows a team manager the hours of the members she manages and her own, nobody else's, though the key sees all", async () => {
    const { fake, tracker } = await setUp({ actingFor: TEAM.users.mia });
    await tracker.detectFeatures();
    expect([...tracker.capabilities]).toEqual(expect.arrayContaining(['team_hours', 'team_projects', 'team_leave']));
    const page = await call(() => (tracker.teamHours as NonNullable<RemoteTracker['teamHours']>).teamWork(week));
    expect(page.people.map((person) => person.person.name).sort()).toEqual(['Ada Lovelace', 'Cleo Patra', 'Mia Manager']);
    expect(new Set(memberReads(fake))).toEqual(new Set([ada, cleo, TEAM.users.mia]));
  });

  it('offers a plain member no team tools, and a project manager none either (her projects are not narrowed)', async () => {
    for (const person of [TEAM.users.wes, TEAM.users.pia]) {
      const { fake, tracker } = await setUp({ actingFor: person });
      await tracker.detectFeatures();
      // Her own leave and timesheet submissions, as her own key would have them; no team tool.
      expect([...tracker.capabilities].sort()).toEqual(OWN_GROUPS);
      expect(await refusal(call(() => (tracker.teamHours as NonNullable<RemoteTracker['teamHours']>).teamWork(week)))).toMatchObject({
        code: 'clockify_not_leading',
      });
      expect(memberReads(fake).filter((id) => id !== person)).toEqual([]);
    }
  });

  it("refuses at the narrowed API a colleague's time the person does not lead, before a request", async () => {
    const { fake } = await setUp({ actingFor: null });
    const api = await narrowedApi(opened, fake, TEAM.users.mia);
    const filter = { start: '2026-11-16T00:00:00Z', end: '2026-11-23T00:00:00Z' };
    await expect(api.memberEntriesPage(WS, ada, 'Ada', filter, 1)).rejects.toThrow(NotNarrowedError);
    // Once Clockify names her Ada's manager, Ada's time is hers to read; Wes's never.
    await api.managersOf(WS, ada, 'Ada');
    await api.managersOf(WS, TEAM.users.wes, 'Wes');
    await expect(api.memberEntriesPage(WS, ada, 'Ada', filter, 1)).resolves.toMatchObject({ items: [] });
    await expect(api.memberEntriesPage(WS, TEAM.users.wes, 'Wes', filter, 1)).rejects.toThrow(NotNarrowedError);
    expect(memberReads(fake)).toEqual([ada]);
  });
});

describe('the Clockify tracker acting for one person: her own time off, for her targets', () => {
  const span = { from: '2026-11-01', to: '2026-12-31' };

  it('reads her own requests only, by a search naming her alone', async () => {
    const { fake, tracker } = await setUp({ actingFor: cleo });
    const leave = await tracker.leave.listLeave(span);
    expect(leave.map((request) => [request.firstDay, request.status])).toEqual([
      ['2026-11-24', 'pending'],
      ['2026-12-14', 'approved'],
    ]);
    const searches = fake.requests.filter((request) => request.path.endsWith('/time-off/requests'));
    expect(searches.length).toBeGreaterThan(0);
    for (const search of searches) expect(JSON.parse(search.body)).toMatchObject({ users: [cleo] });
    expect(fake.requests.filter((request) => request.path.includes('/time-off/') && request.method !== 'POST')).toEqual([]);
  });

  it("refuses an answer with someone else's time off, and counts none where time off is off", async () => {
    const careless = await setUp({ actingFor: cleo });
    careless.fake.options.usersFilter = false;
    expect(await refusal(careless.tracker.leave.listLeave(span))).toEqual({ code: 'acting_for_answer_not_the_persons', facts: { back_end: 'Clockify' } });

    const off = await setUp({
      actingFor: cleo,
      before: (fake) => {
        const acme = fake.state.workspaces.find((workspace) => workspace.id === WS);
        if (acme) acme.timeOffOn = false;
      },
    });
    expect(await off.tracker.leave.listLeave(span)).toEqual([]);
  });

  it("throws for a search of her own time off that names anyone else, before a request; a colleagues' search shows a member only hers", async () => {
    const { fake } = await setUp({ actingFor: null });
    const api = await narrowedApi(opened, fake, cleo);
    await expect(api.timeOffRequests(WS, { users: [cleo, ada], statuses: ['ALL'] }, 1, true)).rejects.toThrow(NotNarrowedError);
    await expect(api.timeOffRequests(WS, { users: [ada], statuses: ['ALL'] }, 1, true)).rejects.toThrow(NotNarrowedError);
    expect(fake.requests.filter((request) => request.path.includes('/time-off/'))).toEqual([]);
    // Bob's approved week is in the workspace's search the key reads; Cleo, a member, is shown her own only.
    const colleagues = await api.timeOffRequests(WS, { statuses: ['APPROVED', 'PENDING'] }, 1, false);
    expect(colleagues?.requests?.map((request) => request.userId)).toEqual([cleo, cleo]);
    expect(colleagues?.count).toBe(2);
  });
});

describe('the Clockify tracker acting for one person: what is not offered', () => {
  it('offers no admin tools, and has no such parts, though the key is an admin (a person who is an admin herself leads everyone)', async () => {
    const { tracker } = await setUp({
      before: (fake) => {
        (fake.state.users.find((item) => item.id === ada) as FakeUser).roles[WS] = 'ADMIN';
      },
    });
    await tracker.detectFeatures();
    expect([...tracker.capabilities].sort()).toEqual([...OWN_GROUPS, 'team_hours', 'team_leave', 'team_projects'].sort());
    expect([tracker.adminPeople, tracker.corrections, tracker.adminTeams, tracker.invoices, tracker.adminRates, tracker.catalogAdmin]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('has every member of the API, and every method it does not narrow (each of every capability refused whole) refuses before a request', async () => {
    const { fake } = await setUp({ actingFor: null });
    const { raw, api, refusedWhole } = await endpointsFor(opened, fake, ada);
    const members = (object: object) => Object.keys(object).sort();
    // The same members, named: none is left to a catch-all that would answer any name at all.
    expect(members(api)).toEqual(members(raw));
    const mark = fake.requests.length;
    // The administration's capabilities are refused whole, every endpoint each sends (its own and those it shares).
    expect(members(refusedWhole)).toEqual([...REFUSED_CELLS].sort());
    for (const [name, endpoints] of Object.entries(refusedWhole)) {
      for (const method of members(endpoints)) await expect(endpoints[method]?.(WS), `${name}.${method}`).rejects.toThrow(NotNarrowedError);
    }
    // Timesheet approvals are narrowed (approvals/organisation.ts), but not a submission of someone else's.
    await expect(api.submitApprovalFor(WS, cleo, '2026-11-16', 'WEEKLY')).rejects.toThrow(NotNarrowedError);
    const narrowed = api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const others = ['createEntryFor', 'createTimeOffFor', 'createClient', 'archiveClient', 'createProject', 'archiveProject', 'createTask', 'setTaskStatus'];
    // The people, user groups and roles the person object reads itself, which the administration alone would send.
    const directory = ['peoplePage', 'holdersWithEmail', 'groupsPage', 'groupProjectsPage', 'giveRole'];
    for (const method of [...others, ...directory]) await expect(narrowed[method]?.(WS, ada), method).rejects.toThrow(NotNarrowedError);
    expect(fake.requests.length).toBe(mark);
  });

  it('throws for anything the narrowed API does not handle, before a request is sent', async () => {
    const { fake } = await setUp({ actingFor: null });
    const api = await narrowedApi(opened, fake, ada);
    const mark = fake.requests.length;
    await expect(api.peoplePage(WS, true, 1)).rejects.toThrow(NotNarrowedError);
    await expect(api.submitApprovalFor(WS, ada, '2026-11-16', 'WEEKLY')).rejects.toThrow(NotNarrowedError);
    await expect(api.createTimeOffFor(WS, SEED.policies.vacation, cleo, {})).rejects.toThrow(NotNarrowedError);
    expect(fake.requests.length).toBe(mark);
    // Her balances, but not a colleague's.
    await expect(api.balances(WS, cleo, 1)).rejects.toThrow(NotNarrowedError);
    // A request about another member is refused though the call is one it handles.
    await expect(api.runningEntries(WS, cleo)).rejects.toThrow(NotNarrowedError);
    await expect(api.memberEntriesPage(WS, cleo, 'Cleo', { start: '2026-11-16T00:00:00Z', end: '2026-11-23T00:00:00Z' }, 1)).rejects.toThrow(NotNarrowedError);
    expect(aboutTime(fake)).toEqual([]);
  });
});

// The Clockodo tracker acting for one person with the owner's key (mcp-server/providers/clockodo/acting.ts,
// docs/back-ends/clockodo.md "Acting for others"), in process against the fake Clockodo that acts for others
// (fake-clockodo-acting.ts), whose request log is the evidence: the person is read before anything else and refused
// inactive or gone; every request about their time names them; answers of someone else's are refused; a write by id
// reads the entry first and refuses a colleague's before anything is written; their edit lock and their access maps bind
// them though the owner's key would pass; the tools are theirs, never the owner's; and what the narrowed API does not
// handle is refused without a request.
import { describe, expect, it } from 'vitest';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { type MovableClock, movableClockStartingAt } from '../../../support/fake-clock.ts';
import { actingTracker, bodyOf, call, line, narrowedApi, partOf, refusalOf } from './acting-support.ts';
import { DEFAULT_USERS, type FakeClockodo, type FakeUser, type RecordedRequest, seedCompany, startFakeClockodo } from './fake-clockodo.ts';

const [ADA, BOB, MIA, OLGA] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser, FakeUser];
/** Wednesday, 6 May 2026, 12:00 in Berlin. */
const NOW = '2026-05-06T12:00:00+02:00';
const at = (iso: string) => Date.parse(iso);
const opened = closeAfterEach();

interface Company {
  fake: FakeClockodo;
  clock: MovableClock;
  acme: number;
  website: number;
  rocket: number;
  development: number;
  meeting: number;
}

async function company(users: FakeUser[] = DEFAULT_USERS): Promise<Company> {
  const clock = movableClockStartingAt(NOW);
  const fake = opened(await startFakeClockodo({ now: clock, users }));
  const ids = seedCompany(fake);
  return {
    fake,
    clock,
    acme: ids.customers.acme as number,
    website: ids.projects.website as number,
    rocket: ids.projects.rocket as number,
    development: ids.services.development as number,
    meeting: ids.services.meeting as number,
  };
}

/** The tracker for `person` with the owner's key; `own` with the person's own, `apiKey` with another key than the account's. */
const trackerFor = ({ fake, clock }: Company, person: FakeUser, own = false, apiKey?: string): Promise<RemoteTracker> =>
  actingTracker(opened, fake, clock, person, 'clockodo-acting', { own, ...(apiKey === undefined ? {} : { apiKey }) });

const queryOf = (request: RecordedRequest) => new URLSearchParams(request.query);
/** Whether a request about time names `person`: in the clock's and list's query, or in a new entry's or clock's body. */
function namesPerson(request: RecordedRequest, person: FakeUser): boolean {
  const query = queryOf(request);
  if (request.path === '/api/v2/clock' && request.method === 'GET') return query.get('users_id') === String(person.id);
  if (request.path === '/api/v2/clock' && request.method === 'POST') return bodyOf(request).users_id === person.id;
  if (request.path.startsWith('/api/v2/clock/')) return query.get('users_id') === String(person.id);
  if (request.path === '/api/v2/entries' && request.method === 'GET') return query.get('filter[users_id]') === String(person.id);
  if (request.path === '/api/v2/entries' && request.method === 'POST') return bodyOf(request).users_id === person.id;
  if (request.path.startsWith('/api/v2/users/')) return request.path.startsWith(`/api/v2/users/${person.id}/`);
  return true;
}
const writes = (fake: FakeClockodo) => fake.requests.filter((request) => request.method !== 'GET');

describe('the person, read before anything else', () => {
  it('reads the person first, and nobody but them is "me"', async () => {
    const world = await company();
    const tracker = await trackerFor(world, ADA);
    const whoami = await call(() => partOf(tracker.account).whoami());
    expect(world.fake.requests[0] && line(world.fake.requests[0])).toBe('GET /api/v3/users/1');
    expect(whoami.name).toBe('Ada Worker');
    expect(whoami.connection).toContain(
      'as "Ada Worker" (worker) of "Punchcard Test GmbH"; absence module on; may not add customers or projects, through your company\'s account',
    );
    // Every request carries the owner's login (the key is the owner's); no list of users or teams is read.
    expect(new Set(world.fake.requests.map((request) => request.headers['x-clockodoapiuser']))).toEqual(new Set([OLGA.email]));
    expect(world.fake.requests.some((request) => request.path === '/api/v3/users' || request.path === '/api/v3/teams')).toBe(false);
  });

  it("never tells the person the owner's login, half of the organisation's credential: not in whoami, the back end's name or a refusal", async () => {
    const world = await company();
    const tracker = await trackerFor(world, ADA);
    const whoami = await call(() => partOf(tracker.account).whoami());
    const said = [tracker.label, JSON.stringify(whoami)];
    expect(tracker.label).toBe(`Clockodo (${new URL(world.fake.url).host})`);
    // A key Clockodo no longer accepts (renewed by the owner): the person is told to ask, without the login.
    const refused = await trackerFor(world, BOB, false, 'key-renewed-0123456789abcdef');
    const refusal = await refusalOf(call(() => partOf(refused.timer).runningEntry()));
    expect(refusal).toEqual({ code: 'organisation_key_refused', facts: { back_end: 'Clockodo' } });
    said.push(JSON.stringify(refusal), refused.label);
    for (const text of said) expect(text).not.toContain(OLGA.email);
  });

  it('refuses a deactivated person before sending anything else', async () => {
    const world = await company([ADA, BOB, MIA, OLGA].map((user) => (user.id === ADA.id ? { ...user, active: false } : user)));
    const tracker = await trackerFor(world, ADA);
    expect(await refusalOf(call(() => partOf(tracker.timer).runningEntry()))).toEqual({
      code: 'acting_for_person_deactivated',
      facts: { back_end: 'Clockodo', user_id: '1' },
    });
    expect(world.fake.requests.map(line)).toEqual(['GET /api/v3/users/1']);
  });

  it('refuses a person gone from Clockodo before sending anything else', async () => {
    const world = await company();
    const tracker = await trackerFor(world, { ...ADA, id: 99 });
    expect(await refusalOf(call(() => partOf(tracker.entries).createEntry(entryAt(world, '2026-05-05T09:00:00+02:00'))))).toEqual({
      code: 'acting_for_person_missing',
      facts: { back_end: 'Clockodo', user_id: '99' },
    });
    expect(world.fake.requests.map(line)).toEqual(['GET /api/v3/users/99']);
  });

  it('reads the person again an hour later, and then refuses them deactivated', async () => {
    const world = await company();
    const tracker = await trackerFor(world, ADA);
    await call(() => partOf(tracker.timer).runningEntry());
    await call(() => partOf(tracker.timer).runningEntry());
    expect(world.fake.requests.filter((request) => request.path === '/api/v3/users/1')).toHaveLength(1);
    (world.fake.state.users.find((user) => user.id === ADA.id) as FakeUser).active = false;
    world.clock.advance(3_600_000);
    const before = world.fake.requests.length;
    expect((await refusalOf(call(() => partOf(tracker.timer).runningEntry()))).code).toBe('acting_for_person_deactivated');
    expect(world.fake.requests.slice(before).map(line)).toEqual(['GET /api/v3/users/1']);
  });
});

function entryAt(world: Company, startIso: string, hours = 1, projectId = world.website) {
  const start = at(startIso);
  return { start, end: start + hours * 3_600_000, projectId, activityId: world.development, description: 'Work' };
}

describe('every request about the person names them', () => {
  it('clocks in and out, logs, lists, changes and deletes with the person named, and leaves a colleague alone', async () => {
    const world = await company();
    const { fake } = world;
    // Bob's clock runs: stopping Ada's must not touch it.
    fake.addEntry({
      usersId: BOB.id,
      customersId: world.acme,
      projectsId: world.website,
      servicesId: world.development,
      timeSince: at('2026-05-06T08:00:00+02:00'),
      timeUntil: null,
      clocked: true,
    });
    const tracker = await trackerFor(world, ADA);
    const timer = partOf(tracker.timer);
    const entries = partOf(tracker.entries);
    const { started } = await call(() => timer.startTimer({ projectId: world.website, activityId: world.development, description: 'Site' }, true));
    expect((await call(() => timer.runningEntry()))?.id).toBe(started.id);
    world.clock.advance(30 * 60_000);
    await call(() => timer.stopTimer(undefined, 'done'));
    const logged = await call(() => entries.createEntry(entryAt(world, '2026-05-05T09:00:00+02:00')));
    const listed = await call(() => entries.listEntries({ from: at('2026-05-01T00:00:00+02:00'), to: at('2026-05-07T00:00:00+02:00'), limit: 50, offset: 0 }));
    expect(listed.entries.map((entry) => entry.id).sort()).toEqual([started.id, logged.id].sort());
    await call(() => entries.updateEntry(logged.id, { description: 'Changed' }));
    await call(() => entries.workSpans(at('2026-05-04T00:00:00+02:00'), at('2026-05-07T00:00:00+02:00'), world.clock()));
    await call(() => entries.deleteEntry(logged.id));

    // What Clockodo holds: Ada's entries are Ada's, Bob's clock still runs.
    expect(fake.state.entries.filter((entry) => entry.usersId === ADA.id).map((entry) => entry.id)).toEqual([started.id]);
    expect(fake.state.entries.find((entry) => entry.usersId === BOB.id)?.timeUntil).toBeNull();
    // The log: every request about time names Ada; every change or deletion by id follows a read of that id.
    const unnamed = fake.requests.filter((request) => !namesPerson(request, ADA)).map(line);
    expect(unnamed).toEqual([]);
    for (const [index, request] of fake.requests.entries()) {
      if (!/^\/api\/v2\/entries\/\d+$/.test(request.path) || request.method === 'GET') continue;
      const readBefore = fake.requests.slice(0, index).some((earlier) => earlier.method === 'GET' && earlier.path === request.path);
      expect(readBefore, `${line(request)} follows a read of it`).toBe(true);
    }
    expect(fake.requests.some((request) => request.path === '/api/v3/users' || request.path === '/api/v3/teams' || request.path === '/api/v4/absences')).toBe(
      false,
    );
  });

  it("refuses an answer with someone else's entries, though asked for the person's, and writes nothing", async () => {
    const world = await company();
    const tracker = await trackerFor(world, ADA);
    const bobs = {
      id: 555,
      users_id: BOB.id,
      customers_id: world.acme,
      projects_id: world.website,
      services_id: world.development,
      time_since: '2026-05-05T07:00:00Z',
      time_until: '2026-05-05T08:00:00Z',
    };
    world.fake.failNext(
      { method: 'GET', path: '/api/v2/entries' },
      { status: 200, body: { paging: { items_per_page: 50, current_page: 1, count_pages: 1, count_items: 1 }, entries: [bobs] } },
    );
    const listing = call(() =>
      partOf(tracker.entries).listEntries({ from: at('2026-05-01T00:00:00+02:00'), to: at('2026-05-07T00:00:00+02:00'), limit: 50, offset: 0 }),
    );
    expect(await refusalOf(listing)).toEqual({ code: 'acting_for_answer_not_the_persons', facts: { back_end: 'Clockodo' } });
    world.fake.failNext(
      { method: 'GET', path: '/api/v2/clock' },
      { status: 200, body: { running: { ...bobs, time_until: null }, current_time: '2026-05-06T10:00:00Z' } },
    );
    expect(await refusalOf(call(() => partOf(tracker.timer).stopTimer()))).toEqual({
      code: 'acting_for_answer_not_the_persons',
      facts: { back_end: 'Clockodo' },
    });
    expect(writes(world.fake)).toEqual([]);
  });
});

describe("the person's edit lock binds them, though the owner's key might pass it", () => {
  it('refuses adding, changing, moving and deleting entries up to the locked day, sending no write', async () => {
    const world = await company([{ ...ADA, editLock: '2026-05-04' }, BOB, MIA, OLGA]);
    const inside = world.fake.addEntry({
      usersId: ADA.id,
      customersId: world.acme,
      projectsId: world.website,
      servicesId: world.development,
      timeSince: at('2026-05-04T09:00:00+02:00'),
      timeUntil: at('2026-05-04T10:00:00+02:00'),
    });
    const outside = world.fake.addEntry({
      usersId: ADA.id,
      customersId: world.acme,
      projectsId: world.website,
      servicesId: world.development,
      timeSince: at('2026-05-05T09:00:00+02:00'),
      timeUntil: at('2026-05-05T10:00:00+02:00'),
    });
    const tracker = await trackerFor(world, ADA);
    const entries = partOf(tracker.entries);
    const locked = { code: 'clockodo_entry_edit_locked', facts: { last_locked_day: '2026-05-04' } };
    expect(await refusalOf(call(() => entries.createEntry(entryAt(world, '2026-05-04T23:30:00+02:00', 0.25))))).toEqual(locked);
    expect(await refusalOf(call(() => entries.updateEntry(inside.id, { description: 'late fix' })))).toEqual(locked);
    expect(await refusalOf(call(() => entries.deleteEntry(inside.id)))).toEqual(locked);
    expect(await refusalOf(call(() => entries.updateEntry(outside.id, { start: at('2026-05-04T09:00:00+02:00') })))).toEqual(locked);
    expect(writes(world.fake)).toEqual([]);
    // The day after the lock is open.
    await call(() => entries.updateEntry(outside.id, { description: 'fine' }));
    expect(writes(world.fake).map(line)).toEqual([`PUT /api/v2/entries/${outside.id}`]);
  });

  it('refuses starting the clock now on a day the lock still covers, sending no write', async () => {
    // Locked up to today (6 May): a clock started now would make an entry of a locked day.
    const world = await company([{ ...ADA, editLock: '2026-05-06' }, BOB, MIA, OLGA]);
    const tracker = await trackerFor(world, ADA);
    expect(
      await refusalOf(call(() => partOf(tracker.timer).startTimer({ projectId: world.website, activityId: world.development, description: '' }, true))),
    ).toEqual({ code: 'clockodo_entry_edit_locked', facts: { last_locked_day: '2026-05-06' } });
    expect(writes(world.fake)).toEqual([]);
  });

  it('counts a moving edit lock in days before today', async () => {
    const world = await company([{ ...ADA, editLockDyn: 1 }, BOB, MIA, OLGA]);
    const tracker = await trackerFor(world, ADA);
    const entries = partOf(tracker.entries);
    // Today is 6 May: with one day, 4 May and before are locked, 5 May is open.
    expect(await refusalOf(call(() => entries.createEntry(entryAt(world, '2026-05-04T09:00:00+02:00'))))).toEqual({
      code: 'clockodo_entry_edit_locked',
      facts: { last_locked_day: '2026-05-04' },
    });
    await call(() => entries.createEntry(entryAt(world, '2026-05-05T09:00:00+02:00')));
    expect(writes(world.fake).map(line)).toEqual(['POST /api/v2/entries']);
  });
});

describe('the person books only within their own access maps', () => {
  it('shows them only what they may book on, and refuses the rest though the owner could book it', async () => {
    const world = await company();
    const tracker = await trackerFor(world, ADA);
    const catalog = await call(() => partOf(tracker.catalog).catalog(false));
    expect(catalog.activities.map((item) => item.name)).toEqual(['Development']);
    const entries = partOf(tracker.entries);
    expect(await refusalOf(call(() => entries.createEntry(entryAt(world, '2026-05-05T09:00:00+02:00', 1, world.rocket))))).toEqual({
      code: 'acting_for_booking_not_open',
      // Named by its number only: the person's catalog does not show Rocket, so its name is not theirs to learn here.
      facts: { back_end: 'Clockodo', project: `project #${world.rocket}` },
    });
    expect(await refusalOf(call(() => entries.createEntry({ ...entryAt(world, '2026-05-05T09:00:00+02:00'), activityId: world.meeting })))).toEqual({
      code: 'acting_for_booking_not_open',
      facts: { back_end: 'Clockodo', project: `service #${world.meeting}` },
    });
    // Nor does changing an entry of theirs onto them tell the names.
    const mine = await call(() => entries.createEntry(entryAt(world, '2026-05-05T09:00:00+02:00')));
    for (const patch of [{ projectId: world.rocket }, { activityId: world.meeting }]) {
      const refusal = await refusalOf(call(() => entries.updateEntry(mine.id, patch)));
      expect(refusal.code).toBe('acting_for_booking_not_open');
      expect(JSON.stringify(refusal.facts)).not.toMatch(/Rocket|Meeting/);
    }
    expect(writes(world.fake).map(line)).toEqual(['POST /api/v2/entries']);
    // The person's maps were read, once each, never the owner's.
    expect(
      world.fake.requests
        .filter((request) => request.path.includes('/access/'))
        .map((request) => request.path)
        .sort(),
    ).toEqual(['/api/v2/users/1/access/customers-projects', '/api/v2/users/1/access/services']);
  });

  it('refuses to resume a booking no longer open to them (the clock does not pass the catalog)', async () => {
    const world = await company();
    const globex = world.fake.state.projects.find((project) => project.id === world.rocket)?.customersId as number;
    world.fake.addEntry({
      usersId: ADA.id,
      customersId: globex,
      projectsId: world.rocket,
      servicesId: world.development,
      timeSince: at('2026-05-05T09:00:00+02:00'),
      timeUntil: at('2026-05-05T10:00:00+02:00'),
    });
    const tracker = await trackerFor(world, ADA);
    expect(await refusalOf(call(() => partOf(tracker.timer).startTimer({ projectId: null, activityId: null, description: '' }, true)))).toEqual({
      code: 'acting_for_booking_not_open',
      facts: { back_end: 'Clockodo', project: `project #${world.rocket}` },
    });
    expect(writes(world.fake)).toEqual([]);
  });
});

describe("the tools are the person's, never the owner's", () => {
  const OWN = ['account', 'calendar', 'catalog', 'entries', 'entries_edit', 'leave', 'leave_cancel', 'reports', 'timer'];
  it.each([
    ['a worker', ADA, OWN],
    // Mia may manage absences generally, and the owner decides everyone's: both decide leave, neither leads a team.
    ['a manager', MIA, [...OWN, 'team_leave'].sort()],
    ['the owner herself', OLGA, [...OWN, 'team_leave'].sort()],
  ])('offers %s, leading nobody, their own time, reports, catalog and leave: no administration, team hours or catalog writes', async (_who, person, tools) => {
    const world = await company();
    const tracker = await trackerFor(world, person);
    await tracker.detectFeatures?.();
    expect([...tracker.capabilities].sort()).toEqual(tools);
    // Whom they lead is read from the owner's lists of teams and users; nobody's entries or absences are.
    expect(world.fake.requests.filter((request) => !namesPerson(request, person))).toEqual([]);
    expect(world.fake.requests.some((request) => request.path.startsWith('/api/v4/absences'))).toBe(false);
  });

  it("refuses, without a request, what the narrowed API does not handle: the owner's administration and catalog writes", async () => {
    const world = await company();
    const tracker = await trackerFor(world, ADA);
    // Warm: the person, the company and their plan are read.
    await call(() => partOf(tracker.account).whoami());
    const before = world.fake.requests.length;
    const refusals = await Promise.all([
      refusalOf(call(() => partOf(tracker.catalog).createCatalogItem?.({ kind: 'customer', name: 'Mine' }) ?? Promise.resolve())),
      refusalOf(call(() => partOf(tracker.adminPeople).people(true, 1))),
    ]);
    expect(refusals.map((refusal) => refusal.code)).toEqual(['clockodo_not_for_others', 'clockodo_not_for_others']);
    expect(world.fake.requests.slice(before)).toEqual([]);
  });
});

describe('a team leader sees the people they lead, and nobody else', () => {
  /** Lea, a worker, leads Development (Ada and Bob); Mia, a manager, leads nobody. Everyone worked on Monday. */
  const LEA: FakeUser = { ...ADA, id: 10, name: 'Lea Lead', email: 'lea@example.com', apiKey: 'key-lea-0123456789abcdef', teamsId: 1 };
  async function teamCompany(): Promise<Company> {
    const world = await company([ADA, BOB, MIA, OLGA, LEA]);
    (world.fake.state.teams.find((team) => team.id === 1) as { leader: number | null }).leader = LEA.id;
    for (const user of [ADA, BOB, MIA, LEA])
      world.fake.addEntry({
        usersId: user.id,
        customersId: world.acme,
        projectsId: world.website,
        servicesId: world.development,
        timeSince: at('2026-05-04T09:00:00+02:00'),
        timeUntil: at('2026-05-04T11:00:00+02:00'),
      });
    return world;
  }
  const week = { from: at('2026-05-04T00:00:00+02:00'), to: at('2026-05-07T00:00:00+02:00'), offset: 0, limit: 25 };

  it('offers a team leader the team hours and project hours, narrowed to her team, each listing naming one of them', async () => {
    const world = await teamCompany();
    const tracker = await trackerFor(world, LEA);
    await tracker.detectFeatures?.();
    // Leading Development, she decides its members' leave too.
    expect([...tracker.capabilities].filter((capability) => capability.startsWith('team_')).sort()).toEqual(['team_hours', 'team_leave', 'team_projects']);
    const page = await call(() => partOf(tracker.teamHours).teamWork(week));
    expect(page.people.map((work) => [work.person.name, work.spans.length])).toEqual([
      ['Ada Worker', 1],
      ['Bob Colleague', 1],
      ['Lea Lead', 1],
    ]);
    const project = await call(() => partOf(tracker.teamProjects).projectWork(world.website));
    expect([...new Set(project.spans.map((span) => span.person))].sort()).toEqual(['Ada Worker', 'Bob Colleague', 'Lea Lead']);
    expect(project.budget).toEqual({ hours: null, money: null, currency: null, monthly: false });
    // Every listing of entries names Lea or one she leads; Mia's are never asked for.
    const listings = world.fake.requests.filter((request) => request.path === '/api/v2/entries');
    expect(new Set(listings.map((request) => queryOf(request).get('filter[users_id]')))).toEqual(new Set(['1', '2', '10']));
  });

  it("refuses a team leader a project's hours where her own access maps do not show it: no name, customer or entries", async () => {
    const world = await teamCompany();
    world.fake.state.access.set(LEA.id, { add: { [world.acme]: true }, report: false, edit: false, services: true });
    const tracker = await trackerFor(world, LEA);
    await tracker.detectFeatures?.();
    const before = world.fake.requests.length;
    const refusal = await refusalOf(call(() => partOf(tracker.teamProjects).projectWork(world.rocket)));
    expect(refusal).toEqual({ code: 'project_not_visible', facts: { project: world.rocket, back_end: 'Clockodo' } });
    expect(world.fake.requests.slice(before).some((request) => request.path === '/api/v2/entries')).toBe(false);
    // Her own project still answers.
    expect((await call(() => partOf(tracker.teamProjects).projectWork(world.website))).project.name).toBe('Website');
  });

  it('refuses the team hours to a person who leads nobody, and lists no entries', async () => {
    const world = await teamCompany();
    const tracker = await trackerFor(world, ADA);
    await tracker.detectFeatures?.();
    expect(await refusalOf(call(() => partOf(tracker.teamHours).teamWork(week)))).toEqual({ code: 'clockodo_leads_nobody', facts: {} });
    expect(world.fake.requests.some((request) => request.path === '/api/v2/entries')).toBe(false);
  });
});

describe('what acting for the person costs once warm', () => {
  /** Requests per call, once the person, the catalog and the access maps are known: log, clock in, clock out, list. */
  async function warmCounts(own: boolean): Promise<Record<string, number>> {
    const world = await company();
    const tracker = await trackerFor(world, ADA, own);
    const timer = partOf(tracker.timer);
    const entries = partOf(tracker.entries);
    const week = { from: at('2026-05-04T00:00:00+02:00'), to: at('2026-05-07T00:00:00+02:00'), limit: 50, offset: 0 };
    await tracker.detectFeatures?.();
    await call(() => entries.createEntry(entryAt(world, '2026-05-04T09:00:00+02:00')));
    await call(() => entries.listEntries(week));
    const counted = async (work: () => Promise<unknown>) => {
      const before = world.fake.requests.length;
      await call(work);
      return world.fake.requests.length - before;
    };
    return {
      log_time: await counted(() => entries.createEntry(entryAt(world, '2026-05-05T09:00:00+02:00'))),
      clock_in: await counted(() => timer.startTimer({ projectId: world.website, activityId: world.development, description: '' }, true)),
      clock_out: await counted(() => timer.stopTimer()),
      list_time_entries: await counted(() => entries.listEntries(week)),
    };
  }

  it("costs the same requests as the person's own key: the person is read once an hour, the access maps with the catalog", async () => {
    const own = await warmCounts(true);
    const acting = await warmCounts(false);
    expect(acting).toEqual(own);
    expect(acting).toEqual({ log_time: 1, clock_in: 1, clock_out: 2, list_time_entries: 1 });
  });
});

describe("the person's absences, for the reports", () => {
  it("reads only the person's absences, named by their id, and refuses an answer with a colleague's", async () => {
    const world = await company();
    const adas = world.fake.addAbsence({ usersId: ADA.id, dateSince: '2026-05-11', dateUntil: '2026-05-12', type: 1, status: 1 });
    world.fake.addAbsence({ usersId: BOB.id, dateSince: '2026-05-11', dateUntil: '2026-05-11', type: 1, status: 1 });
    const tracker = await trackerFor(world, ADA);
    await call(() => partOf(tracker.account).whoami());
    const leave = partOf(tracker.leave);
    const listed = await call(() => leave.listLeave({ from: '2026-05-01', to: '2026-05-31' }));
    expect(listed.map((request) => [request.id, request.person])).toEqual([[adas.id, 'Ada Worker']]);
    const asked = world.fake.requests.filter((request) => request.path === '/api/v4/absences');
    expect(asked.map((request) => queryOf(request).getAll('filter[users_id][]'))).toEqual([['1']]);
    const bobs = { id: 777, users_id: BOB.id, date_since: '2026-05-18', date_until: '2026-05-18', type: 1, status: 1 };
    world.fake.failNext({ method: 'GET', path: '/api/v4/absences' }, { status: 200, body: { data: [bobs] } });
    expect(await refusalOf(call(() => leave.listLeave({ from: '2027-01-01', to: '2027-01-31' })))).toEqual({
      code: 'acting_for_answer_not_the_persons',
      facts: { back_end: 'Clockodo' },
    });
  });
});

describe('the narrowed API itself', () => {
  const narrowed = async (world: Company, person: FakeUser) => (await narrowedApi(opened, world.fake, person, world.clock)).api;
  const range = { time_since: '2026-05-01T00:00:00Z', time_until: '2026-05-31T00:00:00Z' };

  it('refuses every method it does not handle, without a request', async () => {
    const world = await company();
    const api = await narrowed(world, ADA);
    const handled = new Set([
      'pager',
      'close',
      'usersMeAggregate',
      'usersMe',
      'user',
      'clock',
      'startClock',
      'stopClock',
      'entryPage',
      'entry',
      'createEntry',
      'changeEntry',
      'deleteEntry',
      'customersPage',
      'projectsPage',
      'servicesPage',
      'access',
      'serviceAccess',
      'absences',
      'absence',
      'createAbsence',
      'setAbsenceStatus',
      'deleteAbsence',
      'holidaysQuota',
      'holidaysCarry',
      'usersPage',
      'manageableAbsences',
      'decideAbsence',
      'targetHours',
      'nonbusinessDays',
      'userReport',
    ]);
    const others = Object.keys(api).filter((key) => !handled.has(key));
    expect(others.length).toBeGreaterThan(10);
    // Absences naming several people are listed only inside the narrowing, for whom the person reaches.
    expect(others).toContain('absencesOf');
    for (const key of others) {
      const method = (api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[key] as (...args: unknown[]) => Promise<unknown>;
      expect((await refusalOf(method(1, {}, 1))).code, key).toBe('clockodo_not_for_others');
    }
    expect(world.fake.requests).toEqual([]);
  });

  it('refuses a list of entries naming nobody, or someone the person does not lead, and one naming another in a body', async () => {
    const world = await company();
    const api = await narrowed(world, ADA);
    expect((await refusalOf(api.entryPage(range, 1, 50))).code).toBe('clockodo_not_for_others');
    expect((await refusalOf(api.createEntry({ users_id: BOB.id, customers_id: world.acme }))).code).toBe('clockodo_not_for_others');
    expect((await refusalOf(api.access(BOB.id))).code).toBe('clockodo_not_for_others');
    expect((await refusalOf(api.clock(undefined, BOB.id))).code).toBe('clockodo_not_for_others');
    expect(world.fake.requests).toEqual([]);
    // Bob is led by nobody: naming him reads the person and whom she leads, and no entries.
    expect((await refusalOf(api.entryPage({ ...range, 'filter[users_id]': BOB.id }, 1, 50))).code).toBe('clockodo_not_for_others');
    expect(world.fake.requests.map(line).sort()).toEqual(['GET /api/v3/teams', 'GET /api/v3/users', 'GET /api/v3/users/1']);
  });
});

// Clocking in on a train (issue 33): the built server, over stdio, against each remote back end's
// fake behind a relay the test cuts (the port then refuses), hangs (a deadline passes) and restores.
// What the person does meanwhile is kept in the outbox with the moment it happened and sent once the
// back end answers, in order, once: also when two engines share the outbox and one is killed while
// it sends. What happened on the server meanwhile (a timer started on the web, an overlapping entry)
// is not overwritten; the next answer says what was sent and what needs a decision.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type EngineHandle, makeUserDataDir, startEngine, textOf } from '../../support/engine.ts';
import { startNetworkSwitch, type NetworkSwitch } from '../../support/network-switch.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { DEFAULT_KEY as CALAMARI_KEY, SEED as CALAMARI_SEED, seedOrganisation, startFakeCalamari } from '../providers/calamari/fake-calamari.ts';
import { ADA as CLOCKIFY_ADA, addEntry as addClockifyEntry, SEED as CLOCKIFY_SEED, seedWorkspace, startFakeClockify } from '../providers/clockify/fake-clockify.ts';
import { DEFAULT_USERS as CLOCKODO_USERS, type FakeUser as ClockodoUser, seedCompany, startFakeClockodo } from '../providers/clockodo/fake-clockodo.ts';
import { DEFAULT_USERS as KIMAI_USERS, seedCatalog, startFakeKimai, type FakeKimai } from '../providers/kimai/fake-kimai.ts';

const opened = closeAfterEach();

// A Monday morning in Berlin; the engine's clock and the fake's start here and run in real time.
const NOW = '2026-05-04T09:02:00+02:00';
const LATER = '2026-05-04T09:40:00+02:00';

/** What every back end's harness gives a test: the relay, its entries as the fake keeps them, and a timer started "on the web". */
interface Harness {
  service: string;
  network: NetworkSwitch;
  settings: Record<string, unknown>;
  env: Record<string, string>;
  /** The person's entries as the fake holds them: start, end (null while running), project name. */
  entries(): Array<{ start: number; end: number | null; project: string | null }>;
  /** Starts a timer at the back end as its web app would. */
  startOnTheWeb(startMs: number): void;
  project: string;
  activity?: string;
}

async function kimaiHarness(): Promise<Harness> {
  const fake = opened(await startFakeKimai({ now: clockStartingAt(NOW) }));
  seedCatalog(fake);
  const network = opened(await startNetworkSwitch(fake.url));
  const ada = KIMAI_USERS[0] as (typeof KIMAI_USERS)[number];
  const projectName = (fake: FakeKimai, id: number) => fake.state.projects.find((project) => project.id === id)?.name ?? null;
  return {
    service: 'Kimai',
    network,
    settings: { provider: { type: 'kimai', url: network.url } },
    env: { PUNCHCARD_KIMAI_TOKEN: ada.token },
    entries: () =>
      fake.state.timesheets
        .filter((sheet) => sheet.userId === ada.id)
        .map((sheet) => ({ start: sheet.begin, end: sheet.end, project: projectName(fake, sheet.projectId) })),
    startOnTheWeb: (startMs) => {
      const website = fake.state.projects[0] as FakeKimai['state']['projects'][number];
      const activity = fake.state.activities[0] as FakeKimai['state']['activities'][number];
      fake.addTimesheet({ userId: ada.id, projectId: website.id, activityId: activity.id, begin: startMs, end: null });
    },
    project: 'Website',
    activity: 'Design',
  };
}

async function clockodoHarness(): Promise<Harness> {
  const fake = opened(await startFakeClockodo({ now: clockStartingAt(NOW) }));
  const ids = seedCompany(fake);
  const network = opened(await startNetworkSwitch(fake.url));
  const ada = CLOCKODO_USERS[0] as ClockodoUser;
  return {
    service: 'Clockodo',
    network,
    settings: { provider: { type: 'clockodo', email: ada.email, url: `${network.url}/` } },
    env: { PUNCHCARD_CLOCKODO_TOKEN: ada.apiKey },
    entries: () =>
      fake.state.entries
        .filter((entry) => entry.usersId === ada.id && entry.type === 1)
        .map((entry) => ({ start: entry.timeSince, end: entry.timeUntil, project: fake.state.projects.find((project) => project.id === entry.projectsId)?.name ?? null })),
    startOnTheWeb: (startMs) => {
      fake.addEntry({ usersId: ada.id, customersId: ids.customers.acme as number, projectsId: ids.projects.website as number, servicesId: ids.services.meeting as number, timeSince: startMs, timeUntil: null, clocked: true });
    },
    project: 'Website',
    activity: 'Development',
  };
}

async function clockifyHarness(): Promise<Harness> {
  const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW) }));
  seedWorkspace(fake);
  const network = opened(await startNetworkSwitch(fake.url));
  return {
    service: 'Clockify',
    network,
    settings: { provider: { type: 'clockify', url: `${network.url}/api` } },
    env: { PUNCHCARD_CLOCKIFY_TOKEN: CLOCKIFY_ADA.key },
    entries: () =>
      fake.state.entries
        .filter((entry) => entry.userId === CLOCKIFY_ADA.id && entry.type === 'REGULAR')
        .map((entry) => ({ start: entry.start, end: entry.end, project: fake.state.projects.find((project) => project.id === entry.projectId)?.name ?? null })),
    startOnTheWeb: (startMs) => {
      addClockifyEntry(fake, { userId: CLOCKIFY_ADA.id, start: startMs, projectId: CLOCKIFY_SEED.projects.internal, taskId: CLOCKIFY_SEED.tasks.meeting });
    },
    project: 'Website',
    activity: 'Design',
  };
}

async function calamariHarness(): Promise<Harness> {
  const fake = opened(await startFakeCalamari({ now: clockStartingAt(NOW) }));
  seedOrganisation(fake);
  const network = opened(await startNetworkSwitch(fake.url));
  const ada = 1;
  return {
    service: 'Calamari',
    network,
    settings: { provider: { type: 'calamari', url: `${network.url}/api`, email: 'ada@acme.example' } },
    env: { PUNCHCARD_CALAMARI_TOKEN: CALAMARI_KEY },
    entries: () =>
      fake.state.shifts
        .filter((shift) => shift.employeeId === ada)
        .map((shift) => ({ start: shift.started, end: shift.finished, project: fake.state.projects.find((project) => project.id === shift.projectId)?.name ?? null })),
    startOnTheWeb: (startMs) => {
      fake.state.shifts.push({ id: 9_001, employeeId: ada, started: startMs, finished: null, breaks: [], projectId: CALAMARI_SEED.projects.general, description: null });
    },
    project: 'Website relaunch',
  };
}

const HARNESSES: Record<string, () => Promise<Harness>> = { kimai: kimaiHarness, clockodo: clockodoHarness, clockify: clockifyHarness, calamari: calamariHarness };

async function engineFor(harness: Harness, now: string, userDataDir: string): Promise<EngineHandle> {
  return opened(await startEngine({ userDataDir, env: { PUNCHCARD_NOW: now, ...harness.env } }));
}

function dataFolder(harness: Harness): string {
  const dir = makeUserDataDir({ timezone: 'Europe/Berlin', ...harness.settings });
  opened({ close: async () => {} });
  return dir;
}

describe.each(Object.keys(HARNESSES))('the outbox on %s', (name) => {
  it('a clock-in while the port refuses is kept with its time and sent once when the back end answers', async () => {
    const harness = await (HARNESSES[name] as () => Promise<Harness>)();
    const dir = dataFolder(harness);
    const engine = await engineFor(harness, NOW, dir);
    // What the engine knows before the train leaves the station: the catalog and no running timer.
    expect((await engine.call('timer_status')).isError).toBeFalsy();
    expect((await engine.call('list_catalog')).isError).toBeFalsy();
    await harness.network.cut();
    const kept = await engine.call('clock_in', { project: harness.project, ...(harness.activity ? { activity: harness.activity } : {}) });
    expect(kept.isError).toBeFalsy();
    expect(textOf(kept)).toMatch(new RegExp(`^${harness.service} is out of reach; clocked in at 09:0[23] on ${harness.project}.* here, sent as soon as ${harness.service} answers\\.`));
    expect(kept.structuredContent).toMatchObject({ started: { waiting_to_send: true } });
    // The timer runs here, marked as waiting; the read says it is what was last known.
    const status = await engine.call('timer_status');
    expect(status.structuredContent).toMatchObject({ running: { project: harness.project, waiting_to_send: true } });
    expect(textOf(status)).toMatch(new RegExp(`${harness.service} is out of reach \\(connection refused\\): this is what Punchcard last knew of it`));
    expect(harness.entries()).toEqual([]);
    await engine.close();

    // Back up 38 minutes later: the next call sends it first, and says so.
    await harness.network.restore();
    const later = await engineFor(harness, LATER, dir);
    const after = await later.call('timer_status');
    expect(textOf(after)).toMatch(new RegExp(`Sent to ${harness.service} from the outbox \\(kept while it was out of reach\\): Clocked in at 09:0[23] on ${harness.project}`));
    expect(after.structuredContent).toMatchObject({ running: { project: harness.project } });
    expect(after.structuredContent?.running).not.toHaveProperty('waiting_to_send');
    const entries = harness.entries();
    expect(entries).toHaveLength(1);
    expect(Math.abs((entries[0]?.start ?? 0) - Date.parse(NOW))).toBeLessThan(90_000);
    expect(entries[0]?.end).toBeNull();
    // Told once.
    expect(textOf(await later.call('timer_status'))).not.toMatch(/outbox/);
  });
});

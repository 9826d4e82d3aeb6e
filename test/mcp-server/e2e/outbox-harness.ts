// What the outbox tests share (outbox.test.ts in process, outbox-processes.test.ts on the built server):
// each remote back end's fake behind a relay the test cuts, hangs and restores, and the moments the
// engines start at.
import { makeUserDataDir } from '../../support/engine.ts';
import type { closeAfterEach } from '../../support/close-after-each.ts';
import { startNetworkSwitch, type NetworkSwitch } from '../../support/network-switch.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { DEFAULT_KEY as CALAMARI_KEY, SEED as CALAMARI_SEED, seedOrganisation, startFakeCalamari } from '../providers/calamari/fake-calamari.ts';
import {
  ADA as CLOCKIFY_ADA,
  addEntry as addClockifyEntry,
  SEED as CLOCKIFY_SEED,
  seedWorkspace,
  startFakeClockify,
} from '../providers/clockify/fake-clockify.ts';
import { DEFAULT_USERS as CLOCKODO_USERS, type FakeUser as ClockodoUser, seedCompany, startFakeClockodo } from '../providers/clockodo/fake-clockodo.ts';
import { DEFAULT_USERS as KIMAI_USERS, seedCatalog, startFakeKimai, type FakeKimai } from '../providers/kimai/fake-kimai.ts';

type Opened = ReturnType<typeof closeAfterEach>;

/**
 * The relay, its cut noticed before the next call: an engine in this test process
 * (test/support/engine.ts, startInProcessEngine) shares the event loop, so its kept-alive connections learn of
 * the drop only when the loop next polls the sockets. The relay closed its ends already (on loopback
 * the end reaches the engine's side at once); two turns of the loop, each of which polls, let the
 * engine's side read it, so the next request finds the port closed, as these tests mean (a
 * connection dropped in the middle of a request is test/mcp-server/providers/outbox/outbox-tracker.test.ts's
 * case). A child learns of it while the test's next call travels over stdio.
 */
export function noticedCut(network: NetworkSwitch): NetworkSwitch {
  return {
    ...network,
    cut: async () => {
      await network.cut();
      for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

// A Monday morning in Berlin: the engine that loses the network starts at NOW, the one that finds it
// back at LATER, and the back ends live at LATER (a timer started there on the web at 09:20 is past).
export const NOW = '2026-05-04T09:02:00+02:00';
export const LATER = '2026-05-04T09:40:00+02:00';

/** What every back end's harness gives a test: the relay, its entries as the fake keeps them, and a timer started "on the web". */
export interface Harness {
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
  /** The first line of the request that starts a timer. */
  clockInRequest: RegExp;
}

async function kimaiHarness(opened: Opened): Promise<Harness> {
  const fake = opened(await startFakeKimai({ now: clockStartingAt(LATER) }));
  seedCatalog(fake);
  const network = noticedCut(opened(await startNetworkSwitch(fake.url)));
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
    clockInRequest: /^POST \/api\/timesheets[ ?]/,
  };
}

async function clockodoHarness(opened: Opened): Promise<Harness> {
  const fake = opened(await startFakeClockodo({ now: clockStartingAt(LATER) }));
  const ids = seedCompany(fake);
  const network = noticedCut(opened(await startNetworkSwitch(fake.url)));
  const ada = CLOCKODO_USERS[0] as ClockodoUser;
  return {
    service: 'Clockodo',
    network,
    settings: { provider: { type: 'clockodo', email: ada.email, url: `${network.url}/` } },
    env: { PUNCHCARD_CLOCKODO_TOKEN: ada.apiKey },
    entries: () =>
      fake.state.entries
        .filter((entry) => entry.usersId === ada.id && entry.type === 1)
        .map((entry) => ({
          start: entry.timeSince,
          end: entry.timeUntil,
          project: fake.state.projects.find((project) => project.id === entry.projectsId)?.name ?? null,
        })),
    startOnTheWeb: (startMs) => {
      fake.addEntry({
        usersId: ada.id,
        customersId: ids.customers.acme as number,
        projectsId: ids.projects.website as number,
        servicesId: ids.services.meeting as number,
        timeSince: startMs,
        timeUntil: null,
        clocked: true,
      });
    },
    project: 'Website',
    activity: 'Development',
    clockInRequest: /^POST \/api\/v2\/clock/,
  };
}

async function clockifyHarness(opened: Opened): Promise<Harness> {
  const fake = opened(await startFakeClockify({ now: clockStartingAt(LATER) }));
  seedWorkspace(fake);
  const network = noticedCut(opened(await startNetworkSwitch(fake.url)));
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
    clockInRequest: /^POST \S*\/time-entries/,
  };
}

async function calamariHarness(opened: Opened): Promise<Harness> {
  // Two engines that send what they kept at once, while the test calls both, can pass the lower
  // published ten requests a second in one second (a 429 then fails a call that is not about limits):
  // the organisation here has the higher set Calamari also publishes (fake-calamari-limits.ts).
  const fake = opened(await startFakeCalamari({ now: clockStartingAt(LATER), limits: { perSecond: 20, perHour: 1_500, perDay: 10_000 } }));
  seedOrganisation(fake);
  const network = noticedCut(opened(await startNetworkSwitch(fake.url)));
  const ada = 1;
  return {
    service: 'Calamari',
    network,
    settings: { provider: { type: 'calamari', url: `${network.url}/api`, email: 'ada@acme.example' } },
    env: { PUNCHCARD_CALAMARI_TOKEN: CALAMARI_KEY },
    entries: () =>
      fake.state.shifts
        .filter((shift) => shift.employeeId === ada)
        .map((shift) => ({
          start: shift.started,
          end: shift.finished,
          project: fake.state.projects.find((project) => project.id === shift.projectId)?.name ?? null,
        })),
    startOnTheWeb: (startMs) => {
      fake.state.shifts.push({
        id: 9_001,
        employeeId: ada,
        started: startMs,
        finished: null,
        breaks: [],
        projectId: CALAMARI_SEED.projects.general,
        description: null,
      });
    },
    project: 'Website relaunch',
    clockInRequest: /^POST \S*\/terminal\/v1\/clock-in/,
  };
}

/** Each back end's harness; what it opens is closed after the test through `opened` (test/support/close-after-each.ts). */
export function outboxHarnesses(opened: Opened): Record<string, () => Promise<Harness>> {
  const kimai = () => kimaiHarness(opened);
  const clockodo = () => clockodoHarness(opened);
  const clockify = () => clockifyHarness(opened);
  const calamari = () => calamariHarness(opened);
  return { kimai, clockodo, clockify, calamari };
}

/** A request's deadline short enough for a test to wait out (PUNCHCARD_<BACK END>_TIMEOUT_MS). */
export function shortDeadline(harness: Harness): Record<string, string> {
  // Short enough that a back end that hangs is given up on quickly, long enough that a loaded CI
  // machine answers the calls before the cut within it (1 s once timed out the first clock-in).
  return { [`PUNCHCARD_${harness.service.toUpperCase()}_TIMEOUT_MS`]: '3000' };
}

export const at = (time: string) => Date.parse(`2026-05-04T${time}:00+02:00`);

export async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function dataFolder(harness: Harness, opened: Opened): string {
  const dir = makeUserDataDir({ timezone: 'Europe/Berlin', ...harness.settings });
  opened({ close: async () => {} });
  return dir;
}

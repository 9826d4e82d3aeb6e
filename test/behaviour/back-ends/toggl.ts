// Toggl Track's fake (test/mcp-server/providers/toggl/fake-toggl.ts) holding the world: Ada a member of the Starter
// workspace Acme (her default) with her own API token, Bob its admin. Toggl's activities are a project's tasks, so
// Development is a task of Website and of Internal; its customers are clients; Legacy is archived. Toggl's API has no
// time off, so Bob's leave is nowhere, and no team: a member sees nobody's time but their own. The fake counts Toggl's
// hourly quotas as an organisation whose plan sets them high (an Enterprise plan's are its own): the suite's scenarios
// make more calls in a minute than a Free plan allows an hour; the quotas are the back end's own tests'.
import type { Capability } from '../../../mcp-server/contract/vocabulary.ts';
import {
  ADA_TOKEN,
  addEntry,
  type FakeToggl,
  optionalAnswer,
  SEED,
  seedCatalog,
  seedWorld,
  startFakeToggl,
} from '../../mcp-server/providers/toggl/fake-toggl.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { type BehaviourBackEnd, NOW, remoteWorld, scriptOptional, startEngineOver, type StoredEntry, utc, WORLD } from '../harness.ts';

const CAPABILITIES: ReadonlySet<Capability> = new Set(['account', 'timer', 'entries', 'entries_edit', 'reports', 'catalog', 'calendar']);

function seed(fake: FakeToggl): void {
  seedWorld(fake);
  const ids = seedCatalog(fake, {
    customer: WORLD.customer,
    projects: [{ name: WORLD.website }, { name: WORLD.internal }, { name: WORLD.archived, active: false }],
    task: WORLD.activity,
  });
  addEntry(fake, {
    userId: SEED.users.bob,
    start: Date.parse(WORLD.colleagueEntry.start),
    stop: Date.parse(WORLD.colleagueEntry.end),
    projectId: ids[WORLD.website] ?? null,
    taskId: ids[`${WORLD.website}/${WORLD.activity}`] ?? null,
  });
}

function entriesOf(fake: FakeToggl): StoredEntry[] {
  const project = (id: number | null) => fake.state.projects.find((item) => item.id === id)?.name ?? null;
  return fake.state.entries
    .filter((entry) => entry.userId === SEED.users.ada && entry.workspaceId === SEED.workspaces.acme && entry.deletedAt === null)
    .sort((a, b) => a.start - b.start)
    .map((entry) => ({
      start: utc(entry.start),
      end: entry.stop === null ? null : utc(entry.stop),
      project: project(entry.projectId),
      description: entry.description,
    }));
}

/** Every request but a GET asks Toggl for a change. */
const isWrite = (request: { method: string }) => request.method !== 'GET';

const toggl: BehaviourBackEnd = {
  name: 'Toggl Track',
  capabilities: CAPABILITIES,
  catalog: { customers: true, activities: 'per_project', listsArchived: true },
  // Toggl's ids are numbers, but a person's token reads only their own entries (/me/time_entries/{id}): Bob's is no
  // entry at all to Ada's token, refused as missing "(or it is not yours)", never as his (the back end's own tests).
  namesColleagueEntries: false,
  agentLabel: 'tag',
  // docs/back-ends/toggl.md, "Optional reads".
  optionalReads: [
    { name: "the workspace's lock of older entries", request: { method: 'GET', path: /^\/api\/v9\/workspaces\/\d+\/preferences$/ }, met: 'calls' },
    { name: "the workspace's tasks", request: { method: 'GET', path: /^\/api\/v9\/workspaces\/\d+\/tasks$/ }, met: 'calls', bookingWithout: 'activity' },
  ],
  async start(options = {}) {
    const fake = await startFakeToggl({ now: clockStartingAt(NOW), quotas: { user: 100_000, organisation: 100_000 } });
    seed(fake);
    const scripted = scriptOptional(fake, options, { type: 'toggl', optionalAnswer, capabilities: CAPABILITIES });
    const engine = await startEngineOver(fake, {
      provider: { type: 'toggl', url: fake.url },
      // The suite's fake counts no second: Toggl's pace of about one a second is the back end's own tests'.
      env: { PUNCHCARD_TOGGL_TOKEN: ADA_TOKEN, PUNCHCARD_TOGGL_PER_SECOND: '1000', ...scripted.env },
      ...(options.settings ? { settings: options.settings } : {}),
      ...(scripted.capabilities ? { capabilities: scripted.capabilities } : {}),
    });
    return remoteWorld({ fake, engine, isWrite, entries: () => entriesOf(fake), colleagueEntryId: null });
  },
};

export default toggl;

// Clockify's fake (test/mcp-server/providers/clockify/fake-clockify.ts) holding the world: Ada a regular
// member of the workspace Acme (a plan with time off and approvals) with her own API key, Bob its admin.
// Clockify's activities are a project's tasks, so Development is a task of Website and of Internal; its
// customers are clients; Legacy is archived. The workspace's people, policies and holidays are the fake's
// own seeding. Asked for, Acme's fields are the workspace's custom fields (seedFields). Under the organisation's
// credential (startOrganisation), the key is Bob's, the workspace admin's, and Secret a private project of his.
import type { Capability } from '../../../mcp-server/contract/vocabulary.ts';
import { ADA, addEntry, BOB_KEY, type FakeClockify, newId, SEED, seedWorkspace, startFakeClockify } from '../../mcp-server/providers/clockify/fake-clockify.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import {
  type BehaviourBackEnd,
  FIELDS,
  NOW,
  ORGANISATION,
  remoteWorld,
  startActingEngineOver,
  startEngineOver,
  type StoredEntry,
  utc,
  WORLD,
} from '../harness.ts';

const CAPABILITIES: ReadonlySet<Capability> = new Set([
  'account',
  'timer',
  'entries',
  'entries_edit',
  'reports',
  'catalog',
  'leave',
  'leave_cancel',
  'calendar',
  'approvals',
]);

function seed(fake: FakeClockify): void {
  const { state } = fake;
  // The workspace's people, policies and holidays as the fake seeds them; the world's catalog instead of its own.
  seedWorkspace(fake);
  const workspaceId = SEED.workspaces.acme;
  const acme = newId(0x63);
  const [website, internal, legacy] = [newId(0x70), newId(0x70), newId(0x70)];
  state.clients.splice(0, state.clients.length, { id: acme, workspaceId, name: WORLD.customer, archived: false });
  const project = (id: string, name: string, archived = false) => ({
    id,
    workspaceId,
    name,
    clientId: acme,
    archived,
    billable: true,
    public: true,
    memberIds: [],
  });
  state.projects.splice(0, state.projects.length, project(website, WORLD.website), project(internal, WORLD.internal), project(legacy, WORLD.archived, true));
  const task = (projectId: string) => ({ id: newId(0x74), projectId, name: WORLD.activity, status: 'ACTIVE' as const, billable: true });
  const development = task(website);
  state.tasks.splice(0, state.tasks.length, development, task(internal));
  addEntry(fake, {
    userId: SEED.users.bob,
    start: Date.parse(WORLD.colleagueEntry.start),
    end: Date.parse(WORLD.colleagueEntry.end),
    projectId: website,
    taskId: development.id,
  });
}

function entriesOf(fake: FakeClockify): StoredEntry[] {
  const project = (id: string | null) => fake.state.projects.find((item) => item.id === id)?.name ?? null;
  return fake.state.entries
    .filter((entry) => entry.userId === ADA.id && entry.workspaceId === ADA.workspace && entry.type === 'REGULAR')
    .sort((a, b) => a.start - b.start)
    .map((entry) => ({
      start: utc(entry.start),
      end: entry.end === null ? null : utc(entry.end),
      project: project(entry.projectId),
      description: entry.description,
    }));
}

/**
 * Acme's fields (FIELDS) as the workspace's custom fields of time entries (docs/back-ends/clockify.md, "Custom
 * fields"), named as a person reads them: the Ticket required, invisible in the workspace and shown on Website alone
 * (so only Website's entries need it); the Cost centre a dropdown every entry may carry.
 */
function seedFields(fake: FakeClockify): void {
  const workspaceId = SEED.workspaces.acme;
  const website = fake.state.projects.find((project) => project.name === WORLD.website);
  if (!website) throw new Error('The world has no Website to ask the ticket on.');
  fake.state.customFields.push(
    {
      id: newId(0x66),
      workspaceId,
      name: FIELDS.ticket,
      type: 'TXT',
      required: true,
      status: 'INVISIBLE',
      projectSettings: [{ projectId: website.id, status: 'VISIBLE' }],
    },
    { id: newId(0x66), workspaceId, name: FIELDS.costCentre, type: 'DROPDOWN_SINGLE', allowedValues: [...FIELDS.choices], required: false, status: 'VISIBLE' },
  );
}

/** The custom fields of Ada's entries by their names, oldest first. */
function fieldsOf(fake: FakeClockify): Array<Record<string, string>> {
  const name = (id: string) => fake.state.customFields.find((field) => field.id === id)?.name ?? id;
  return fake.state.entries
    .filter((entry) => entry.userId === ADA.id && entry.workspaceId === ADA.workspace && entry.type === 'REGULAR')
    .sort((a, b) => a.start - b.start)
    .map((entry) => Object.fromEntries(Object.entries(entry.customFieldValues ?? {}).map(([id, value]) => [name(id), String(value)])));
}

/** Clockify's searches sent as POST (time off, members, invoices) read only; every other request but a GET asks for a change. */
const SEARCH = /\/(time-off\/requests|users\/info|invoices\/info)$/;

/** What asks Clockify for a change: any request but a GET and a search (SEARCH). */
const isWrite = (request: { method: string; path: string }) => request.method !== 'GET' && !(request.method === 'POST' && SEARCH.test(request.path));

/**
 * The organisation's world: Bob's key, a workspace admin's on a paid plan, acting for Ada in Acme, and Secret, a
 * private project of Acme's whose one member is Bob.
 */
async function startOrganisation() {
  const fake = await startFakeClockify({ now: clockStartingAt(NOW) });
  seed(fake);
  const acme = fake.state.clients.find((client) => client.name === WORLD.customer);
  fake.state.projects.push({
    id: newId(0x70),
    workspaceId: SEED.workspaces.acme,
    name: ORGANISATION.closed,
    clientId: acme?.id ?? null,
    archived: false,
    billable: true,
    public: false,
    memberIds: [SEED.users.bob],
  });
  const engine = await startActingEngineOver(fake, {
    provider: { type: 'clockify', url: `${fake.url}/api`, workspace: 'Acme' },
    key: BOB_KEY,
    actingFor: ADA.id,
    capabilities: CAPABILITIES,
  });
  // Clockify's ids are not numbers: the engine numbers an entry once it has listed it, and it never lists Bob's.
  return remoteWorld({ fake, engine, isWrite, entries: () => entriesOf(fake), colleagueEntryId: null });
}

const clockify: BehaviourBackEnd = {
  name: 'Clockify',
  capabilities: CAPABILITIES,
  catalog: { customers: true, activities: 'per_project', listsArchived: true },
  namesColleagueEntries: false,
  agentLabel: 'tag',
  fields: { ticket: FIELDS.ticket, costCentre: FIELDS.costCentre },
  // What Ada's own member key is offered is what an admin's key acting for her is (docs/back-ends/clockify.md, "Acting for others").
  organisation: { pinned: true, capabilities: CAPABILITIES, start: startOrganisation },
  async start(options = {}) {
    const fake = await startFakeClockify({ now: clockStartingAt(NOW) });
    seed(fake);
    if (options.fields) seedFields(fake);
    const engine = await startEngineOver(fake, {
      provider: { type: 'clockify', url: `${fake.url}/api` },
      env: { PUNCHCARD_CLOCKIFY_TOKEN: ADA.key },
      ...(options.settings ? { settings: options.settings } : {}),
      capabilities: CAPABILITIES,
    });
    const world = remoteWorld({
      fake,
      engine,
      isWrite,
      entries: () => entriesOf(fake),
      // Clockify's ids are not numbers: the engine numbers an entry once it has listed it, and it never lists Bob's.
      colleagueEntryId: null,
    });
    return { ...world, entryFields: () => fieldsOf(fake) };
  },
};

export default clockify;

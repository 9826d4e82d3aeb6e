// Harvest's fake (test/mcp-server/providers/harvest/fake-harvest.ts) holding the world: Ada a member of the Harvest
// account Acme with her own Personal Access Token, assigned to Website and Internal with the task Development on each,
// and Legacy archived (so among no one's assignments). Acme tracks start and end times here (the company's
// wants_timestamp_timers), where entries keep their times as the suite books them; a duration account, which keeps
// hours on a day only, is Harvest's own tests' (test/mcp-server/e2e/harvest-*.test.ts). Harvest keeps no leave, no
// approvals through its API, no custom fields and no breaks: the suite says so where a capability is missing. Harvest
// has no organisation account: each person connects their own token, so there is no organisation's world; and
// Punchcard shows nobody's time but the person's, so no team's world either.
import type { Capability } from '../../../mcp-server/contract/vocabulary.ts';
import { ACME, ADA_TOKEN, addEntry, addProject, type FakeHarvest, startFakeHarvest } from '../../mcp-server/providers/harvest/fake-harvest.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { type BehaviourBackEnd, NOW, remoteWorld, startEngineOver, type StoredEntry, utc, WORLD } from '../harness.ts';

const CAPABILITIES: ReadonlySet<Capability> = new Set(['account', 'timer', 'entries', 'entries_edit', 'reports', 'catalog']);
const ADA = 1_001;
const BOB = 1_002;

function seed(fake: FakeHarvest): number {
  const account = fake.state.accounts.find((candidate) => candidate.id === ACME);
  if (account) Object.assign(account, { wants_timestamp_timers: true });
  const website = addProject(fake, { name: WORLD.website, client: WORLD.customer, tasks: [WORLD.activity], users: [ADA, BOB] });
  addProject(fake, { name: WORLD.internal, client: WORLD.customer, tasks: [WORLD.activity], users: [ADA, BOB] });
  addProject(fake, { name: WORLD.archived, client: WORLD.customer, tasks: [WORLD.activity], users: [ADA, BOB], isActive: false });
  const task = fake.state.tasks.find((candidate) => candidate.name === WORLD.activity);
  const bobs = addEntry(fake, {
    userId: BOB,
    projectId: website.id,
    taskId: task?.id ?? 0,
    start: Date.parse(WORLD.colleagueEntry.start),
    end: Date.parse(WORLD.colleagueEntry.end),
  });
  return bobs.id;
}

function entriesOf(fake: FakeHarvest): StoredEntry[] {
  const project = (id: number) => fake.state.projects.find((candidate) => candidate.id === id)?.name ?? null;
  const instant = (date: string, time: string | null) => (time === null ? null : utc(Date.parse(zoned(date, time))));
  return fake.state.entries
    .filter((entry) => entry.userId === ADA)
    .map((entry) => ({
      start: instant(entry.spentDate, entry.startedTime) ?? `${entry.spentDate}`,
      end: entry.timerStartedAt !== null ? null : instant(entry.spentDate, entry.endedTime),
      project: project(entry.projectId),
      description: entry.notes ?? '',
    }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

/** A wall-clock time of Berlin as an instant's text (the world's zone is Ada's Harvest zone). */
function zoned(date: string, time: string): string {
  const probe = new Date(`${date}T${time}:00Z`);
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: WORLD.zone, timeZoneName: 'longOffset' })
    .formatToParts(probe)
    .find((part) => part.type === 'timeZoneName')
    ?.value.replace('GMT', '');
  return `${date}T${time}:00${offset || '+00:00'}`;
}

const isWrite = (request: { method: string; path: string }) => request.method !== 'GET';

const harvest: BehaviourBackEnd = {
  name: 'Harvest',
  capabilities: CAPABILITIES,
  catalog: { customers: true, activities: 'per_project', listsArchived: false },
  namesColleagueEntries: true,
  agentLabel: 'description_prefix',
  async start(options = {}) {
    const fake = await startFakeHarvest({ now: clockStartingAt(NOW) });
    const colleagueEntryId = seed(fake);
    const engine = await startEngineOver(fake, {
      provider: { type: 'harvest', url: fake.url, account_id: String(ACME) },
      env: { PUNCHCARD_HARVEST_TOKEN: ADA_TOKEN },
      ...(options.settings ? { settings: options.settings } : {}),
      capabilities: CAPABILITIES,
    });
    return remoteWorld({ fake, engine, isWrite, entries: () => entriesOf(fake), colleagueEntryId });
  },
};

export default harvest;

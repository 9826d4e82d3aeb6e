// Harvest's roles for the lead's and administrator's tests (test/mcp-server/e2e/harvest-team.test.ts,
// harvest-admin.test.ts): the fake Harvest on Acme with Ada a member, Bob its administrator, Lea a manager whose
// teammates are Ada and Max, and Max a manager of the Website project with no teammates; an engine in process for any
// of them with the groups a file switches on. The role is learned as Punchcard learns it, from the person's own
// profile and assignments once a group it decides is on (the background check), never assumed.
import { expect } from 'vitest';
import { type Answer, offeredOf } from './admin-engine.ts';
import { closeAfterEach } from './close-after-each.ts';
import { type EngineHandle, type InProcessEngineHandle, makeUserDataDir, startEngine, startInProcessEngine } from './engine.ts';
import { clockStartingAt } from './fake-clock.ts';
import {
  ACME,
  ADA_TOKEN,
  addEntry,
  addProject,
  addTeammates,
  BOB_TOKEN,
  type FakeHarvest,
  startFakeHarvest,
} from '../mcp-server/providers/harvest/fake-harvest.ts';

/** Wednesday 18 November 2026, ten in the morning in Berlin. */
export const HARVEST_NOW = '2026-11-18T10:00:00+01:00';
export const ADA = 1_001;
export const BOB = 1_002;
export const LEA = 1_003;
export const MAX = 1_004;
export const LEA_TOKEN = 'pat-lea-0123456789abcdef';
export const MAX_TOKEN = 'pat-max-0123456789abcdef';
export const TOKENS: Readonly<Record<number, string>> = { [ADA]: ADA_TOKEN, [BOB]: BOB_TOKEN, [LEA]: LEA_TOKEN, [MAX]: MAX_TOKEN };

export interface HarvestCompany {
  fake: FakeHarvest;
  website: number;
  internal: number;
  development: number;
}

const at = (iso: string) => Date.parse(iso);

/** Call once at a file's top: `company()` starts the fake with the four people, `connect()` one's engine. */
export function harvestRoles(groups: Record<string, boolean>, enabled: Record<string, boolean> = {}) {
  const opened = closeAfterEach();

  async function company(options: Parameters<typeof startFakeHarvest>[0] = {}): Promise<HarvestCompany> {
    const fake = opened(await startFakeHarvest({ now: clockStartingAt(HARVEST_NOW), ...options }));
    const person = (id: number, first: string, last: string, roles: string[], capacity: number) => ({
      id,
      first_name: first,
      last_name: last,
      email: `${first.toLowerCase()}@example.com`,
      timezone: 'Berlin',
      zone: 'Europe/Berlin',
      weekly_capacity: capacity,
      access_roles: roles,
      token: TOKENS[id] as string,
      accounts: [ACME],
    });
    fake.state.users.push(person(LEA, 'Lea', 'Lead', ['manager'], 144_000), person(MAX, 'Max', 'Manager', ['manager'], 72_000));
    addTeammates(fake, LEA, [ADA, MAX]);
    const website = addProject(fake, { name: 'Website', client: 'Acme', tasks: ['Development'], users: [ADA, BOB, MAX], managers: [MAX] });
    const internal = addProject(fake, { name: 'Internal', client: 'Acme', tasks: ['Development'], users: [ADA, BOB, LEA, MAX] });
    const development = fake.state.tasks.find((task) => task.name === 'Development')?.id as number;
    const entry = (userId: number, projectId: number, start: string, hours: number) =>
      addEntry(fake, { userId, projectId, taskId: development, start: at(start), end: at(start) + hours * 3_600_000 });
    entry(ADA, website.id, '2026-11-16T09:00:00+01:00', 8);
    entry(BOB, website.id, '2026-11-17T09:00:00+01:00', 2);
    entry(LEA, internal.id, '2026-11-16T09:00:00+01:00', 3);
    entry(MAX, internal.id, '2026-11-17T13:00:00+01:00', 1);
    return { fake, website: website.id, internal: internal.id, development };
  }

  /**
   * The person's engine with the file's groups on; `offers` waits until the file's `tools` it offers are these;
   * `elicitation` answers its questions; `listChanged` hears each tools/list_changed.
   */
  async function connect(
    fake: FakeHarvest,
    userId: number,
    offers?: { tools: readonly string[]; offered: readonly string[] },
    elicitation?: Answer,
    listChanged?: () => void,
  ): Promise<InProcessEngineHandle> {
    const engine = opened(
      await startInProcessEngine({
        userDataDir: userDataOf(fake),
        env: envOf(userId),
        ...(elicitation ? { elicitation } : {}),
        ...(listChanged ? { listChanged } : {}),
      }),
    );
    if (offers) await offering(engine, offers);
    return engine;
  }

  /** As connect, through the built server (dist/, `npm run build`) spawned over stdio. */
  async function connectBuilt(fake: FakeHarvest, userId: number, offers: { tools: readonly string[]; offered: readonly string[] }): Promise<EngineHandle> {
    const engine = opened(await startEngine({ userDataDir: userDataOf(fake), env: envOf(userId) }));
    await offering(engine, offers);
    return engine;
  }

  const userDataOf = (fake: FakeHarvest) =>
    makeUserDataDir({
      provider: { type: 'harvest', url: fake.url, account_id: String(ACME) },
      timezone: 'Europe/Berlin',
      tools: { groups, enabled },
    });
  const envOf = (userId: number) => ({ PUNCHCARD_NOW: HARVEST_NOW, PUNCHCARD_HARVEST_TOKEN: TOKENS[userId] as string });
  const offering = (engine: InProcessEngineHandle | EngineHandle, offers: { tools: readonly string[]; offered: readonly string[] }) =>
    expect.poll(async () => (await offeredOf(engine as InProcessEngineHandle, offers.tools)).sort(), { timeout: 10_000 }).toEqual([...offers.offered].sort());

  return { opened, company, connect, connectBuilt };
}

/** The requests of one token, as the fake recorded them. */
export const requestsOf = (fake: FakeHarvest, userId: number) =>
  fake.requests.filter((request) => request.credential?.includes(TOKENS[userId] as string) === true);

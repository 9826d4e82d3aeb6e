// record_agent_time on each remote back end's fake, through the engine in process: the label as the
// back end keeps it (a tag on Kimai and Clockify, made once; a description prefix on Clockodo and
// Calamari, for clients whose names differ in one letter), and a resumed timer that never takes it.
// The entry read back as the agent's, the description as it was given, the time left out of the
// person's hours and the prefix in Clockodo's and Calamari's stored text are the behaviour suite's
// (test/behaviour/agent-time.test.ts).
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type InProcessEngineHandle, makeUserDataDir, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockodoFacts, clockodoFactsKey } from '../../../mcp-server/providers/clockodo/facts.ts';
import { clockStartingAt, DEFAULT_USERS as KIMAI_USERS, type FakeUser, seedCatalog, startFakeKimai } from '../providers/kimai/fake-kimai.ts';
import { DEFAULT_USERS as CLOCKODO_USERS, seedCompany, startFakeClockodo } from '../providers/clockodo/fake-clockodo.ts';
import { DEFAULT_KEY as CALAMARI_KEY, seedOrganisation, startFakeCalamari } from '../providers/calamari/fake-calamari.ts';
import { ADA as CLOCKIFY_ADA, seedWorkspace, startFakeClockify } from '../providers/clockify/fake-clockify.ts';

const NOW = '2026-11-18T15:00:00+01:00';
const AGENTS_ON = { timezone: 'Europe/Berlin', tools: { groups: { agents: true }, enabled: { update_time_entry: true } } };
/** The in-process engine's client calls itself punchcard-tests (test/support/engine.ts). */
const AGENT = 'punchcard-tests';
const WORK = { start: 'yesterday 09:00', end: 'yesterday 10:30', description: 'Ran the test suite', project: 'Website', activity: 'Meeting' };
/** The agent's work where it is booked without the activity (Clockify, Calamari). */
const { activity: _none, ...WORK_WITHOUT_ACTIVITY } = WORK;

const opened = closeAfterEach();

async function engineOver(
  provider: Record<string, unknown>,
  env: Record<string, string>,
  prepare?: (dir: string) => void,
  clientName?: string,
): Promise<InProcessEngineHandle> {
  const userDataDir = makeUserDataDir({ ...AGENTS_ON, provider });
  prepare?.(userDataDir);
  return opened(await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, ...env }, ...(clientName === undefined ? {} : { clientName }) }));
}

/** Opens an engine over a back end's fake, as the client `clientName` where given. */
type EngineOpener = (clientName?: string) => Promise<InProcessEngineHandle>;

/** The fake Kimai with its catalog, and the opener of engines over it as Ada. */
async function kimai() {
  const fake = opened(await startFakeKimai({ now: clockStartingAt(NOW) }));
  seedCatalog(fake);
  const ada = KIMAI_USERS[0] as FakeUser;
  const open: EngineOpener = (clientName) => engineOver({ type: 'kimai', url: `${fake.url}/` }, { PUNCHCARD_KIMAI_TOKEN: ada.token }, undefined, clientName);
  return { fake, open };
}

/** The fake Clockodo with its company, and the opener of engines over it as Mia, a manager whose facts are stored already. */
async function clockodo() {
  const fake = opened(await startFakeClockodo({ now: clockStartingAt(NOW) }));
  seedCompany(fake);
  const mia = CLOCKODO_USERS[2] as (typeof CLOCKODO_USERS)[number];
  const facts = (dir: string) =>
    clockodoFacts.write(
      dir,
      clockodoFactsKey({ email: mia.email, url: fake.url }),
      { userId: mia.id, role: 'manager', absences: true, checkedAt: NOW },
      () => {},
    );
  const open: EngineOpener = (clientName) =>
    engineOver({ type: 'clockodo', email: mia.email, url: fake.url }, { PUNCHCARD_CLOCKODO_TOKEN: mia.apiKey }, facts, clientName);
  return { fake, open };
}

/** The fake Clockify with its workspace, and the opener of engines over it as Ada. */
async function clockify() {
  const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW) }));
  seedWorkspace(fake);
  const open: EngineOpener = (clientName) =>
    engineOver({ type: 'clockify', url: fake.url }, { PUNCHCARD_CLOCKIFY_TOKEN: CLOCKIFY_ADA.key }, undefined, clientName);
  return { fake, open };
}

/** The fake Calamari with its organisation, and the opener of engines over it as Ada. */
async function calamari() {
  const fake = opened(await startFakeCalamari({ now: clockStartingAt(NOW) }));
  seedOrganisation(fake);
  const open: EngineOpener = (clientName) =>
    engineOver({ type: 'calamari', url: fake.url, email: 'ada@acme.example' }, { PUNCHCARD_CALAMARI_TOKEN: CALAMARI_KEY }, undefined, clientName);
  return { fake, open };
}

/** Records the agent's time, and answers the entry's number. */
async function recordAgent(engine: InProcessEngineHandle, agentWork: Record<string, unknown> = WORK): Promise<number> {
  const recorded = await engine.call('record_agent_time', agentWork);
  expect(recorded.isError, textOf(recorded)).toBeFalsy();
  return (recorded.structuredContent as { entry: { id: number } }).entry.id;
}

describe("an AI agent's own time on each back end", () => {
  it('Kimai: the tag ai-<agent> on the timesheet', async () => {
    const { fake, open } = await kimai();
    const id = await recordAgent(await open());
    expect(fake.state.timesheets.find((sheet) => sheet.id === id)).toMatchObject({ tags: [`ai-${AGENT}`], description: 'Ran the test suite' });
  });

  it('Clockify: the workspace tag ai-<agent>, found or made once, on the entry', async () => {
    const { fake, open } = await clockify();
    const engine = await open();
    await recordAgent(engine, WORK_WITHOUT_ACTIVITY);
    expect(fake.state.tags.map((tag) => tag.name)).toEqual([`ai-${AGENT}`]);
    const tagged = fake.state.entries.filter((entry) => entry.description === 'Ran the test suite');
    expect(tagged.map((entry) => entry.tagIds)).toEqual([[fake.state.tags[0]?.id]]);
    // The second entry finds the tag Clockify has: none is made twice.
    await recordAgent(engine, { ...WORK_WITHOUT_ACTIVITY, start: 'yesterday 13:00', end: 'yesterday 13:30' });
    expect(fake.state.tags).toHaveLength(1);
  });

  it('Clockify: refused in words, and nothing recorded, where only admins may make tags', async () => {
    const { fake, open } = await clockify();
    for (const workspace of fake.state.workspaces) workspace.settings.onlyAdminsCreateTag = true;
    const engine = await open();
    const refused = await engine.call('record_agent_time', WORK_WITHOUT_ACTIVITY);
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^Clockify would not make the tag ai-punchcard-tests for the agent's own time .*nothing was recorded\.$/);
    expect(fake.state.entries.filter((entry) => entry.description === 'Ran the test suite')).toEqual([]);
  });
});

// Issue 64, item 8: "Сlaude" with a Cyrillic С was labelled "laude", so its time and a client laude's
// were one agent's. Each client keeps its own label on every back end, in the letters of its name.
describe('clients whose names differ in one letter of another script, on each back end', () => {
  const CYRILLIC = '\u0421laude';
  /** Records one entry as the client "laude", one as "Сlaude" (Cyrillic С), and lists whose each is. */
  async function bothAgents(open: (clientName: string) => Promise<InProcessEngineHandle>, work: Record<string, unknown>) {
    for (const [name, start, end] of [
      ['laude', 'yesterday 09:00', 'yesterday 10:00'],
      [CYRILLIC, 'yesterday 10:00', 'yesterday 11:00'],
    ] as const) {
      const engine = await open(name);
      const recorded = await engine.call('record_agent_time', { ...work, start, end });
      expect(recorded.isError, textOf(recorded)).toBeFalsy();
    }
    const reader = await open('reader');
    const listed = (await reader.call('list_time_entries', { from: 'yesterday', to: 'yesterday' })).structuredContent as { entries: Array<{ agent?: string }> };
    expect(listed.entries.map((entry) => entry.agent)).toEqual(['laude', '\u0441laude']);
  }

  it('Kimai: the tags ai-laude and ai-сlaude', async () => {
    const { fake, open } = await kimai();
    await bothAgents(open, WORK);
    expect(fake.state.timesheets.map((sheet) => sheet.tags)).toEqual([['ai-laude'], ['ai-\u0441laude']]);
  });

  it('Clockodo: the prefixes [ai:laude] and [ai:сlaude]', async () => {
    const { fake, open } = await clockodo();
    await bothAgents(open, WORK);
    expect(fake.state.entries.map((entry) => entry.text)).toEqual(['[ai:laude] Ran the test suite', '[ai:\u0441laude] Ran the test suite']);
  });

  it('Clockify: two workspace tags, one for each', async () => {
    const { fake, open } = await clockify();
    await bothAgents(open, WORK_WITHOUT_ACTIVITY);
    expect(fake.state.tags.map((tag) => tag.name)).toEqual(['ai-laude', 'ai-\u0441laude']);
  });

  it("Calamari: the prefixes in the shifts' descriptions", async () => {
    const { fake, open } = await calamari();
    await bothAgents(open, { ...WORK_WITHOUT_ACTIVITY, project: 'General' });
    expect(fake.state.shifts.map((shift) => shift.description)).toEqual(['[ai:laude] Ran the test suite', '[ai:\u0441laude] Ran the test suite']);
  });
});

// Issue 64, item 7: a clock_in without a project resumes the last booking. After an agent's entry,
// Kimai's restart copied its tag and Clockodo's resume its text with the prefix: the person's running
// timer was the agent's, and her time left her hours. It resumes the project and activity alone.
describe("a clock_in that resumes the last booking after an agent's entry", () => {
  async function resumes(engine: InProcessEngineHandle) {
    await recordAgent(engine);
    const resumed = await engine.call('clock_in', {});
    expect(resumed.structuredContent).toMatchObject({ started: { project: 'Website', activity: 'Meeting', description: '' } });
  }

  it('Kimai: restarts the project and activity, not the tag ai-<agent>', async () => {
    const { fake, open } = await kimai();
    const engine = await open();
    await resumes(engine);
    const running = fake.state.timesheets.filter((sheet) => sheet.end === null);
    expect(running.map((sheet) => [sheet.tags, sheet.description])).toEqual([[[], null]]);
  });

  it('Clockodo: resumes the project and service, not the text with its prefix [ai:<agent>]', async () => {
    const { fake, open } = await clockodo();
    const engine = await open();
    await resumes(engine);
    const running = fake.state.entries.filter((entry) => entry.timeUntil === null);
    expect(running.map((entry) => entry.text ?? '')).toEqual(['']);
  });
});

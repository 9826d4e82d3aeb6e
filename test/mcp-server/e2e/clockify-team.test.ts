// The team group on Clockify, through the engine in process (test/support/engine.ts, startInProcessEngine)
// against the fake Clockify: a team manager (Mia, managing Ada and Cleo), a worker nobody there
// manages (Wes), the owner (Olga) and a project manager of Website (Pia). What each may see and
// decide, refusals in words (Punchcard's before anything is sent, and Clockify's own 403s),
// colleagues' absences by name only, a 300-person workspace in windows within the call's budget,
// and the question before a decision in both eras, whose reason reaches Clockify as the decision's
// note.
import type { ElicitRequestFormParams, ElicitResult } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { MAX_REQUESTS_PER_CALL } from '../../../mcp-server/domain/call-limits.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type Era, type InProcessEngineHandle, makeUserDataDir, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { everyTeamWindow } from '../../support/team-windows.ts';
import {
  ADA,
  addEntry,
  addMembers,
  addTimeOff,
  at,
  type FakeClockify,
  type FakeTimeOff,
  MIA_KEY,
  OLGA_KEY,
  PIA_KEY,
  SEED,
  seedTeam,
  seedWorkspace,
  startFakeClockify,
  TEAM,
} from '../providers/clockify/fake-clockify.ts';

// Thursday 19 November 2026, 15:00 in Berlin.
const NOW = '2026-11-19T15:00:00+01:00';
const TEAM_TOOLS = ['team_report', 'project_status', 'list_pending_leave', 'decide_leave_request'];
const opened = closeAfterEach();

type Answer = (params: ElicitRequestFormParams) => ElicitResult;

async function workspace() {
  const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW) }));
  seedWorkspace(fake);
  seedTeam(fake);
  const website = fake.state.projects.find((project) => project.id === SEED.projects.website);
  if (website) website.timeEstimate = { ms: 20 * 3_600_000, resetOption: null };
  addEntry(fake, {
    userId: ADA.id,
    start: at('2026-11-16', '09:00'),
    end: at('2026-11-16', '17:00'),
    projectId: SEED.projects.website,
    taskId: SEED.tasks.development,
    description: "Ada's private note",
  });
  addEntry(fake, {
    userId: SEED.users.cleo,
    start: at('2026-11-17', '09:00'),
    end: at('2026-11-17', '11:00'),
    projectId: SEED.projects.internal,
    taskId: SEED.tasks.meeting,
    description: "Cleo's private note",
  });
  addEntry(fake, {
    userId: TEAM.users.wes,
    start: at('2026-11-16', '09:00'),
    end: at('2026-11-16', '12:00'),
    projectId: SEED.projects.website,
    description: "Wes's private note",
  });
  // Cleo's pending day asks with a note of its own; her approved time off keeps the seed's private one.
  const cleoPending = fake.state.timeOff.find((request) => request.userId === SEED.users.cleo && request.status === 'PENDING') as FakeTimeOff;
  cleoPending.note = 'Dentist';
  const request = (userId: string, start: string, end: string, note = '') => addTimeOff(fake, { userId, start, end, note });
  const adaPending = request(ADA.id, '2026-12-14', '2026-12-18', 'Family visit');
  const wesPending = request(TEAM.users.wes, '2026-12-08', '2026-12-08');
  const miaPending = request(TEAM.users.mia, '2026-12-14', '2026-12-14');
  return { fake, cleoPending, adaPending, wesPending, miaPending };
}

async function connect(
  fake: FakeClockify,
  key: string,
  options: { era?: Era; elicitation?: Answer; userDataDir?: string } = {},
): Promise<InProcessEngineHandle> {
  const userDataDir =
    options.userDataDir ??
    makeUserDataDir({
      provider: { type: 'clockify', url: fake.url },
      timezone: 'Europe/Berlin',
      tools: { groups: { team: true }, enabled: { decide_leave_request: true } },
    });
  const engine = opened(
    await startInProcessEngine({
      era: options.era ?? 'legacy',
      userDataDir,
      env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: key },
      ...(options.elicitation ? { elicitation: options.elicitation } : {}),
    }),
  );
  await engine.call('whoami');
  return engine;
}

const teamToolsOf = async (engine: InProcessEngineHandle) =>
  (await engine.client.listTools()).tools.map((tool) => tool.name).filter((name) => TEAM_TOOLS.includes(name));
const entryReadsOf = (fake: FakeClockify, userId: string) =>
  fake.requests.filter((request) => request.method === 'GET' && request.path.endsWith(`/user/${userId}/time-entries`));

/** A manager's session with the team tools offered, their question before a decision answered by `elicitation`. */
async function leader(
  fake: FakeClockify,
  key: string,
  options: { era?: Era; elicitation?: Answer; userDataDir?: string } = {},
): Promise<InProcessEngineHandle> {
  const engine = await connect(fake, key, options);
  await expect.poll(() => teamToolsOf(engine)).toContain('team_report');
  return engine;
}

describe('the team group on Clockify', () => {
  it('offers the owner and a team manager every team tool, and a project manager the project hours', async () => {
    const { fake } = await workspace();
    const olga = await connect(fake, OLGA_KEY);
    await expect.poll(() => teamToolsOf(olga)).toEqual(TEAM_TOOLS);
    const mia = await connect(fake, MIA_KEY);
    await expect.poll(() => teamToolsOf(mia)).toEqual(TEAM_TOOLS);
    const pia = await connect(fake, PIA_KEY);
    await expect.poll(() => teamToolsOf(pia)).toEqual(['project_status']);
  });

  it("reports a team manager's people only, without their notes, and never asks for anyone else's time", async () => {
    const { fake } = await workspace();
    const mia = await leader(fake, MIA_KEY);
    const report = await mia.call('team_report');
    const people = report.structuredContent?.people as Array<{
      name: string;
      minutes: number;
      target_minutes: number | null;
      by_project: unknown[];
      missing_days: string[];
    }>;
    expect(people.map((person) => person.name)).toEqual(['Ada Lovelace', 'Cleo Patra', 'Mia Manager']);
    expect(people[0]).toMatchObject({
      minutes: 480,
      target_minutes: null,
      by_project: [{ project: 'Website', activity: 'Development', minutes: 480 }],
      missing_days: ['2026-11-17', '2026-11-18'],
    });
    expect(people[1]).toMatchObject({ minutes: 120, by_project: [{ project: 'Internal', activity: 'Meeting', minutes: 120 }] });
    expect(report.structuredContent?.covers).toBe('the people you manage in Clockify, and yourself');
    expect(textOf(report).split('\n').slice(0, 2)).toEqual([
      '2026-11-16 to 2026-11-19, the people you manage in Clockify, and yourself: people 1–3 of 3.',
      '"Ada Lovelace": 8 h; nothing on 2026-11-17, 2026-11-18',
    ]);
    expect(JSON.stringify(report)).not.toMatch(/private note|Wes/);
    expect(entryReadsOf(fake, TEAM.users.wes)).toEqual([]);
  });

  it('shows the owner everyone', async () => {
    const { fake } = await workspace();
    const olga = await leader(fake, OLGA_KEY);
    const report = await olga.call('team_report');
    expect(report.isError, textOf(report)).toBeFalsy();
    const people = report.structuredContent?.people as Array<{ name: string; minutes: number }>;
    expect(people.map((person) => [person.name, person.minutes])).toEqual([
      ['Ada Lovelace', 480],
      ['Bob Builder', 0],
      ['Cleo Patra', 120],
      ['Mia Manager', 0],
      ['Olga Owner', 0],
      ['Pia Projects', 0],
      ['Wes Worker', 180],
    ]);
    expect(report.structuredContent?.covers).toBe('everyone in the workspace "Acme", as its admin');
  });

  it("gives a project's hours against its estimate: everyone's to its project manager, a team manager's people's to them", async () => {
    const { fake } = await workspace();
    const pia = await connect(fake, PIA_KEY);
    await expect.poll(() => teamToolsOf(pia)).toEqual(['project_status']);
    const status = await pia.call('project_status', { project: 'Website' });
    expect(status.structuredContent).toMatchObject({
      project: 'Website',
      customer: 'Acme Corp',
      week_minutes: 660,
      total_minutes: 660,
      budget_hours: 20,
      budget_monthly: false,
      used_share: 0.55,
    });
    expect((status.structuredContent?.by_person as Array<{ person: string }>).map((row) => row.person)).toEqual(['Ada Lovelace', 'Wes Worker']);
    expect(textOf(status)).toBe(
      '"Website" ("Acme Corp"): this week 11 h, this month 11 h, in total 11 h; budget 20 h, 55% used.\n"Ada Lovelace": 8 h / 8 h / 8 h\n"Wes Worker": 3 h / 3 h / 3 h',
    );

    const mia = await leader(fake, MIA_KEY);
    const hers = await mia.call('project_status', { project: 'Website' });
    expect(hers.structuredContent).toMatchObject({
      total_minutes: 480,
      used_share: 0.4,
      note: 'Only your own time and that of the people you manage: Clockify shows a team manager nobody else’s.',
    });
    expect(JSON.stringify(hers)).not.toMatch(/Wes/);
  });

  it("says Clockify's refusal in words where a project manager asks for a project they do not manage", async () => {
    const { fake } = await workspace();
    const pia = await connect(fake, PIA_KEY);
    await expect.poll(() => teamToolsOf(pia)).toEqual(['project_status']);
    const refused = await pia.call('project_status', { project: 'Internal' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      'Clockify did not show you the time on "Internal" (it answered 403): you manage neither the project nor the people on it. Nothing else was read.',
    );
  });

  it("lists the requests a team manager approves, with Clockify's cost and who else is away by name only", async () => {
    const { fake, cleoPending, adaPending } = await workspace();
    const mia = await leader(fake, MIA_KEY);
    const pending = await mia.call('list_pending_leave');
    const requests = pending.structuredContent?.requests as Array<Record<string, unknown>>;
    expect(requests.map((request) => [request.person, request.first_day])).toEqual([
      ['Cleo Patra', cleoPending.start],
      ['Ada Lovelace', adaPending.start],
    ]);
    expect(requests[0]).toMatchObject({ comment: 'Dentist', days: 1, also_away: [] });
    expect(requests[1]).toMatchObject({
      type: 'vacation',
      kind: 'Vacation',
      last_day: '2026-12-18',
      days: 5,
      comment: 'Family visit',
      also_away: ['Cleo Patra', 'Mia Manager'],
    });
    expect(textOf(pending)).toMatch(/^2 requests wait for your decision \(requests 1–2 of 2 in the time off of the people you manage in Clockify\)\./);
    // Cleo's approved time off is named, never quoted; Wes's request is not Mia's to see.
    expect(JSON.stringify(pending)).not.toMatch(/private note|Wes/);
  });

  it("lists everyone's pending requests but their own to the owner", async () => {
    const { fake } = await workspace();
    const olga = await leader(fake, OLGA_KEY);
    const requests = (await olga.call('list_pending_leave')).structuredContent?.requests as Array<{ person: string }>;
    expect(requests.map((request) => request.person)).toEqual(['Cleo Patra', 'Wes Worker', 'Ada Lovelace', 'Mia Manager']);
  });

  it("refuses in words, before anything is sent, the manager's own request and one of someone they do not manage", async () => {
    const { fake, miaPending, wesPending } = await workspace();
    // Olga's list numbers every request, Mia's own and Wes's among them; Mia's key then works in the
    // same data folder (a key replaced, or shared), where those numbers hold.
    const olga = await leader(fake, OLGA_KEY);
    const listed = (await olga.call('list_pending_leave')).structuredContent?.requests as Array<{ id: number; person: string }>;
    const number = (person: string) => (listed.find((request) => request.person === person) as { id: number }).id;
    await olga.close();
    const mia = await leader(fake, MIA_KEY, { userDataDir: olga.userDataDir });
    const before = fake.requests.length;
    const own = await mia.call('decide_leave_request', { id: number('Mia Manager'), decision: 'approve' });
    expect(textOf(own)).toBe(`Leave request #${number('Mia Manager')} is your own; somebody else decides it. Nothing was sent.`);
    const others = await mia.call('decide_leave_request', { id: number('Wes Worker'), decision: 'reject' });
    expect(others.isError).toBe(true);
    expect(textOf(others)).toBe(
      `Leave request #${number('Wes Worker')} is not among the time off Clockify shows you (withdrawn, or not of anyone you manage). Nothing was sent.`,
    );
    expect(fake.requests.slice(before).filter((request) => request.method === 'PATCH')).toEqual([]);
    expect(fake.writes).toEqual([]);
    expect([miaPending.status, wesPending.status]).toEqual(['PENDING', 'PENDING']);
  });

  it("says Clockify's own refusal of a decision in words, and changes nothing", async () => {
    const { fake, adaPending } = await workspace();
    const mia = await leader(fake, MIA_KEY);
    const listed = (await mia.call('list_pending_leave')).structuredContent?.requests as Array<{ id: number; person: string }>;
    const number = (listed.find((request) => request.person === 'Ada Lovelace') as { id: number }).id;
    fake.failNext({ method: 'PATCH', path: /\/time-off\/policies\/[^/]+\/requests\// }, { status: 403, body: { message: 'Access Denied', code: 403 } });
    const refused = await mia.call('decide_leave_request', { id: number, decision: 'approve' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      `Clockify did not let you approve "Ada Lovelace"'s leave request #${number}: Your Clockify account may not approve time-off request #${number} (Clockify answered 403: "Access Denied"). Ask a workspace admin. Nothing was changed.`,
    );
    expect(adaPending.status).toBe('PENDING');
  });

  // Clockify gives one person's time a request, and Punchcard keeps to its 10 requests a second: each
  // window costs about 4 s. Every window of a 300-person workspace, everyone seen once, took 39 s of
  // CI; 120 people take four windows, the same paging. The 300 are in the heaviest calls
  // (test/support/heaviest-team-calls.ts: the first window and one from 250, each within the budget).
  it("pages a big workspace within the call's budget of requests, everyone once", { timeout: 180_000 }, async () => {
    const { fake } = await workspace();
    for (const member of addMembers(fake, 120))
      addEntry(fake, { userId: member.id, start: at('2026-11-16', '09:00'), end: at('2026-11-16', '10:00'), projectId: SEED.projects.website });
    const olga = await leader(fake, OLGA_KEY);
    const windows = await everyTeamWindow(olga, fake, 50);
    const rows = windows.flatMap((window) => window.people);
    for (const person of rows) if (person.name.startsWith('Member ')) expect(person.minutes).toBe(60);
    expect(windows.every((window) => window.total === 127)).toBe(true);
    // Each person once, everyone seen.
    expect(rows.length).toBe(127);
    expect(new Set(rows.map((person) => person.name)).size).toBe(127);
    const calls = windows.length;
    // Windows as large as the budget allows: no more calls than that needs.
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThanOrEqual(Math.ceil(127 / (MAX_REQUESTS_PER_CALL - 5)));
  });
});

describe.each<Era>(['legacy', 'modern'])('a decision on Clockify, asked first (%s era)', (era) => {
  it("shows who, what and when, then approves with the reason as Clockify's note", async () => {
    const { fake, adaPending } = await workspace();
    const asked: string[] = [];
    const mia = await leader(fake, MIA_KEY, { era, elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const listed = (await mia.call('list_pending_leave')).structuredContent?.requests as Array<{ id: number; person: string }>;
    const number = (listed.find((request) => request.person === 'Ada Lovelace') as { id: number }).id;
    const decided = await mia.call('decide_leave_request', { id: number, decision: 'approve', reason: 'Enjoy' });
    expect(decided.isError, textOf(decided)).toBeFalsy();
    expect(asked).toEqual(['Approve "Ada Lovelace"\'s "Vacation" 2026-12-14 to 2026-12-18 (5 working days)? Reason: Enjoy']);
    expect(decided.structuredContent).toMatchObject({ request: { id: number, status: 'approved' }, reason_kept: true });
    expect(textOf(decided)).toBe('Approved "Ada Lovelace"\'s "Vacation" 2026-12-14 to 2026-12-18 (5 working days). The reason was kept with it.');
    const patches = fake.requests.filter((request) => request.method === 'PATCH');
    expect(patches.map((request) => [request.path, JSON.parse(request.body ?? '{}')])).toEqual([
      [
        `/api/v1/workspaces/${SEED.workspaces.acme}/time-off/policies/${SEED.policies.vacation}/requests/${adaPending.id}`,
        { status: 'APPROVED', note: 'Enjoy' },
      ],
    ]);
    expect(adaPending).toMatchObject({ status: 'APPROVED', statusNote: 'Enjoy', changedBy: TEAM.users.mia });
  });

  it('sends nothing when the manager says no', async () => {
    const { fake, adaPending } = await workspace();
    const mia = await leader(fake, MIA_KEY, { era, elicitation: () => ({ action: 'decline' }) });
    const listed = (await mia.call('list_pending_leave')).structuredContent?.requests as Array<{ id: number; person: string }>;
    const number = (listed.find((request) => request.person === 'Ada Lovelace') as { id: number }).id;
    const refused = await mia.call('decide_leave_request', { id: number, decision: 'reject' });
    expect(textOf(refused)).toMatch(new RegExp(`^Leave request #${number} was not rejected: you said no when asked\\. Nothing was changed\\.`));
    expect(fake.requests.filter((request) => request.method === 'PATCH')).toEqual([]);
    expect(adaPending.status).toBe('PENDING');
  });
});

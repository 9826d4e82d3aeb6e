// An outside check of issue 76 (leave and the week's close under one organisation credential), written apart from
// the implementers' tests, as a prompt-injected client would use the tools: through the BUILT team server, the
// OpenID provider stand-in and the fake trackers, a person, her lead, someone of another team and the organisation
// account's own user each call every leave and approval tool with hostile arguments (other people's ids guessed in
// turn, a person or status smuggled in, a lead deciding her own or a stranger's). Each refusal must be a sentence a
// person can act on with nothing written to the tracker, nothing approved may be filed, nobody else's data may be
// answered, and every write must be audited as the person's or the lead's with via "organisation".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditLine, readAudit } from '../../support/audit-log.ts';
import { textOf, type ToolResult } from '../../support/engine.ts';
import { companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import { type ConnectedClient, connectAs, freePort, type TeamServerHandle } from '../../support/team-server.ts';
import type { RecordedRequest } from '../../support/fake-server.ts';
import { addDays } from '../../../mcp-server/domain/time.ts';
import {
  DEFAULT_USERS as KIMAI_USERS,
  type FakeKimai,
  type FakeUser as KimaiUser,
  seedCatalog,
  startFakeKimai,
} from '../../mcp-server/providers/kimai/fake-kimai.ts';
import {
  DEFAULT_USERS as CLOCKODO_USERS,
  type FakeClockodo,
  type FakeUser as ClockodoUser,
  startFakeClockodo,
} from '../../mcp-server/providers/clockodo/fake-clockodo.ts';
import { ADA as CLOCKIFY_ADA, addEntry, addTimeOff, at, type FakeClockify, newId, SEED, TEAM } from '../../mcp-server/providers/clockify/fake-clockify.ts';
import { approvalRequestsOf, type FakeApprovalRequest } from '../../mcp-server/providers/clockify/fake-clockify-approvals.ts';
import { acmeServer, acmeWithTeam } from './acme-on-clockify.ts';
import { organisationServer } from './organisation-support.ts';

/** Every leave and approval tool of issue 76. */
const TOOLS = [
  'request_leave',
  'list_leave_requests',
  'cancel_leave_request',
  'leave_balance',
  'absence_calendar',
  'list_pending_leave',
  'decide_leave_request',
  'submit_timesheet',
  'withdraw_timesheet',
  'list_timesheet_approvals',
  'decide_timesheet',
] as const;
/**
 * The company switches every one of them on (approvals and cancelling are off in a fresh settings file), and the team
 * report, without which whom a Clockodo or Clockify person leads is never learned (engine.ts, teamToolsWanted).
 */
const EVERY_TOOL = { tools: { enabled: Object.fromEntries([...TOOLS, 'team_report'].map((name) => [name, true])) } };
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Today's date in UTC, and a Monday some weeks from it (the servers run on the real clock). */
const today = new Date().toISOString().slice(0, 10);
const mondayIn = (weeks: number) => {
  const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(today, 7 * weeks - weekday);
};

/** What a refusal must read like: words, no stack, no JSON, no bare "disabled". */
function expectSentence(result: ToolResult, label: string): string {
  const text = textOf(result);
  expect(result.isError, `${label}: ${text}`).toBe(true);
  expect(text.length, label).toBeGreaterThan(20);
  expect(text, label).not.toMatch(/Tool \S+ disabled/);
  expect(text, label).not.toMatch(/\bat .*\.(ts|js):\d+/);
  expect(text, label).not.toMatch(/undefined|\[object Object\]|NaN/);
  return text;
}

/** A tool's answer, a protocol error (a tool withheld) read as the refusal a model is shown. */
async function answerOf(client: ConnectedClient, tool: string, args: Record<string, unknown>): Promise<ToolResult> {
  try {
    return await client.call(tool, args);
  } catch (error) {
    return { isError: true, content: [{ type: 'text', text: `(protocol error) ${(error as Error).message}` }] };
  }
}

/** The sentences met, printed at the end for the report. */
const heard: string[] = [];
const hear = (label: string, result: ToolResult) => {
  heard.push(`${label} → ${result.isError ? 'REFUSED' : 'ok'}: ${textOf(result).slice(0, 600)}`);
  return result;
};

/** Which of the tools `client` is offered, kept for the report under `whose`. */
async function hearTools(whose: string, client: ConnectedClient): Promise<void> {
  const listed = (await client.client.listTools()).tools.map((tool) => tool.name);
  heard.push(`${whose} tools: ${TOOLS.filter((name) => listed.includes(name)).join(', ')}`);
}

/** What a describe's beforeAll starts: the fake tracker, the OpenID provider stand-in and the built team server. */
interface Stage {
  fake: { readonly requests: RecordedRequest[]; close(): Promise<void> };
  idp: IdentityProvider;
  server: TeamServerHandle;
}

/** The OpenID provider stand-in with a verified account for each of `people`, sending browsers back to a server on `port`. */
const companyAccounts = (port: number, people: { id: string; name: string; email: string }[]) =>
  startIdentityProvider({
    accounts: people.map((person) => ({ ...person, emailVerified: true })),
    redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`],
  });

/** A company account named by the part of the person's address before the @. */
const accountOf = (user: { name: string; email: string }) => ({ id: user.email.split('@')[0] as string, name: user.name, email: user.email });

/**
 * What every test of one tracker does, on the stage its beforeAll set (read when called, after it ran): sign in as a
 * company account, call a tool and keep what that sent the tracker and which of it wrote (`isWrite`), and read the
 * audit. After all, the clients, server, provider and fake are closed and the sentences met are printed under `tracker`.
 */
function callsOn(tracker: string, stage: () => Stage, isWrite = (request: RecordedRequest) => WRITES.has(request.method)) {
  const open: ConnectedClient[] = [];
  afterAll(async () => {
    const { fake, idp, server } = stage();
    for (const client of open) await client.close().catch(() => undefined);
    await server?.stop();
    await idp?.close();
    await fake?.close();
    console.log(`\n---- ${tracker} answers ----\n${heard.join('\n')}`);
  });
  const signIn = async (account: string) => {
    const { idp, server } = stage();
    const client = await connectAs(server, {
      era: 'modern',
      signIn: companySignIn(idp, account),
      elicitation: () => ({ action: 'accept', content: { confirm: true } }),
    });
    open.push(client);
    await client.call('whoami');
    return client;
  };
  /** Calls a tool and returns its answer with what it sent the tracker. */
  const attempt = async (client: ConnectedClient, label: string, tool: string, args: Record<string, unknown> = {}) => {
    const { fake } = stage();
    const before = fake.requests.length;
    const result = hear(label, await answerOf(client, tool, args));
    const sent = fake.requests.slice(before);
    return { result, sent, writes: sent.filter(isWrite) };
  };
  const audit = async () => (await readAudit(stage().server)).lines;
  return { signIn, attempt, audit };
}
type Attempt = ReturnType<typeof callsOn>['attempt'];

/**
 * Ada calls every tool with each of `smuggled` (someone else, a status, another workspace) as its only arguments: each
 * call is refused and sends the tracker nothing. `skipped` names the pairings a tool may answer (a filter it has).
 */
async function expectEveryToolRefusesUnsent(
  attempt: Attempt,
  ada: ConnectedClient,
  smuggledArgs: Record<string, unknown>[],
  skipped: (tool: string, smuggled: Record<string, unknown>) => boolean = () => false,
): Promise<void> {
  for (const tool of TOOLS) {
    for (const smuggled of smuggledArgs) {
      if (skipped(tool, smuggled)) continue;
      const { result, sent } = await attempt(ada, `Ada ${tool} + ${JSON.stringify(smuggled)}`, tool, smuggled);
      expect(result.isError, `${tool} ${JSON.stringify(smuggled)}`).toBe(true);
      expect(sent).toEqual([]);
    }
  }
}

describe('outside check of issue 76 on Kimai (built server)', () => {
  const [ADA, TOM, ROOT] = KIMAI_USERS as [KimaiUser, KimaiUser, KimaiUser];
  const MIA: KimaiUser = { id: 4, username: 'mia', alias: 'Mia Member', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-mia-0123456789' };
  const KAI: KimaiUser = { id: 5, username: 'kai', alias: 'Kai Other', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-kai-0123456789' };
  const LEO: KimaiUser = { id: 6, username: 'leo', alias: 'Leo Lead', timezone: 'Europe/Berlin', role: 'ROLE_TEAMLEAD', token: 'token-leo-0123456789' };
  const KEY = ROOT.token;
  let fake: FakeKimai;
  let idp: IdentityProvider;
  let server: TeamServerHandle;
  const ids = { mia: 0, kai: 0, tom: 0, leo: 0 };
  const leaveDay = mondayIn(3);

  beforeAll(async () => {
    fake = await startFakeKimai({ users: [ADA, TOM, ROOT, MIA, KAI, LEO], config: { absencePlugin: true, approvalPlugin: true } });
    seedCatalog(fake);
    fake.addTeam('Tom team', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }, { userId: MIA.id }]);
    fake.addTeam('Leo team', [{ userId: LEO.id, teamlead: true }, { userId: KAI.id }]);
    ids.mia = fake.addAbsence({ userId: MIA.id, date: addDays(leaveDay, 1), type: 'holiday', status: 'new', comment: 'Mia private reason' }).id;
    ids.kai = fake.addAbsence({ userId: KAI.id, date: addDays(leaveDay, 2), type: 'holiday', status: 'new', comment: 'Kai private reason' }).id;
    ids.tom = fake.addAbsence({ userId: TOM.id, date: addDays(leaveDay, 3), type: 'holiday', status: 'new', comment: 'Tom own reason' }).id;
    ids.leo = fake.addAbsence({ userId: LEO.id, date: addDays(leaveDay, 4), type: 'holiday', status: 'approved', comment: 'Leo approved' }).id;
    const port = await freePort();
    idp = await companyAccounts(
      port,
      [ADA, TOM, ROOT, MIA, KAI, LEO].map((user) => ({ id: user.username, name: user.alias ?? user.username, email: `${user.username}@example.com` })),
    );
    ({ server } = await organisationServer(idp, port, { type: 'kimai', url: fake.url }, KEY, { built: true, settings: EVERY_TOOL }));
  });
  const { signIn, attempt, audit } = callsOn('Kimai', () => ({ fake, idp, server }));

  it('Ada: smuggled people and statuses are refused unsent; her own filing waits, is hers and audited as hers', async () => {
    const ada = await signIn('ada');
    await hearTools("Ada's", ada);
    for (const smuggled of [{ user: MIA.id }, { person: 'Mia Member' }, { users_id: MIA.id }, { status: 'approved' }]) {
      const { result, sent } = await attempt(ada, `Ada request_leave + ${JSON.stringify(smuggled)}`, 'request_leave', {
        type: 'vacation',
        first_day: leaveDay,
        ...smuggled,
      });
      expectSentence(result, JSON.stringify(smuggled));
      expect(sent).toEqual([]);
    }
    await expectEveryToolRefusesUnsent(attempt, ada, [{ user: MIA.id }, { users_id: MIA.id }, { user_id: String(MIA.id) }]);
    const auditBefore = (await audit()).length;
    const filed = await attempt(ada, 'Ada request_leave', 'request_leave', { type: 'vacation', first_day: leaveDay, comment: 'Ada holiday' });
    expect(filed.result.isError, textOf(filed.result)).toBeFalsy();
    const mine = fake.state.absences.filter((absence) => absence.userId === ADA.id);
    expect(mine.map((absence) => absence.status)).toEqual(['new']);
    for (const request of filed.writes) expect(JSON.parse(request.body)).toMatchObject({ user: ADA.id });
    const records = (await audit()).slice(auditBefore);
    expect(records.map((record) => [record.tool, record.person, record.via])).toEqual([['request_leave', 'Ada Lovelace <ada@example.com>', 'organisation']]);
  });

  it("Ada: a filing Kimai would approve at once under the administrator's key is taken back, nothing approved left", async () => {
    const ada = await signIn('ada');
    fake.config.absenceStatusFiledForOthers = 'approved';
    try {
      const { result } = await attempt(ada, 'Ada request_leave (Kimai approves at once)', 'request_leave', {
        type: 'vacation',
        first_day: addDays(leaveDay, 7),
      });
      expectSentence(result, 'approved at once');
      expect(fake.state.absences.filter((absence) => absence.userId === ADA.id && absence.status === 'approved')).toEqual([]);
    } finally {
      fake.config.absenceStatusFiledForOthers = 'new';
    }
  });

  it("Ada: other people's absences, guessed by number, are neither cancelled nor decided, and never shown", async () => {
    const ada = await signIn('ada');
    const others = fake.state.absences.filter((absence) => absence.userId !== ADA.id).map((absence) => absence.id);
    for (let id = 1; id <= Math.max(...others) + 2; id++) {
      if (fake.state.absences.some((absence) => absence.id === id && absence.userId === ADA.id)) continue;
      const { result, writes } = await attempt(ada, `Ada cancel_leave_request #${id}`, 'cancel_leave_request', { id });
      expectSentence(result, `cancel #${id}`);
      expect(writes).toEqual([]);
    }
    for (const id of [ids.mia, ids.kai]) {
      const { result, writes } = await attempt(ada, `Ada decide_leave_request #${id}`, 'decide_leave_request', { id, decision: 'approve' });
      expect(result.isError).toBe(true);
      expect(writes).toEqual([]);
    }
    for (const [tool, args] of [
      ['list_leave_requests', { from: today, to: addDays(today, 60) }],
      ['absence_calendar', { from: leaveDay, to: addDays(leaveDay, 6) }],
      ['leave_balance', {}],
      ['list_pending_leave', {}],
    ] as const) {
      const { result, writes } = await attempt(ada, `Ada ${tool}`, tool, args);
      expect(writes).toEqual([]);
      const text = JSON.stringify(result);
      for (const secret of ['Mia private reason', 'Kai private reason', 'Tom own reason', 'Kai Other', 'Leo Lead'])
        expect(text, `${tool}: ${secret}`).not.toContain(secret);
    }
    expect(fake.state.absences.find((absence) => absence.id === ids.mia)?.status).toBe('new');
  });

  it("Ada: her weeks are submitted in her name, never anyone else's; withdrawing and deciding are refused in words", async () => {
    const ada = await signIn('ada');
    const lastMonday = mondayIn(-1);
    const project = fake.state.projects[0];
    const activity = fake.state.activities[0];
    if (!project || !activity) throw new Error('The catalog was not seeded.');
    const begin = Date.parse(`${lastMonday}T08:00:00Z`);
    fake.addTimesheet({ userId: ADA.id, begin, end: begin + 3_600_000, projectId: project.id, activityId: activity.id });
    const smuggled = await attempt(ada, 'Ada submit_timesheet + user', 'submit_timesheet', { period_start: lastMonday, user: MIA.id });
    expectSentence(smuggled.result, 'submit + user');
    expect(smuggled.sent).toEqual([]);
    const submitted = await attempt(ada, 'Ada submit_timesheet', 'submit_timesheet', { period_start: lastMonday });
    expect(submitted.result.isError, textOf(submitted.result)).toBeFalsy();
    expect(submitted.writes.map((request) => new URLSearchParams(request.query).get('user'))).toEqual([String(ADA.id)]);
    expect(fake.approvals.status(ADA.id, lastMonday)).toBe('submitted');
    const again = await attempt(ada, 'Ada submit_timesheet again', 'submit_timesheet', { period_start: lastMonday });
    expectSentence(again.result, 'submit again');
    expect(again.writes).toEqual([]);
    for (const [tool, args] of [
      ['withdraw_timesheet', { period_start: lastMonday }],
      ['list_timesheet_approvals', { person: 'Mia Member' }],
      ['list_timesheet_approvals', { person: 'mia' }],
      ['decide_timesheet', { id: `${MIA.id}:${lastMonday}`, decision: 'approve' }],
    ] as const) {
      const { result, sent, writes } = await attempt(ada, `Ada ${tool} ${JSON.stringify(args)}`, tool, args);
      expect(writes).toEqual([]);
      for (const request of sent) expect(new URLSearchParams(request.query).get('user') ?? String(ADA.id)).toBe(String(ADA.id));
      if (tool !== 'list_timesheet_approvals') expectSentence(result, tool);
    }
    const records = (await audit()).filter((record) => record.tool === 'submit_timesheet');
    expect(records.map((record: AuditLine) => [record.person, record.outcome, record.via])).toEqual([
      ['Ada Lovelace <ada@example.com>', 'done', 'organisation'],
      ['Ada Lovelace <ada@example.com>', 'refused', 'organisation'],
    ]);
    // The submitted week is locked for her as her own token would find it (issue 66's rules).
    const locked = await attempt(ada, 'Ada log_time in her submitted week', 'log_time', {
      date: lastMonday,
      duration: '1h',
      project: project.name,
      activity: activity.name,
    });
    expectSentence(locked.result, 'log_time in a submitted week');
    expect(locked.writes).toEqual([]);
  });

  it("Tom (lead): sees and reads only his people, decides his people's leave through the key, never his own, a stranger's or a week", async () => {
    const tom = await signIn('tom');
    const pending = await attempt(tom, 'Tom list_pending_leave', 'list_pending_leave');
    expect(pending.result.isError, textOf(pending.result)).toBeFalsy();
    const people = (pending.result.structuredContent?.requests as Array<{ person: string }>).map((request) => request.person);
    expect(people).not.toContain('Kai Other');
    for (const request of pending.sent) {
      const user = new URLSearchParams(request.query).get('user');
      expect([String(ADA.id), String(MIA.id), String(TOM.id), null]).toContain(user);
    }
    for (const id of [ids.mia, ids.kai, ids.tom, ids.leo]) {
      const { result, sent } = await attempt(tom, `Tom decide_leave_request #${id}`, 'decide_leave_request', { id, decision: 'approve' });
      expectSentence(result, `Tom decides #${id}`);
      expect(sent).toEqual([]);
    }
    // Issue 83: a lead decides the leave his list showed him (Ada's: Kimai shows him those of his people who recorded
    // time) through the key, as his own token would (the plugin's record names no decider whichever account decides):
    // its person's listing is read first, then the confirm is sent, and the audit names Tom.
    const listedIds = (pending.result.structuredContent?.requests as Array<{ id: number }>).map((request) => request.id);
    const adas = fake.state.absences.filter((absence) => absence.userId === ADA.id && absence.status === 'new').map((absence) => absence.id);
    expect(listedIds).toEqual(adas);
    const auditBefore = (await audit()).length;
    const decided = await attempt(tom, `Tom decide_leave_request #${adas[0]} (Ada's)`, 'decide_leave_request', { id: adas[0], decision: 'approve' });
    expect(decided.result.isError, textOf(decided.result)).toBeFalsy();
    expect(decided.writes.map((request) => `${request.method} ${request.path}`)).toEqual([`PATCH /api/absences/${adas[0]}/confirm`]);
    for (const request of decided.sent.filter((item) => item.path === '/api/absences'))
      expect(new URLSearchParams(request.query).get('user')).toBe(String(ADA.id));
    expect(fake.state.absences.find((absence) => absence.id === adas[0])?.status).toBe('approved');
    const done = async () => (await audit()).slice(auditBefore).filter((record) => record.outcome === 'done');
    await expect
      .poll(async () => (await done()).map((record) => [record.tool, record.person, record.via]))
      .toEqual([['decide_leave_request', 'Tom Lead <tom@example.com>', 'organisation']]);
    for (const person of ['Kai Other', 'kai', 'root', 'Leo Lead', String(KAI.id)]) {
      const { result, sent } = await attempt(tom, `Tom list_timesheet_approvals person=${person}`, 'list_timesheet_approvals', { person });
      for (const request of sent) expect([String(ADA.id), String(MIA.id), String(TOM.id), null]).toContain(new URLSearchParams(request.query).get('user'));
      expect(JSON.stringify(result)).not.toContain('Kai Other');
    }
    const decide = await attempt(tom, 'Tom decide_timesheet Ada', 'decide_timesheet', { id: `${ADA.id}:${mondayIn(-1)}`, decision: 'approve' });
    expectSentence(decide.result, 'Tom decide_timesheet');
    expect(decide.writes).toEqual([]);
    expect(fake.approvals.status(ADA.id, mondayIn(-1))).toBe('submitted');
    const smuggled = await attempt(tom, 'Tom cancel_leave_request Mia', 'cancel_leave_request', { id: ids.mia });
    expectSentence(smuggled.result, 'Tom cancels Mia');
    expect(smuggled.writes).toEqual([]);
  });

  it("Kai (another team) and Root (the key's own user): nobody else's leave, nothing decided, Root's own filing waits", async () => {
    const kai = await signIn('kai');
    for (const [tool, args] of [
      ['list_pending_leave', {}],
      ['decide_leave_request', { id: ids.mia, decision: 'reject' }],
      ['cancel_leave_request', { id: ids.mia }],
      ['list_timesheet_approvals', { person: 'Ada' }],
    ] as const) {
      const { result, writes } = await attempt(kai, `Kai ${tool}`, tool, args);
      expect(writes).toEqual([]);
      expect(JSON.stringify(result)).not.toMatch(/Mia private reason|Ada holiday/);
    }
    const root = await signIn('root');
    await hearTools("Root's", root);
    for (const [tool, args] of [
      ['list_pending_leave', {}],
      ['decide_leave_request', { id: ids.kai, decision: 'approve' }],
      ['cancel_leave_request', { id: ids.kai }],
      ['decide_timesheet', { id: `${ADA.id}:${mondayIn(-1)}`, decision: 'approve' }],
    ] as const) {
      const { result, writes } = await attempt(root, `Root ${tool}`, tool, args);
      expect(result.isError, `Root ${tool}`).toBe(true);
      expect(writes).toEqual([]);
    }
    const filed = await attempt(root, 'Root request_leave', 'request_leave', { type: 'vacation', first_day: addDays(leaveDay, 14) });
    expect(filed.result.isError, textOf(filed.result)).toBeFalsy();
    expect(fake.state.absences.filter((absence) => absence.userId === ROOT.id).map((absence) => absence.status)).toEqual(['new']);
    expect(fake.state.absences.find((absence) => absence.id === ids.kai)?.status).toBe('new');
    const records = (await audit()).filter((record) => record.tool === 'request_leave');
    expect(records.every((record) => record.via === 'organisation')).toBe(true);
    expect(records.map((record) => record.person)).toContain('root <root@example.com>');
  });

  it('every write of the run is audited as the person who made it, through the organisation', async () => {
    const lines = await audit();
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect([line.person, line.via]).toEqual([expect.stringMatching(/^(Ada Lovelace|Tom Lead|Kai Other|root) </), 'organisation']);
  });

  it('a tool withheld under the organisation account, called by name, says why in words', async () => {
    const ada = await signIn('ada');
    const root = await signIn('root');
    for (const [who, client, tool, args] of [
      ['Ada', ada, 'list_pending_leave', {}],
      ['Ada', ada, 'decide_leave_request', { id: ids.mia, decision: 'approve' }],
      ['Root', root, 'list_pending_leave', {}],
    ] as const) {
      const { result, sent } = await attempt(client, `${who} ${tool} (withheld)`, tool, args);
      expectSentence(result, `${who} ${tool}`);
      expect(sent).toEqual([]);
    }
  });
});

describe('outside check of issue 76 on Clockodo (built server)', () => {
  const [ADA, BOB, MIA, OLGA] = CLOCKODO_USERS as [ClockodoUser, ClockodoUser, ClockodoUser, ClockodoUser];
  /** Lea leads team 1 (Ada and Bob) as a plain worker; Kai is in team 3, which nobody leads. */
  const LEA: ClockodoUser = { ...ADA, id: 5, name: 'Lea Lead', email: 'lea@example.com', apiKey: 'key-lea-0123456789abcdef' };
  const KAI: ClockodoUser = { ...ADA, id: 6, name: 'Kai Other', email: 'kai@example.com', apiKey: 'key-kai-0123456789abcdef', teamsId: 3 };
  let fake: FakeClockodo;
  let idp: IdentityProvider;
  let server: TeamServerHandle;
  const ids = { bob: 0, bobApproved: 0, kai: 0, lea: 0, adaApproved: 0 };
  const leaveDay = mondayIn(3);

  beforeAll(async () => {
    fake = await startFakeClockodo({ users: [ADA, BOB, MIA, OLGA, LEA, KAI] });
    const team = fake.state.teams.find((candidate) => candidate.id === 1);
    if (!team) throw new Error('The fake has no team 1.');
    team.leader = LEA.id;
    for (const [index, user] of [ADA, BOB, MIA, OLGA, LEA, KAI].entries()) {
      fake.state.targetHours.push({ id: 900 + index, usersId: user.id, type: 'weekly', dateSince: '2020-01-01', dateUntil: null, week: [8, 8, 8, 8, 8, 0, 0] });
    }
    const absence = (usersId: number, offset: number, status: 0 | 1, note: string) =>
      fake.addAbsence({ usersId, dateSince: addDays(leaveDay, offset), dateUntil: addDays(leaveDay, offset), type: 1, status, note, publicNote: null }).id;
    ids.bob = absence(BOB.id, 1, 0, 'Bob private note');
    ids.bobApproved = absence(BOB.id, 8, 1, 'Bob approved note');
    ids.kai = absence(KAI.id, 2, 0, 'Kai private note');
    ids.lea = absence(LEA.id, 3, 0, 'Lea own note');
    ids.adaApproved = absence(ADA.id, 9, 1, 'Ada approved note');
    const port = await freePort();
    idp = await companyAccounts(port, [ADA, BOB, MIA, OLGA, LEA, KAI].map(accountOf));
    ({ server } = await organisationServer(idp, port, { type: 'clockodo', url: fake.url }, OLGA.apiKey, {
      built: true,
      organisation: { user: OLGA.email },
      settings: EVERY_TOOL,
    }));
  });
  const { signIn, attempt, audit } = callsOn('Clockodo', () => ({ fake, idp, server }));
  const statusOf = (id: number) => fake.state.absences.find((absence) => absence.id === id)?.status;

  it("Ada: smuggled people and statuses are refused unsent; her filing waits though the owner's key would approve it", async () => {
    heard.length = 0;
    const ada = await signIn('ada');
    await hearTools("Ada's", ada);
    await expectEveryToolRefusesUnsent(
      attempt,
      ada,
      [{ users_id: BOB.id }, { user: BOB.id }, { status: 1 }],
      (tool, smuggled) => tool === 'list_timesheet_approvals' && 'status' in smuggled,
    );
    const auditBefore = (await audit()).length;
    const filed = await attempt(ada, 'Ada request_leave', 'request_leave', { type: 'vacation', first_day: leaveDay, comment: 'Ada holiday' });
    expect(filed.result.isError, textOf(filed.result)).toBeFalsy();
    for (const request of filed.writes) expect(JSON.parse(request.body)).toMatchObject({ users_id: ADA.id, status: 0 });
    const mine = fake.state.absences.filter((absence) => absence.usersId === ADA.id && absence.id !== ids.adaApproved);
    expect(mine.map((absence) => absence.status)).toEqual([0]);
    const records = (await audit()).slice(auditBefore);
    expect(records.map((record) => [record.tool, record.person, record.outcome, record.via])).toEqual([
      ['request_leave', 'Ada Worker <ada@example.com>', 'done', 'organisation'],
    ]);
  });

  it("Ada: other people's absences guessed by number are never withdrawn, her approved one is not cancelled, nobody's note is shown", async () => {
    const ada = await signIn('ada');
    const numbers = fake.state.absences.map((absence) => absence.id);
    for (let id = Math.min(...numbers) - 2; id <= Math.max(...numbers) + 2; id++) {
      const owner = fake.state.absences.find((absence) => absence.id === id)?.usersId;
      if (owner === ADA.id && id !== ids.adaApproved) continue;
      const { result, writes } = await attempt(ada, `Ada cancel_leave_request #${id}`, 'cancel_leave_request', { id });
      expectSentence(result, `cancel #${id}`);
      expect(writes).toEqual([]);
    }
    expect(statusOf(ids.adaApproved)).toBe(1);
    expect(statusOf(ids.bob)).toBe(0);
    for (const [tool, args] of [
      ['list_leave_requests', { from: today, to: addDays(today, 90) }],
      ['absence_calendar', { from: leaveDay, to: addDays(leaveDay, 13) }],
      ['leave_balance', {}],
    ] as const) {
      const { result, writes } = await attempt(ada, `Ada ${tool}`, tool, args);
      expect(writes).toEqual([]);
      const text = JSON.stringify(result);
      for (const secret of ['Bob private note', 'Bob approved note', 'Kai private note', 'Lea own note', 'Kai Other'])
        expect(text, `${tool}: ${secret}`).not.toContain(secret);
    }
  });

  it('Lea (lead): decides her people only, never her own, a stranger or a decided one; Clockodo names the owner, the note and audit name Lea', async () => {
    const lea = await signIn('lea');
    const pending = await attempt(lea, 'Lea list_pending_leave', 'list_pending_leave');
    expect(pending.result.isError, textOf(pending.result)).toBeFalsy();
    const people = (pending.result.structuredContent?.requests as Array<{ person: string }>).map((request) => request.person);
    expect(people).not.toContain('Kai Other');
    expect(JSON.stringify(pending.result)).not.toContain('Kai private note');
    for (const [label, id] of [
      ['her own', ids.lea],
      ["Kai's (another team)", ids.kai],
      ["Bob's already approved", ids.bobApproved],
      ['one that does not exist', 999],
    ] as const) {
      const { result, writes } = await attempt(lea, `Lea decide_leave_request ${label} #${id}`, 'decide_leave_request', { id, decision: 'approve' });
      expectSentence(result, label);
      expect(writes).toEqual([]);
    }
    expect([statusOf(ids.lea), statusOf(ids.kai)]).toEqual([0, 0]);
    const auditBefore = (await audit()).length;
    const decided = await attempt(lea, "Lea decide_leave_request Bob's", 'decide_leave_request', { id: ids.bob, decision: 'approve', reason: 'Enjoy' });
    expect(decided.result.isError, textOf(decided.result)).toBeFalsy();
    expect(decided.writes.map((request) => [request.method, request.path])).toEqual([['PUT', `/api/v4/absences/${ids.bob}`]]);
    const bob = fake.state.absences.find((absence) => absence.id === ids.bob);
    expect(bob?.status).toBe(1);
    expect(bob?.note).toContain('Bob private note');
    expect(bob?.note).toContain('Lea Lead');
    const records = (await audit()).slice(auditBefore);
    expect(records.map((record) => [record.tool, record.person, record.outcome, record.via])).toEqual([
      ['decide_leave_request', 'Lea Lead <lea@example.com>', 'done', 'organisation'],
    ]);
    const again = await attempt(lea, "Lea decide_leave_request Bob's again (reject)", 'decide_leave_request', { id: ids.bob, decision: 'reject' });
    expectSentence(again.result, 'decided twice');
    expect(again.writes).toEqual([]);
  });

  it("Kai (another team) and Olga (the key's own user): Kai reaches nobody's; Olga's own filing waits and her own is not hers to decide", async () => {
    const kai = await signIn('kai');
    for (const [tool, args] of [
      ['cancel_leave_request', { id: ids.lea }],
      ['decide_leave_request', { id: ids.lea, decision: 'approve' }],
      ['list_pending_leave', {}],
    ] as const) {
      const { result, writes } = await attempt(kai, `Kai ${tool}`, tool, args);
      expect(result.isError, `Kai ${tool}`).toBe(true);
      expect(writes).toEqual([]);
      expect(JSON.stringify(result)).not.toContain('Lea own note');
    }
    const olga = await signIn('olga');
    const filed = await attempt(olga, 'Olga request_leave', 'request_leave', { type: 'vacation', first_day: addDays(leaveDay, 15) });
    expect(filed.result.isError, textOf(filed.result)).toBeFalsy();
    // One day over her entitlement reads as one day.
    expect(textOf(filed.result)).not.toMatch(/\b1 days\b/);
    const own = fake.state.absences.filter((absence) => absence.usersId === OLGA.id);
    expect(own.map((absence) => absence.status)).toEqual([0]);
    const decideOwn = await attempt(olga, 'Olga decide_leave_request her own', 'decide_leave_request', { id: own[0]?.id, decision: 'approve' });
    expectSentence(decideOwn.result, 'owner decides her own');
    expect(decideOwn.writes).toEqual([]);
    expect(own[0]?.status).toBe(0);
  });

  it('every write of the run is audited as the person who made it, through the organisation; nothing approved was filed', async () => {
    const lines = await audit();
    for (const line of lines) expect([line.person, line.via]).toEqual([expect.stringMatching(/^(Ada Worker|Lea Lead|Kai Other|Olga Owner) </), 'organisation']);
    const filedPosts = fake.requests.filter((request) => request.method === 'POST' && request.path === '/api/v4/absences');
    expect(filedPosts.length).toBe(2);
    for (const post of filedPosts) expect(JSON.parse(post.body).status).toBe(0);
  });

  it('a tool withheld under the organisation account, called by name, says why in words', async () => {
    const ada = await signIn('ada');
    for (const [tool, args] of [
      ['list_pending_leave', {}],
      ['decide_leave_request', { id: ids.bob, decision: 'approve' }],
      ['submit_timesheet', {}],
      ['decide_timesheet', { id: '1', decision: 'approve' }],
    ] as const) {
      const { result, sent } = await attempt(ada, `Ada ${tool} (withheld)`, tool, args);
      expectSentence(result, `Ada ${tool}`);
      expect(sent).toEqual([]);
    }
  });
});

describe('a Clockodo lead where the company switched on the leave decisions alone (built server)', () => {
  const [ADA, BOB, , OLGA] = CLOCKODO_USERS as [ClockodoUser, ClockodoUser, ClockodoUser, ClockodoUser];
  const LEA: ClockodoUser = { ...ADA, id: 5, name: 'Lea Lead', email: 'lea@example.com', apiKey: 'key-lea-0123456789abcdef' };
  let fake: FakeClockodo;
  let idp: IdentityProvider;
  let server: TeamServerHandle;

  beforeAll(async () => {
    fake = await startFakeClockodo({ users: [ADA, BOB, OLGA, LEA] });
    const team = fake.state.teams.find((candidate) => candidate.id === 1);
    if (team) team.leader = LEA.id;
    fake.addAbsence({ usersId: BOB.id, dateSince: mondayIn(3), dateUntil: mondayIn(3), type: 1, status: 0 });
    const port = await freePort();
    idp = await companyAccounts(port, [accountOf(LEA)]);
    ({ server } = await organisationServer(idp, port, { type: 'clockodo', url: fake.url }, OLGA.apiKey, {
      built: true,
      organisation: { user: OLGA.email },
      settings: { tools: { enabled: { list_pending_leave: true, decide_leave_request: true } } },
    }));
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.close();
    await fake?.close();
  });

  it("offers Lea her people's leave without the team report switched on", async () => {
    const lea = await connectAs(server, { era: 'modern', signIn: companySignIn(idp, 'lea') });
    try {
      await lea.call('whoami');
      const pending = await answerOf(lea, 'list_pending_leave', {});
      expect(pending.isError, textOf(pending)).toBeFalsy();
      expect(textOf(pending)).toContain('Bob Colleague');
    } finally {
      await lea.close();
    }
  });
});

describe('outside check of issue 76 on Clockify (built server)', () => {
  const WS = SEED.workspaces.acme;
  const ADA = CLOCKIFY_ADA.id;
  const { mia: MIA, wes: WES } = TEAM.users;
  const { bob: BOB, cleo: CLEO } = SEED.users;
  let fake: FakeClockify;
  let idp: IdentityProvider;
  let server: TeamServerHandle;
  const leaveDay = mondayIn(3);
  const lastMonday = mondayIn(-1);
  const requests: Record<'wes' | 'cleo' | 'cleoApproved' | 'mia', string> = { wes: '', cleo: '', cleoApproved: '', mia: '' };
  const weeks: Record<'wes' | 'cleo' | 'mia', string> = { wes: '', cleo: '', mia: '' };

  beforeAll(async () => {
    fake = await acmeWithTeam();
    const day = (offset: number) => addDays(leaveDay, offset);
    requests.wes = addTimeOff(fake, { userId: WES, start: day(1), end: day(1), note: 'Wes private note' }).id;
    requests.cleo = addTimeOff(fake, { userId: CLEO, start: day(2), end: day(2), note: 'Cleo private note' }).id;
    requests.cleoApproved = addTimeOff(fake, { userId: CLEO, start: day(8), end: day(8), status: 'APPROVED', note: 'Cleo approved note' }).id;
    requests.mia = addTimeOff(fake, { userId: MIA, start: day(3), end: day(3), note: 'Mia own note' }).id;
    const week = (ownerId: string): string => {
      const request: FakeApprovalRequest = {
        id: newId(0x61),
        workspaceId: WS,
        ownerId,
        creatorId: ownerId,
        start: lastMonday,
        end: addDays(lastMonday, 6),
        state: 'PENDING',
        note: '',
        updatedAt: at(lastMonday, '09:00'),
        updatedBy: ownerId,
      };
      approvalRequestsOf(fake.state).push(request);
      addEntry(fake, { userId: ownerId, start: at(lastMonday, '09:00'), end: at(lastMonday, '10:00'), projectId: SEED.projects.website });
      return request.id;
    };
    weeks.wes = week(WES);
    weeks.cleo = week(CLEO);
    weeks.mia = week(MIA);
    addEntry(fake, { userId: ADA, start: at(lastMonday, '09:00'), end: at(lastMonday, '11:00'), projectId: SEED.projects.website });
    const port = await freePort();
    const people = fake.state.users.filter((user) => user.workspaces.includes(WS));
    idp = await companyAccounts(port, people.map(accountOf));
    ({ server } = await acmeServer(idp, port, fake, EVERY_TOOL));
  });
  // Clockify's searches are POSTs that change nothing (getTimeOffRequest, the users' search).
  const searches = /\/(time-off\/requests|users\/info)$/;
  const { signIn, attempt, audit } = callsOn(
    'Clockify',
    () => ({ fake, idp, server }),
    (request) => WRITES.has(request.method) && !searches.test(request.path),
  );
  const timeOff = (id: string) => fake.state.timeOff.find((request) => request.id === id);
  const weekOf = (id: string) => approvalRequestsOf(fake.state).find((request) => request.id === id);
  const SECRETS = ['Wes private note', 'Cleo private note', 'Cleo approved note', 'Mia own note', 'Wes Worker'];

  it('Ada: smuggled people refused unsent; her filing waits and is hers; one Clockify approves at once is taken back', async () => {
    heard.length = 0;
    const ada = await signIn('ada');
    await hearTools("Ada's", ada);
    await expectEveryToolRefusesUnsent(attempt, ada, [{ userId: WES }, { user: WES }, { workspace: SEED.workspaces.side }]);
    const auditBefore = (await audit()).length;
    const filed = await attempt(ada, 'Ada request_leave', 'request_leave', { type: 'vacation', first_day: leaveDay, comment: 'Ada holiday' });
    expect(filed.result.isError, textOf(filed.result)).toBeFalsy();
    expect(filed.writes.map((request) => [request.method, request.path])).toEqual([
      ['POST', `/api/v1/workspaces/${WS}/time-off/policies/${SEED.policies.vacation}/users/${ADA}/requests`],
    ]);
    expect(fake.state.timeOff.filter((request) => request.userId === ADA).map((request) => request.status)).toEqual(['PENDING']);
    const records = (await audit()).slice(auditBefore);
    expect(records.map((record) => [record.tool, record.person, record.outcome, record.via])).toEqual([
      ['request_leave', 'Ada Lovelace <ada@acme.example>', 'done', 'organisation'],
    ]);
    (fake.options as { filedForOthersApproved: boolean }).filedForOthersApproved = true;
    try {
      const atOnce = await attempt(ada, 'Ada request_leave (Clockify approves at once)', 'request_leave', {
        type: 'vacation',
        first_day: addDays(leaveDay, 7),
      });
      expectSentence(atOnce.result, 'approved at once');
      expect(fake.state.timeOff.filter((request) => request.userId === ADA && request.status === 'APPROVED')).toEqual([]);
    } finally {
      (fake.options as { filedForOthersApproved: boolean }).filedForOthersApproved = false;
    }
  });

  it("Ada: after a calendar that read the whole workspace, no guessed number reaches anyone else's request, and nobody's note is shown", async () => {
    const ada = await signIn('ada');
    for (const [tool, args] of [
      ['absence_calendar', { from: leaveDay, to: addDays(leaveDay, 13) }],
      ['list_leave_requests', { from: today, to: addDays(today, 90) }],
      ['leave_balance', {}],
      ['list_timesheet_approvals', {}],
    ] as const) {
      const { result, writes } = await attempt(ada, `Ada ${tool}`, tool, args);
      expect(writes).toEqual([]);
      for (const secret of SECRETS) expect(JSON.stringify(result), `${tool}: ${secret}`).not.toContain(secret);
    }
    const own = new Set(fake.state.timeOff.filter((request) => request.userId === ADA).map((request) => request.id));
    for (let number = 1; number <= 30; number++) {
      const { result, writes } = await attempt(ada, `Ada cancel_leave_request #${number}`, 'cancel_leave_request', { id: number });
      for (const write of writes)
        expect(
          [...own].some((id) => write.path.endsWith(`/requests/${id}`)),
          `${number}: ${write.method} ${write.path}`,
        ).toBe(true);
      if (writes.length === 0) expectSentence(result, `cancel #${number}`);
    }
    for (const id of [requests.wes, requests.cleo, requests.mia]) expect(timeOff(id)?.status).toBe('PENDING');
    for (const [label, id] of [
      ["Wes's week", weeks.wes],
      ["Cleo's week", weeks.cleo],
      ["Mia's week", weeks.mia],
    ] as const) {
      const withdraw = await attempt(ada, `Ada withdraw_timesheet ${label}`, 'withdraw_timesheet', { id });
      expectSentence(withdraw.result, `withdraw ${label}`);
      expect(withdraw.writes).toEqual([]);
      const decide = await attempt(ada, `Ada decide_timesheet ${label}`, 'decide_timesheet', { id, decision: 'approve' });
      expect(decide.result.isError).toBe(true);
      expect(decide.writes).toEqual([]);
    }
    expect([weeks.wes, weeks.cleo, weeks.mia].map((id) => weekOf(id)?.state)).toEqual(['PENDING', 'PENDING', 'PENDING']);
  });

  it('Ada: her week is submitted in her name and audited as hers; a second submission of it is refused', async () => {
    const ada = await signIn('ada');
    const submitted = await attempt(ada, 'Ada submit_timesheet', 'submit_timesheet', { period_start: lastMonday });
    expect(submitted.result.isError, textOf(submitted.result)).toBeFalsy();
    expect(submitted.writes.map((request) => [request.method, request.path])).toEqual([['POST', `/api/v1/workspaces/${WS}/approval-requests/users/${ADA}`]]);
    const again = await attempt(ada, 'Ada submit_timesheet again', 'submit_timesheet', { period_start: lastMonday });
    expectSentence(again.result, 'submitted twice');
    expect(again.writes).toEqual([]);
    const records = (await audit()).filter((record) => record.tool === 'submit_timesheet' && record.outcome === 'done');
    expect(records.map((record) => [record.person, record.via])).toEqual([['Ada Lovelace <ada@acme.example>', 'organisation']]);
  });

  it('Mia (team manager): decides Ada and Cleo only, never her own, Wes or a decided one; Clockify names the key, the note and audit name Mia', async () => {
    const mia = await signIn('mia');
    const pending = await attempt(mia, 'Mia list_pending_leave', 'list_pending_leave');
    expect(pending.result.isError, textOf(pending.result)).toBeFalsy();
    expect(JSON.stringify(pending.result)).not.toMatch(/Wes private note|Wes Worker|Mia own note/);
    const numberOf = (note: string) => Number(new RegExp(`#(\\d+) [^\\n]*${note}`).exec(textOf(pending.result))?.[1]);
    const cleo = numberOf('Cleo private note');
    expect(cleo).toBeGreaterThan(0);
    // Every number the list showed is one of her people's: the guesses are all the others.
    const listed = new Set([...textOf(pending.result).matchAll(/#(\d+) /g)].map((match) => Number(match[1])));
    for (let number = 1; number <= 30; number++) {
      if (listed.has(number)) continue;
      const { result, writes } = await attempt(mia, `Mia decide_leave_request #${number}`, 'decide_leave_request', { id: number, decision: 'reject' });
      for (const write of writes) expect(write.path, `#${number}`).not.toMatch(new RegExp(`${requests.wes}|${requests.mia}|${requests.cleoApproved}`));
      if (writes.length === 0) expect(result.isError, `#${number}`).toBe(true);
    }
    expect([timeOff(requests.wes)?.status, timeOff(requests.mia)?.status, timeOff(requests.cleoApproved)?.status]).toEqual(['PENDING', 'PENDING', 'APPROVED']);
    const auditBefore = (await audit()).length;
    const decided = await attempt(mia, "Mia decide_leave_request Cleo's", 'decide_leave_request', { id: cleo, decision: 'approve', reason: 'Enjoy' });
    expect(decided.result.isError, textOf(decided.result)).toBeFalsy();
    expect(timeOff(requests.cleo)?.status).toBe('APPROVED');
    expect(timeOff(requests.cleo)?.changedBy).toBe(BOB);
    expect(timeOff(requests.cleo)?.statusNote).toContain('Mia Manager');
    const twice = await attempt(mia, "Mia decide_leave_request Cleo's again", 'decide_leave_request', { id: cleo, decision: 'reject' });
    expectSentence(twice.result, 'decided twice');
    expect(twice.writes).toEqual([]);
    for (const person of ['Wes Worker', 'Bob Builder', 'Mia Manager']) {
      const { result, writes } = await attempt(mia, `Mia list_timesheet_approvals person=${person}`, 'list_timesheet_approvals', { person });
      expect(writes).toEqual([]);
      expect(JSON.stringify(result)).not.toContain(weeks.wes);
    }
    for (const [label, id] of [
      ["Wes's week", weeks.wes],
      ['her own week', weeks.mia],
    ] as const) {
      const { result, writes } = await attempt(mia, `Mia decide_timesheet ${label}`, 'decide_timesheet', { id, decision: 'approve' });
      expectSentence(result, label);
      expect(writes).toEqual([]);
    }
    const approved = await attempt(mia, "Mia decide_timesheet Cleo's week", 'decide_timesheet', { id: weeks.cleo, decision: 'approve', note: 'Fine' });
    expect(approved.result.isError, textOf(approved.result)).toBeFalsy();
    expect(weekOf(weeks.cleo)?.state).toBe('APPROVED');
    expect(weekOf(weeks.cleo)?.updatedBy).toBe(BOB);
    expect(weekOf(weeks.cleo)?.note).toContain('Mia Manager');
    expect([weekOf(weeks.wes)?.state, weekOf(weeks.mia)?.state]).toEqual(['PENDING', 'PENDING']);
    const records = (await audit()).slice(auditBefore).filter((record) => record.outcome === 'done');
    expect(records.map((record) => [record.tool, record.person, record.via])).toEqual([
      ['decide_leave_request', 'Mia Manager <mia@acme.example>', 'organisation'],
      ['decide_timesheet', 'Mia Manager <mia@acme.example>', 'organisation'],
    ]);
  });

  it("Wes (led by nobody) and Bob (the key's own user): Wes reaches nobody's; Bob decides as his own admin role would, never his own", async () => {
    const wes = await signIn('wes');
    for (const [tool, args] of [
      ['list_pending_leave', {}],
      ['decide_timesheet', { id: weeks.mia, decision: 'approve' }],
      ['withdraw_timesheet', { id: weeks.mia }],
      ['list_timesheet_approvals', { person: 'Ada Lovelace' }],
    ] as const) {
      const { result, writes } = await attempt(wes, `Wes ${tool}`, tool, args);
      expect(writes).toEqual([]);
      expect(JSON.stringify(result)).not.toMatch(/Mia own note|Ada holiday/);
    }
    const bob = await signIn('bob');
    const before = new Set(fake.state.timeOff.map((request) => request.id));
    const filed = await attempt(bob, 'Bob request_leave', 'request_leave', { type: 'vacation', first_day: addDays(leaveDay, 15) });
    expect(filed.result.isError, textOf(filed.result)).toBeFalsy();
    const own = fake.state.timeOff.filter((request) => request.userId === BOB && !before.has(request.id));
    expect(own.map((request) => request.status)).toEqual(['PENDING']);
    const pending = await attempt(bob, 'Bob list_pending_leave', 'list_pending_leave');
    expect(textOf(pending.result)).not.toMatch(/#\d+ Bob Builder/);
    const number = Number(/Requested #(\d+)/.exec(textOf(filed.result))?.[1]);
    const decideOwn = await attempt(bob, 'Bob decide_leave_request his own', 'decide_leave_request', { id: number, decision: 'approve' });
    expectSentence(decideOwn.result, 'admin decides his own');
    expect(decideOwn.writes).toEqual([]);
    expect(own[0]?.status).toBe('PENDING');
  });

  it('Cleo: the week Mia approved through the key is locked for her as her own key would find it', async () => {
    expect(weekOf(weeks.cleo)?.state).toBe('APPROVED');
    const cleo = await signIn('cleo');
    const { result, writes } = await attempt(cleo, 'Cleo log_time in her approved week', 'log_time', { date: lastMonday, duration: '1h', project: 'Website' });
    expectSentence(result, 'log_time in an approved week');
    expect(writes).toEqual([]);
  });

  it('every write of the run is audited as the person who made it, through the organisation', async () => {
    const lines = await audit();
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines)
      expect([line.person, line.via]).toEqual([expect.stringMatching(/^(Ada Lovelace|Mia Manager|Wes Worker|Bob Builder|Cleo Patra) </), 'organisation']);
  });

  it('a tool withheld under the organisation account, called by name, says why in words', async () => {
    const wes = await signIn('wes');
    for (const [tool, args] of [
      ['list_pending_leave', {}],
      ['decide_leave_request', { id: 1, decision: 'approve' }],
    ] as const) {
      const { result, sent } = await attempt(wes, `Wes ${tool} (withheld)`, tool, args);
      expectSentence(result, `Wes ${tool}`);
      expect(sent).toEqual([]);
    }
  });
});

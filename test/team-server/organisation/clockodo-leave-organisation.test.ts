// Leave under one organisation credential on Clockodo (issue 76), through the BUILT team server, the OpenID provider
// stand-in and the fake Clockodo, whose request log is the evidence. The key is the company owner's, which Clockodo
// lets file an absence approved at once (the fake does so for a filing that states no status). Ada, a worker of
// Development, files, lists, weighs and withdraws her own leave and sees her team's absences; Lea leads Development and
// decides Ada's and Bob's leave, never her own or Kai's; Kai, of another team, reaches nobody's; Olga, the owner whose
// key it is, signed in as herself, files leave that waits like anyone's. Every refusal is in words with nothing
// written, and every write is audited under the person or lead who made it, marked as made through the organisation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../support/audit-log.ts';
import { refusalOf, textOf, type ToolResult } from '../../support/engine.ts';
import { companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import { type ConnectedClient, connectAs, freePort, type TeamServerHandle } from '../../support/team-server.ts';
import { DEFAULT_USERS, type FakeClockodo, type FakeUser, type RecordedRequest, startFakeClockodo } from '../../mcp-server/providers/clockodo/fake-clockodo.ts';
import { organisationServer } from './organisation-support.ts';

const [ADA, BOB, MIA, OLGA] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser, FakeUser];
const LEA: FakeUser = { ...ADA, id: 10, name: 'Lea Lead', email: 'lea@example.com', apiKey: 'key-lea-0123456789abcdef', teamsId: 1 };
const KAI: FakeUser = { ...BOB, id: 12, name: 'Kai Other', email: 'kai@example.com', apiKey: 'key-kai-0123456789abcdef', teamsId: 3 };
/** The team group and the withdrawal of leave (a change, off by default) switched on, as an administrator does in server.json. */
const TEAM_ON = { tools: { groups: { team: true }, enabled: { cancel_leave_request: true } } };
const PERSON_TOOLS = ['absence_calendar', 'cancel_leave_request', 'leave_balance', 'list_leave_requests', 'request_leave'];
const LEAD_TOOLS = ['decide_leave_request', 'list_pending_leave'];
/** Clockodo keeps no timesheet approvals: none of these is ever offered. */
const APPROVAL_TOOLS = ['submit_timesheet', 'withdraw_timesheet', 'list_timesheet_approvals', 'decide_timesheet'];

/** A Tuesday at least `weeks` weeks from today (the built server keeps the system's clock), as YYYY-MM-DD. */
function tuesdayIn(weeks: number): string {
  const day = new Date(Date.now() + weeks * 7 * 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((2 - day.getUTCDay() + 7) % 7));
  return day.toISOString().slice(0, 10);
}

const line = (request: RecordedRequest) => `${request.method} ${request.path}`;
const bodyOf = (request: RecordedRequest) => JSON.parse(request.body) as Record<string, unknown>;

describe('leave under one organisation credential on Clockodo (built server)', () => {
  let fake: FakeClockodo;
  let idp: IdentityProvider;
  let server: TeamServerHandle;
  const writesSince = (from: number) => fake.requests.slice(from).filter((request) => request.method !== 'GET');
  const sinceCall = async (client: ConnectedClient, name: string, args: Record<string, unknown>): Promise<{ result: ToolResult; sent: RecordedRequest[] }> => {
    const before = fake.requests.length;
    const result = await client.call(name, args);
    return { result, sent: fake.requests.slice(before) };
  };
  async function signedIn<T>(account: string, work: (client: ConnectedClient) => Promise<T>): Promise<T> {
    const client = await connectAs(server, { era: 'modern', signIn: companySignIn(idp, account) });
    try {
      return await work(client);
    } finally {
      await client.close();
    }
  }
  const listed = async (client: ConnectedClient) => (await client.client.listTools()).tools.map((tool) => tool.name);
  const leaveTools = (names: string[]) => names.filter((name) => [...PERSON_TOOLS, ...LEAD_TOOLS, ...APPROVAL_TOOLS].includes(name)).sort();

  beforeAll(async () => {
    fake = await startFakeClockodo({ users: [ADA, BOB, MIA, OLGA, LEA, KAI] });
    (fake.state.teams.find((team) => team.id === 1) as { leader: number | null }).leader = LEA.id;
    // Everyone works Monday to Friday, so a Tuesday costs a day.
    for (const [index, user] of [ADA, BOB, MIA, OLGA, LEA, KAI].entries())
      fake.state.targetHours.push({ id: 900 + index, usersId: user.id, type: 'weekly', dateSince: '2020-01-01', dateUntil: null, week: [8, 8, 8, 8, 8, 0, 0] });
    const year = Number(tuesdayIn(3).slice(0, 4));
    for (const [index, user] of [ADA, OLGA].entries())
      fake.state.holidaysQuota.push({ id: 800 + index, usersId: user.id, yearSince: year, yearUntil: null, count: 28 });
    const port = await freePort();
    idp = await startIdentityProvider({
      accounts: [
        { id: 'ada', name: 'Ada W.', email: ADA.email, emailVerified: true },
        { id: 'lea', name: 'Lea L.', email: LEA.email, emailVerified: true },
        { id: 'kai', name: 'Kai O.', email: KAI.email, emailVerified: true },
        { id: 'olga', name: 'Olga O.', email: OLGA.email, emailVerified: true },
      ],
      redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`],
    });
    ({ server } = await organisationServer(idp, port, { type: 'clockodo', url: fake.url }, OLGA.apiKey, {
      built: true,
      organisation: { user: OLGA.email },
      settings: TEAM_ON,
    }));
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.close();
    await fake?.close();
  });

  it('lets Ada file leave that waits, list it, weigh her balance and withdraw it, each request naming her, each write audited as hers through the organisation', async () => {
    const day = tuesdayIn(3);
    const auditBefore = (await readAudit(server)).lines.length;
    const id = await signedIn('ada', async (ada) => {
      expect(leaveTools(await listed(ada))).toEqual(PERSON_TOOLS);
      const filed = await sinceCall(ada, 'request_leave', { type: 'vacation', first_day: day, comment: 'Family visit' });
      expect(filed.result.isError, textOf(filed.result)).toBeFalsy();
      const posted = filed.sent.filter((request) => request.method === 'POST');
      expect(posted.map(line)).toEqual(['POST /api/v4/absences']);
      // Named, and sent as waiting: the owner's key stating nothing would have filed it approved.
      expect(bodyOf(posted[0] as RecordedRequest)).toMatchObject({ users_id: ADA.id, status: 0, date_since: day, type: 1 });
      const stored = fake.state.absences.find((absence) => absence.usersId === ADA.id);
      expect(stored).toMatchObject({ status: 0, approvedBy: null });
      expect(filed.sent.map(line)).toContain(`GET /api/v4/absences/${stored?.id}`);

      const list = await sinceCall(ada, 'list_leave_requests', { from: day, to: day });
      expect(list.result.structuredContent).toMatchObject({ requests: [{ id: stored?.id, status: 'pending' }] });
      for (const request of list.sent.filter((sent) => sent.path === '/api/v4/absences'))
        expect(new URLSearchParams(request.query).getAll('filter[users_id][]')).toEqual([String(ADA.id)]);

      const balance = await sinceCall(ada, 'leave_balance', { year: Number(day.slice(0, 4)) });
      expect(balance.result.structuredContent).toMatchObject({ entitlement: 28, source: 'back_end' });
      for (const request of balance.sent.filter((sent) => /holidays/.test(sent.path)))
        expect(new URLSearchParams(request.query).get('users_id')).toBe(String(ADA.id));

      const calendar = await sinceCall(ada, 'absence_calendar', { from: day, to: day });
      expect(calendar.result.isError, textOf(calendar.result)).toBeFalsy();
      // Her team alone (she may see absences): Ada, Bob and Lea, never Kai, Mia or the owner.
      for (const request of calendar.sent.filter((sent) => sent.path === '/api/v4/absences'))
        expect(new URLSearchParams(request.query).getAll('filter[users_id][]').sort()).toEqual([ADA.id, BOB.id, LEA.id].map(String).sort());

      const cancelled = await sinceCall(ada, 'cancel_leave_request', { id: stored?.id });
      expect(cancelled.result.isError, textOf(cancelled.result)).toBeFalsy();
      expect(cancelled.sent.map(line)[0]).toBe(`GET /api/v4/absences/${stored?.id}`);
      return stored?.id;
    });
    expect(fake.state.absences.some((absence) => absence.id === id)).toBe(false);
    const records = (await readAudit(server)).lines.slice(auditBefore);
    expect(records.map((record) => [record.tool, record.person, record.via])).toEqual([
      ['request_leave', 'Ada W. <ada@example.com>', 'organisation'],
      ['cancel_leave_request', 'Ada W. <ada@example.com>', 'organisation'],
    ]);
  });

  it("refuses Ada a colleague's absence by id in words, reading it alone and writing nothing", async () => {
    const bobs = fake.addAbsence({ usersId: BOB.id, dateSince: tuesdayIn(4), dateUntil: tuesdayIn(4), type: 1, status: 0 });
    await signedIn('ada', async (ada) => {
      const refused = await sinceCall(ada, 'cancel_leave_request', { id: bobs.id });
      expect(refusalOf(refused.result)).toEqual({ code: 'clockodo_absence_not_yours', facts: { absence: bobs.id } });
      expect(textOf(refused.result)).toContain('is not yours; Punchcard only cancels your own requests.');
      expect(refused.sent.filter((request) => request.path.startsWith('/api/v4/absences')).map(line)).toEqual([`GET /api/v4/absences/${bobs.id}`]);
      expect(writesSince(fake.requests.length - refused.sent.length)).toEqual([]);
      // Ada decides nobody's leave: the lead's tools are not hers.
      expect((await listed(ada)).filter((name) => LEAD_TOOLS.includes(name))).toEqual([]);
    });
    expect(fake.state.absences.find((absence) => absence.id === bobs.id)?.status).toBe(0);
  });

  it("lets Lea list and decide her people's leave, never Kai's or her own: the note names her, Clockodo names the owner, the audit names her", async () => {
    const ada = fake.addAbsence({ usersId: ADA.id, dateSince: tuesdayIn(5), dateUntil: tuesdayIn(5), type: 1, status: 0, note: 'Wedding' });
    const kai = fake.addAbsence({ usersId: KAI.id, dateSince: tuesdayIn(5), dateUntil: tuesdayIn(5), type: 1, status: 0 });
    const own = fake.addAbsence({ usersId: LEA.id, dateSince: tuesdayIn(6), dateUntil: tuesdayIn(6), type: 1, status: 0 });
    const auditBefore = (await readAudit(server)).lines.length;
    await signedIn('lea', async (lea) => {
      expect(leaveTools(await listed(lea))).toEqual([...PERSON_TOOLS, ...LEAD_TOOLS].sort());
      const pending = await sinceCall(lea, 'list_pending_leave', {});
      const ids = (pending.result.structuredContent as { requests: Array<{ id: number }> }).requests.map((request) => request.id);
      expect(ids).toContain(ada.id);
      expect(ids).not.toContain(kai.id);
      expect(ids).not.toContain(own.id);
      // Every listing of absences names people, Kai never; Clockodo's own "manageable" scope (everyone's, under the
      // owner's key) is never asked.
      for (const request of pending.sent.filter((sent) => sent.path === '/api/v4/absences')) {
        const named = new URLSearchParams(request.query).getAll('filter[users_id][]');
        expect(named.length).toBeGreaterThan(0);
        expect(named).not.toContain(String(KAI.id));
        expect(new URLSearchParams(request.query).get('scope')).toBeNull();
      }

      for (const [id, code, words] of [
        [kai.id, 'clockodo_leave_request_not_managed', 'is not one Clockodo lets you decide (it is not among the absences you manage). Nothing was sent.'],
        [own.id, 'leave_request_own', 'is your own; somebody else decides it. Nothing was sent.'],
      ] as const) {
        const refused = await sinceCall(lea, 'decide_leave_request', { id, decision: 'approve' });
        expect(refusalOf(refused.result)?.code).toBe(code);
        expect(textOf(refused.result)).toContain(words);
        expect(refused.sent.filter((request) => request.method !== 'GET')).toEqual([]);
      }

      const decided = await sinceCall(lea, 'decide_leave_request', { id: ada.id, decision: 'approve' });
      expect(decided.result.isError, textOf(decided.result)).toBeFalsy();
      expect(decided.sent.filter((request) => request.method !== 'GET').map(line)).toEqual([`PUT /api/v4/absences/${ada.id}`]);
    });
    expect(fake.state.absences.find((absence) => absence.id === ada.id)).toMatchObject({
      status: 1,
      approvedBy: OLGA.id,
      note: "Wedding\nApproved by Lea Lead through Punchcard (Clockodo names the company's account).",
    });
    expect(fake.state.absences.filter((absence) => [kai.id, own.id].includes(absence.id)).map((absence) => absence.status)).toEqual([0, 0]);
    const records = (await readAudit(server)).lines.slice(auditBefore);
    expect(records.filter((record) => record.outcome === 'done').map((record) => [record.tool, record.person, record.via])).toEqual([
      ['decide_leave_request', 'Lea L. <lea@example.com>', 'organisation'],
    ]);
  });

  it("gives Kai, of another team, no lead's tools and none of Development's absences, and refuses Ada's request to him", async () => {
    const adas = fake.addAbsence({ usersId: ADA.id, dateSince: tuesdayIn(7), dateUntil: tuesdayIn(7), type: 1, status: 0 });
    await signedIn('kai', async (kai) => {
      expect(leaveTools(await listed(kai))).toEqual(PERSON_TOOLS);
      const calendar = await sinceCall(kai, 'absence_calendar', { from: tuesdayIn(7), to: tuesdayIn(7) });
      expect(JSON.stringify(calendar.result.structuredContent)).not.toContain('Ada');
      for (const request of calendar.sent.filter((sent) => sent.path === '/api/v4/absences'))
        expect(new URLSearchParams(request.query).getAll('filter[users_id][]')).toEqual([String(KAI.id)]);
      const refused = await sinceCall(kai, 'cancel_leave_request', { id: adas.id });
      expect(refusalOf(refused.result)?.code).toBe('clockodo_absence_not_yours');
      expect(refused.sent.filter((request) => request.method !== 'GET')).toEqual([]);
    });
    expect(fake.state.absences.find((absence) => absence.id === adas.id)?.status).toBe(0);
  });

  it("files the owner's own leave as waiting too, though her key could approve it, and refuses her deciding it", async () => {
    const day = tuesdayIn(8);
    await signedIn('olga', async (olga) => {
      expect(leaveTools(await listed(olga))).toEqual([...PERSON_TOOLS, ...LEAD_TOOLS].sort());
      const filed = await sinceCall(olga, 'request_leave', { type: 'vacation', first_day: day });
      expect(filed.result.isError, textOf(filed.result)).toBeFalsy();
      const stored = fake.state.absences.find((absence) => absence.usersId === OLGA.id && absence.dateSince === day);
      expect(stored).toMatchObject({ status: 0, approvedBy: null });
      const refused = await sinceCall(olga, 'decide_leave_request', { id: stored?.id, decision: 'approve' });
      expect(refusalOf(refused.result)?.code).toBe('leave_request_own');
      expect(refused.sent.filter((request) => request.method !== 'GET')).toEqual([]);
    });
  });
});

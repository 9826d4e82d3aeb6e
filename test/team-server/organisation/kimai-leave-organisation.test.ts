// Leave and the week's close on Kimai under one organisation credential (issue 76), through the BUILT team server, the
// OpenID provider stand-in and the fake Kimai with its absence and ApprovalBundle plugins, which acts for anyone the
// super administrator's key names and narrows nothing itself. Mia (a plain user) files, lists and cancels her own leave
// and submits her week; Tom leads her team, lists her pending leave and weeks and decides her leave through the key (as
// his own token would: the plugin's record names no decider), never his own nor Ada's, but not her weeks (the
// ApprovalBundle decides only in its pages); Ada, of another team, reaches none of Mia's; Root, the organisation
// account's own user signed in as a person, gets her own leave and no team tools. Every refusal is in words with nothing
// sent, every write audited as the person's or the lead's, through the organisation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoWeekday } from '../../../mcp-server/domain/time.ts';
import { type AuditLine, readAudit } from '../../support/audit-log.ts';
import { refusalOf, textOf, type ToolResult } from '../../support/engine.ts';
import { companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import { type ConnectedClient, connectAs, freePort, type TeamServerHandle } from '../../support/team-server.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, type KimaiRequest, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { organisationServer } from './organisation-support.ts';

const [ADA, TOM, ROOT] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser];
const MIA: FakeUser = { id: 4, username: 'mia', alias: 'Mia', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-mia-0123456789' };
const ACCOUNTS = [
  { id: 'mia', name: 'Mia M.', email: 'mia@example.com', emailVerified: true },
  { id: 'tom', name: 'Tom L.', email: 'tom@example.com', emailVerified: true },
  { id: 'ada', name: 'Ada L.', email: 'ada@example.com', emailVerified: true },
  { id: 'root', name: 'Root A.', email: 'root@example.com', emailVerified: true },
];
/** The approvals and team groups on, and cancelling leave (off by default), as an administrator switches them on in server.json. */
const SETTINGS = { tools: { groups: { team: true, approvals: true }, enabled: { cancel_leave_request: true } } };
const OWN_LEAVE = ['absence_calendar', 'cancel_leave_request', 'leave_balance', 'list_leave_requests', 'request_leave'];
const OWN_WEEKS = ['list_timesheet_approvals', 'submit_timesheet', 'withdraw_timesheet'];
const TEAM_LEAVE = ['decide_leave_request', 'list_pending_leave'];

/** Today in Berlin, and the Monday of last week and of the week four weeks on (working days to take leave on). */
const TODAY = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
const MONDAY = addDays(TODAY, 1 - isoWeekday(TODAY));
const LAST_MONDAY = addDays(MONDAY, -7);
const LATER_MONDAY = addDays(MONDAY, 28);

describe("leave and the week's close on Kimai under one organisation credential (built server)", () => {
  let fake: FakeKimai;
  let idp: IdentityProvider;
  let server: TeamServerHandle;

  beforeAll(async () => {
    fake = await startFakeKimai({ users: [...DEFAULT_USERS, MIA], config: { absencePlugin: true, approvalPlugin: true } });
    const { website, design } = seedCatalog(fake);
    fake.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: MIA.id }]);
    fake.addTeam('Ops', [{ userId: ROOT.id, teamlead: true }, { userId: ADA.id }]);
    // Everyone recorded an hour last Tuesday: the plugin's first week is last week, and Tom's people are those Kimai shows him.
    const tuesday = Date.parse(`${addDays(LAST_MONDAY, 1)}T09:00:00+01:00`);
    for (const owner of [MIA, TOM, ADA])
      fake.addTimesheet({ userId: owner.id, begin: tuesday, end: tuesday + 3_600_000, projectId: website.id, activityId: design.id });
    const port = await freePort();
    idp = await startIdentityProvider({ accounts: ACCOUNTS, redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`] });
    ({ server } = await organisationServer(idp, port, { type: 'kimai', url: fake.url }, ROOT.token, { built: true, settings: SETTINGS }));
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.close();
    await fake?.close();
  });

  /** Signs `account` in and waits until the background check of the plugins offered `tools` (list_changed). */
  async function signedIn(account: string, tools: readonly string[]): Promise<ConnectedClient> {
    const client = await connectAs(server, { era: 'modern', signIn: companySignIn(idp, account) });
    await expect.poll(async () => (await client.client.listTools()).tools.map((tool) => tool.name)).toEqual(expect.arrayContaining([...tools]));
    return client;
  }
  /** The requests sent while `run` ran. */
  async function sentDuring(run: () => Promise<unknown>): Promise<KimaiRequest[]> {
    const before = fake.requests.length;
    await run();
    return fake.requests.slice(before);
  }
  const plugins = (requests: readonly KimaiRequest[]) => requests.filter((request) => /^\/api\/(absences|approval-bundle)/.test(request.path));
  const userOf = (request: KimaiRequest) => new URLSearchParams(request.query).get('user') ?? (JSON.parse(request.body || '{}') as { user?: number }).user;
  const ok = (result: ToolResult) => {
    expect(result.isError, textOf(result)).toBeFalsy();
    return result;
  };

  it('lets Mia file, list and cancel her own leave and submit her week, every request naming her, the filing pending, each write audited as hers', async () => {
    const auditBefore = (await readAudit(server)).lines.length;
    const mia = await signedIn('mia', [...OWN_LEAVE, ...OWN_WEEKS]);
    let filedId = 0;
    const sent = await sentDuring(async () => {
      try {
        const tools = (await mia.client.listTools()).tools.map((tool) => tool.name);
        expect(tools.filter((name) => TEAM_LEAVE.includes(name))).toEqual([]);
        const filed = ok(await mia.call('request_leave', { type: 'personal', first_day: LATER_MONDAY, last_day: addDays(LATER_MONDAY, 1), comment: 'Move' }));
        filedId = (filed.structuredContent as { request: { id: number; status: string } }).request.id;
        expect((filed.structuredContent as { request: { status: string } }).request.status).toBe('pending');
        expect(fake.state.absences.map((absence) => [absence.id, absence.userId, absence.status])).toEqual([[filedId, MIA.id, 'new']]);
        expect(textOf(ok(await mia.call('list_leave_requests', { from: MONDAY, to: addDays(LATER_MONDAY, 6) })))).toContain(`#${filedId}`);
        ok(await mia.call('leave_balance', {}));
        ok(await mia.call('absence_calendar', { from: LATER_MONDAY, to: addDays(LATER_MONDAY, 4) }));
        ok(await mia.call('submit_timesheet', { period_start: LAST_MONDAY }));
        expect(textOf(ok(await mia.call('list_timesheet_approvals', { from: LAST_MONDAY, to: TODAY })))).toContain(LAST_MONDAY);
        ok(await mia.call('cancel_leave_request', { id: filedId }));
      } finally {
        await mia.close();
      }
    });
    // The absence plugin and the ApprovalBundle were asked about Mia alone, with the organisation's key.
    expect(plugins(sent).length).toBeGreaterThan(5);
    for (const request of plugins(sent).filter((item) => item.path !== '/api/absences/types' && !/^\/api\/absences\/\d+$/.test(item.path)))
      expect(String(userOf(request)), `${request.method} ${request.path}`).toBe(String(MIA.id));
    expect(sent.every((request) => request.headers.authorization === `Bearer ${ROOT.token}`)).toBe(true);
    expect(fake.state.absences).toEqual([]);
    expect(fake.approvals.status(MIA.id, LAST_MONDAY)).toBe('submitted');
    // The plugin's history names the organisation's account as the submitter: only Punchcard's audit names Mia.
    expect(fake.approvals.history(MIA.id, LAST_MONDAY)).toEqual([{ status: 'submitted', by: ROOT.id }]);
    let lines: AuditLine[] = [];
    const writes = ['request_leave', 'submit_timesheet', 'cancel_leave_request'];
    await expect.poll(async () => (lines = (await readAudit(server)).lines.slice(auditBefore)).filter((line) => writes.includes(line.tool)).length).toBe(3);
    for (const line of lines.filter((item) => writes.includes(item.tool)))
      expect(line, line.tool).toMatchObject({ person: 'Mia M. <mia@example.com>', via: 'organisation' });
  });

  it("lets Tom list the leave and weeks of the people he leads, never Ada's, and decide Mia's leave, never his own nor Ada's, nor a week", async () => {
    const mias = fake.addAbsence({ userId: MIA.id, date: LATER_MONDAY, type: 'holiday', status: 'new' });
    const adas = fake.addAbsence({ userId: ADA.id, date: LATER_MONDAY, type: 'holiday', status: 'new' });
    const toms = fake.addAbsence({ userId: TOM.id, date: addDays(LATER_MONDAY, 1), type: 'holiday', status: 'new' });
    const auditBefore = (await readAudit(server)).lines.length;
    const tom = await signedIn('tom', [...OWN_LEAVE, ...OWN_WEEKS, ...TEAM_LEAVE]);
    try {
      const listed = await sentDuring(async () => {
        const pending = ok(await tom.call('list_pending_leave', {}));
        const ids = (pending.structuredContent as { requests: Array<{ id: number }> }).requests.map((request) => request.id);
        expect(ids).toEqual([mias.id]);
        expect(textOf(ok(await tom.call('list_timesheet_approvals', { person: '*', from: LAST_MONDAY, to: TODAY })))).toContain('Mia');
        const ada = ok(await tom.call('list_timesheet_approvals', { person: 'Ada', from: LAST_MONDAY, to: TODAY }));
        expect((ada.structuredContent as { submissions: unknown[] }).submissions).toEqual([]);
      });
      expect(listed.filter((request) => String(userOf(request)) === String(ADA.id))).toEqual([]);
      expect(listed.filter((request) => request.method !== 'GET')).toEqual([]);
      // Ada's (another team's) and his own by their numbers: refused in words, nothing about them read or sent; his own,
      // which his listing read for who else is away, as his own.
      const refused = await sentDuring(async () => {
        for (const [id, code] of [
          [adas.id, 'kimai_leave_request_not_listed'],
          [toms.id, 'leave_request_own'],
        ] as const) {
          const leave = await tom.call('decide_leave_request', { id, decision: 'approve' });
          expect(refusalOf(leave), `#${id}`).toEqual({ code, facts: { request: id } });
        }
        const week = await tom.call('decide_timesheet', { id: `user-${MIA.id}-week-${LAST_MONDAY}`, decision: 'approve' });
        expect(refusalOf(week)?.code).toBe('timesheet_decided_in_pages');
        expect(refusalOf(await tom.call('withdraw_timesheet', { id: `user-${MIA.id}-week-${LAST_MONDAY}` }))?.code).toBe('timesheet_withdrawn_in_pages');
      });
      expect(refused).toEqual([]);
      // Mia's: whose it is read first, through her listing (the confirm names nobody), then confirmed with the key.
      const decided = await sentDuring(async () => {
        const answer = ok(await tom.call('decide_leave_request', { id: mias.id, decision: 'approve', reason: 'Enjoy' }));
        expect(textOf(answer)).toContain('keeps no reason with a decision');
      });
      expect(plugins(decided).map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/absences', `PATCH /api/absences/${mias.id}/confirm`]);
      expect(String(userOf(plugins(decided)[0] as KimaiRequest))).toBe(String(MIA.id));
      expect(decided.every((request) => request.headers.authorization === `Bearer ${ROOT.token}`)).toBe(true);
    } finally {
      await tom.close();
    }
    expect([mias.status, adas.status, toms.status]).toEqual(['approved', 'new', 'new']);
    expect(fake.approvals.status(MIA.id, LAST_MONDAY)).toBe('submitted');
    // Kimai's absence names no decider: Punchcard's audit log names Tom, through the organisation.
    const decisions = async () =>
      (await readAudit(server)).lines.slice(auditBefore).filter((line: AuditLine) => line.tool === 'decide_leave_request' && line.outcome === 'done');
    await expect.poll(async () => (await decisions()).map((line) => [line.person, line.via])).toEqual([['Tom L. <tom@example.com>', 'organisation']]);
  });

  it("offers Ada, of another team, no one's leave but hers: Mia's by number is refused in words, and team tools are not hers to call", async () => {
    const mias = fake.state.absences.find((absence) => absence.userId === MIA.id) as { id: number };
    const ada = await signedIn('ada', OWN_LEAVE);
    try {
      expect((await ada.client.listTools()).tools.map((tool) => tool.name).filter((name) => TEAM_LEAVE.includes(name))).toEqual([]);
      const sent = await sentDuring(async () => {
        const cancelled = await ada.call('cancel_leave_request', { id: mias.id });
        expect(refusalOf(cancelled)).toEqual({ code: 'kimai_absence_not_found', facts: { absence: mias.id } });
        const pending = await ada.call('list_pending_leave', {});
        expect(refusalOf(pending)).toEqual({ code: 'tool_withheld', facts: { tool: 'list_pending_leave', why: 'organisation_account', back_end: 'Kimai' } });
        expect(textOf(pending)).toContain("a team's tools are for those who lead people in Kimai");
      });
      expect(sent.filter((request) => request.method !== 'GET')).toEqual([]);
      for (const request of plugins(sent)) expect(String(userOf(request))).toBe(String(ADA.id));
    } finally {
      await ada.close();
    }
    expect(fake.state.absences.some((absence) => absence.id === mias.id)).toBe(true);
  });

  it("gives Root, the organisation account's own user signed in as a person, her own leave and weeks and no team tools", async () => {
    const root = await signedIn('root', [...OWN_LEAVE, ...OWN_WEEKS]);
    try {
      expect((await root.client.listTools()).tools.map((tool) => tool.name).filter((name) => TEAM_LEAVE.includes(name))).toEqual([]);
      const sent = await sentDuring(async () => {
        const listed = ok(await root.call('list_leave_requests', { from: MONDAY, to: addDays(LATER_MONDAY, 6) }));
        expect((listed.structuredContent as { requests: unknown[] }).requests).toEqual([]);
      });
      for (const request of plugins(sent)) expect(String(userOf(request))).toBe(String(ROOT.id));
    } finally {
      await root.close();
    }
  });
});

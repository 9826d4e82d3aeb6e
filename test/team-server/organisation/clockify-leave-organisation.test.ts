// Leave and the week's close under one organisation credential on Clockify (issue 76), through the BUILT team server,
// the OpenID provider stand-in and the fake Clockify. Bob, an admin of Acme, holds the organisation's key; Ada and Cleo
// are members Mia manages (the vacation policy has team managers approve); Wes is in nobody's team. Ada files, lists,
// withdraws and submits for herself, every request naming her; Mia decides her people's leave and weeks, never Wes's
// nor her own, the note naming her; Wes decides nothing; Bob, signed in as himself, never his own. Every refusal
// leaves the fake's request log without a write; every write is audited with the person and `via: "organisation"`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf, type ToolResult } from '../../support/engine.ts';
import { readAudit } from '../../support/audit-log.ts';
import { companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import { connectAs, type ConnectedClient, freePort, type TeamServerHandle } from '../../support/team-server.ts';
import type { RecordedRequest } from '../../support/fake-server.ts';
import { approvalRequestsOf } from '../../mcp-server/providers/clockify/fake-clockify-approvals.ts';
import { addTimeOff, BOB_KEY, type FakeClockify, SEED, TEAM } from '../../mcp-server/providers/clockify/fake-clockify.ts';
import { acmeServer, acmeWithTeam } from './acme-on-clockify.ts';
import { expectNowhereOnDisk } from './organisation-support.ts';

const WS = SEED.workspaces.acme;
const { ada, bob, cleo } = SEED.users;
const { mia, wes } = TEAM.users;
const VACATION = SEED.policies.vacation;
const ACCOUNTS = [
  { id: 'ada', name: 'Ada L.', email: 'ada@acme.example', emailVerified: true },
  { id: 'mia', name: 'Mia M.', email: 'mia@acme.example', emailVerified: true },
  { id: 'wes', name: 'Wes W.', email: 'wes@acme.example', emailVerified: true },
  { id: 'bob', name: 'Bob B.', email: 'bob@acme.example', emailVerified: true },
];

/** Days as 'YYYY-MM-DD' from the Monday of this week (UTC; the built server keeps the system's clock). */
function monday(weeks: number, plus = 0): string {
  const now = new Date();
  const back = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - back + weeks * 7 + plus)).toISOString().slice(0, 10);
}
const LAST_WEEK = monday(-1);
const LEAVE_DAY = monday(3);

const line = (request: RecordedRequest) => `${request.method} ${request.path.replace('/api/v1', '')}`;
/** The people each time-off search since `mark` named (getTimeOffRequest: a POST that reads; no `users` reads everyone's). */
const searchedSince = (fake: FakeClockify, mark: number) =>
  fake.requests
    .slice(mark)
    .filter((request) => request.method === 'POST' && request.path.endsWith('/time-off/requests'))
    .map((request) => (JSON.parse(request.body) as { users?: unknown }).users);
/** Whose requests the time-off searches since `mark` (an index into the fake's answered searches) answered. */
const readSince = (fake: FakeClockify, mark: number) => new Set(fake.timeOffRead.slice(mark).flatMap((read) => read.owners));
/** The writes among the fake's requests since `mark` (searches sent as POST read only). */
const writesSince = (fake: FakeClockify, mark: number) =>
  fake.requests
    .slice(mark)
    .filter((request) => request.method !== 'GET' && !request.path.endsWith('/time-off/requests') && !request.path.endsWith('/users/info'))
    .map(line);

describe('leave and the week’s close under one organisation credential on Clockify (built server)', () => {
  let fake: FakeClockify;
  let idp: IdentityProvider;
  let server: TeamServerHandle;
  const answers: string[] = [];
  const kept = (result: ToolResult) => (answers.push(JSON.stringify(result)), result);
  const signIn = (account: string): Promise<ConnectedClient> =>
    connectAs(server, { era: 'modern', signIn: companySignIn(idp, account), elicitation: () => ({ action: 'accept', content: { confirm: true } }) });
  const ok = async (client: ConnectedClient, name: string, args: Record<string, unknown> = {}) => {
    const result = kept(await client.call(name, args));
    expect(result.isError, `${name}: ${textOf(result)}`).toBeFalsy();
    return result;
  };
  /** A refusal in words, with no write sent to Clockify. */
  const refused = async (client: ConnectedClient, name: string, args: Record<string, unknown>) => {
    const mark = fake.requests.length;
    const result = kept(await client.call(name, args));
    expect(result.isError, `${name} answered: ${textOf(result)}`).toBe(true);
    expect(writesSince(fake, mark)).toEqual([]);
    return textOf(result);
  };
  const submitted = (owner: string) =>
    approvalRequestsOf(fake.state).push({
      id: `64c777ddd3fcab07cfbb9${owner.slice(-3)}`,
      workspaceId: WS,
      ownerId: owner,
      creatorId: owner,
      start: LAST_WEEK,
      end: monday(-1, 6),
      state: 'PENDING',
      note: '',
      updatedAt: 0,
      updatedBy: owner,
    });

  beforeAll(async () => {
    fake = await acmeWithTeam();
    addTimeOff(fake, { userId: cleo, start: monday(4), end: monday(4, 1), status: 'APPROVED', createdAt: Date.now() - 86_400_000 });
    addTimeOff(fake, { userId: wes, start: monday(5), end: monday(5), createdAt: Date.now() - 86_400_000 });
    addTimeOff(fake, { userId: bob, start: monday(6), end: monday(6), createdAt: Date.now() - 86_400_000 });
    for (const owner of [cleo, wes, mia, bob]) submitted(owner);
    const port = await freePort();
    idp = await startIdentityProvider({ accounts: ACCOUNTS, redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`] });
    ({ server } = await acmeServer(
      idp,
      port,
      fake,
      // The company closes its weeks and decides leave through Punchcard: the groups a fresh settings file leaves off.
      { tools: { groups: { team: true, approvals: true }, enabled: { cancel_leave_request: true } } },
    ));
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.close();
    await fake?.close();
  });

  it('lets Ada file, list, read the balance of and withdraw her own leave, every request naming her, the request left pending', async () => {
    const client = await signIn('ada');
    try {
      const listed = (await client.client.listTools()).tools.map((tool) => tool.name);
      expect(listed).toEqual(
        expect.arrayContaining(['request_leave', 'list_leave_requests', 'cancel_leave_request', 'leave_balance', 'absence_calendar', 'submit_timesheet']),
      );
      expect(listed).toEqual(expect.arrayContaining(['withdraw_timesheet', 'list_timesheet_approvals']));
      expect(listed.filter((name) => name === 'list_pending_leave' || name === 'decide_leave_request')).toEqual([]);

      const mark = fake.requests.length;
      const filed = await ok(client, 'request_leave', { type: 'vacation', first_day: LEAVE_DAY, last_day: monday(3, 1), comment: 'Family' });
      expect(textOf(filed)).toContain('pending');
      expect(fake.state.timeOff.filter((request) => request.userId === ada)).toEqual([
        expect.objectContaining({ start: LEAVE_DAY, status: 'PENDING', requesterId: bob }),
      ]);
      expect(writesSince(fake, mark)).toEqual([`POST /workspaces/${WS}/time-off/policies/${VACATION}/users/${ada}/requests`]);
      const id = (filed.structuredContent as { request: { id: number } }).request.id;

      expect(textOf(await ok(client, 'list_leave_requests', { from: LEAVE_DAY, to: monday(3, 6) }))).toContain(LEAVE_DAY);
      await ok(client, 'leave_balance', {});
      const calendar = textOf(await ok(client, 'absence_calendar', { from: monday(3), to: monday(4, 6) }));
      // Cleo's approved days are in the workspace the key reads, not in what Ada's own key shows her.
      expect(calendar).not.toContain('Cleo');
      // Every search of time off (her calendar's colleagues' too: she leads nobody) and every balance read named Ada alone.
      const searched = searchedSince(fake, mark);
      expect(searched.length).toBeGreaterThan(2);
      expect(searched).toEqual(searched.map(() => [ada]));
      for (const request of fake.requests.slice(mark)) if (request.path.includes('/time-off/balance/')) expect(request.path).toContain(`/balance/user/${ada}`);

      // A number she never listed (another's request, guessed) is refused before anything is sent.
      expect(await refused(client, 'cancel_leave_request', { id: id + 40 })).toContain('Punchcard has listed none with that number');
      const before = fake.requests.length;
      await ok(client, 'cancel_leave_request', { id });
      expect(writesSince(fake, before)).toEqual([expect.stringMatching(new RegExp(`^DELETE /workspaces/${WS}/time-off/policies/${VACATION}/requests/`))]);
      expect(fake.state.timeOff.filter((request) => request.userId === ada)).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('lets Ada submit, list and withdraw her own week, and decide nobody’s', async () => {
    const client = await signIn('ada');
    try {
      const mark = fake.requests.length;
      await ok(client, 'submit_timesheet', { period_start: LAST_WEEK });
      expect(approvalRequestsOf(fake.state).find((request) => request.ownerId === ada)).toMatchObject({ creatorId: bob, state: 'PENDING' });
      expect(writesSince(fake, mark)).toEqual([`POST /workspaces/${WS}/approval-requests/users/${ada}`]);
      const mine = (await ok(client, 'list_timesheet_approvals', { from: LAST_WEEK, to: monday(-1, 6) })).structuredContent as {
        submissions: Array<{ person: string }>;
      };
      expect(mine.submissions.map((item) => item.person)).toEqual(['Ada Lovelace']);
      // Cleo's week, by its id: Ada approves nobody's.
      expect(await refused(client, 'decide_timesheet', { id: `64c777ddd3fcab07cfbb9${cleo.slice(-3)}`, decision: 'approve' })).toContain(
        "You approve nobody's timesheets in Clockify. Nothing was sent.",
      );
      const before = fake.requests.length;
      await ok(client, 'withdraw_timesheet', { period_start: LAST_WEEK });
      expect(writesSince(fake, before)).toEqual([expect.stringMatching(new RegExp(`^PATCH /workspaces/${WS}/approval-requests/`))]);
      expect(approvalRequestsOf(fake.state).some((request) => request.ownerId === ada)).toBe(false);
    } finally {
      await client.close();
    }
  });

  it("lets Mia decide the leave and weeks of the people she manages, never Wes's nor her own; the notes name her", async () => {
    addTimeOff(fake, { userId: ada, start: monday(7), end: monday(7), createdAt: Date.now() - 3_600_000 });
    addTimeOff(fake, { userId: mia, start: monday(8), end: monday(8), createdAt: Date.now() - 3_600_000 });
    const client = await signIn('mia');
    try {
      const mark = { requests: fake.requests.length, reads: fake.timeOffRead.length };
      const pending = (await ok(client, 'list_pending_leave', {})).structuredContent as { requests: Array<{ id: number; person: string }> };
      expect(pending.requests.map((request) => request.person).sort()).toEqual(['Ada Lovelace', 'Cleo Patra']);
      await ok(client, 'absence_calendar', { from: monday(4), to: monday(5, 6) });
      // Every search names her and the people Clockify names her the manager of, never nobody (everyone's): Wes's and
      // Bob's requests are not even read.
      const searched = searchedSince(fake, mark.requests);
      const colleagues = searched.filter((users) => JSON.stringify(users) !== JSON.stringify([mia]));
      expect(colleagues.length).toBeGreaterThan(1);
      for (const users of colleagues) expect(new Set(users as string[])).toEqual(new Set([mia, ada, cleo]));
      const hers: readonly string[] = [mia, ada, cleo];
      expect([...readSince(fake, mark.reads)].filter((owner) => !hers.includes(owner))).toEqual([]);
      const adas = pending.requests.find((request) => request.person === 'Ada Lovelace') as { id: number };
      await ok(client, 'decide_leave_request', { id: adas.id, decision: 'approve', reason: 'Enjoy' });
      expect(fake.state.timeOff.find((request) => request.userId === ada && request.start === monday(7))).toMatchObject({
        status: 'APPROVED',
        statusNote: 'Decided by Mia Manager via Punchcard: Enjoy',
        changedBy: bob,
      });
      // Numbers she was never shown (Wes's request, her own): refused, nothing sent.
      expect(await refused(client, 'decide_leave_request', { id: 40, decision: 'approve' })).toContain('Punchcard has listed none with that number');

      const weeks = (await ok(client, 'list_timesheet_approvals', { person: '*', from: LAST_WEEK, to: monday(-1, 6) })).structuredContent as {
        submissions: Array<{ id: string; person: string }>;
      };
      expect(weeks.submissions.map((item) => item.person)).toEqual(['Cleo Patra']);
      const cleos = `64c777ddd3fcab07cfbb9${cleo.slice(-3)}`;
      await ok(client, 'decide_timesheet', { id: cleos, decision: 'approve', note: 'Fine' });
      expect(approvalRequestsOf(fake.state).find((request) => request.id === cleos)).toMatchObject({
        state: 'APPROVED',
        note: 'Decided by Mia Manager via Punchcard: Fine',
        updatedBy: bob,
      });
      expect(await refused(client, 'decide_timesheet', { id: `64c777ddd3fcab07cfbb9${wes.slice(-3)}`, decision: 'approve' })).toContain(
        'waits for your decision',
      );
      expect(await refused(client, 'decide_timesheet', { id: `64c777ddd3fcab07cfbb9${mia.slice(-3)}`, decision: 'approve' })).toContain('your own timesheet');
    } finally {
      await client.close();
    }
  });

  it('offers Wes, of nobody’s team, no leave decisions, and lets him decide no week', async () => {
    const client = await signIn('wes');
    try {
      const listed = (await client.client.listTools()).tools.map((tool) => tool.name);
      expect(listed).toContain('request_leave');
      expect(listed).not.toContain('decide_leave_request');
      expect(await refused(client, 'decide_timesheet', { id: `64c777ddd3fcab07cfbb9${mia.slice(-3)}`, decision: 'approve' })).toContain(
        "You approve nobody's timesheets in Clockify.",
      );
    } finally {
      await client.close();
    }
  });

  it("shows Bob, the organisation account's own user and an admin, everyone's requests but his own, and lets him decide none of his", async () => {
    const client = await signIn('bob');
    try {
      const mark = fake.requests.length;
      const pending = (await ok(client, 'list_pending_leave', {})).structuredContent as { requests: Array<{ person: string }> };
      // An admin sees everyone's, and every search names them: each member of the workspace, never nobody.
      const members = fake.state.users.filter((user) => user.workspaces.includes(WS)).map((user) => user.id);
      for (const users of searchedSince(fake, mark)) expect(new Set(users as string[])).toEqual(new Set(members));
      expect(pending.requests.map((request) => request.person)).not.toContain('Bob Builder');
      expect(pending.requests.map((request) => request.person)).toContain('Wes Worker');
      expect(await refused(client, 'decide_timesheet', { id: `64c777ddd3fcab07cfbb9${bob.slice(-3)}`, decision: 'approve' })).toContain('your own timesheet');
    } finally {
      await client.close();
    }
  });

  it('audits every write with the person who made it and via "organisation", and holds the key in no answer, line or file', async () => {
    const { lines } = await readAudit(server);
    const writes = lines.filter((record) =>
      ['request_leave', 'cancel_leave_request', 'submit_timesheet', 'withdraw_timesheet', 'decide_leave_request', 'decide_timesheet'].includes(record.tool),
    );
    expect(writes.map((record) => [record.tool, record.person, record.via])).toEqual(
      expect.arrayContaining([
        ['request_leave', 'Ada L. <ada@acme.example>', 'organisation'],
        ['cancel_leave_request', 'Ada L. <ada@acme.example>', 'organisation'],
        ['submit_timesheet', 'Ada L. <ada@acme.example>', 'organisation'],
        ['withdraw_timesheet', 'Ada L. <ada@acme.example>', 'organisation'],
        ['decide_leave_request', 'Mia M. <mia@acme.example>', 'organisation'],
        ['decide_timesheet', 'Mia M. <mia@acme.example>', 'organisation'],
      ]),
    );
    for (const record of writes) expect(record.via).toBe('organisation');
    for (const answer of answers) expect(answer).not.toContain(BOB_KEY);
    expect(server.stderr()).not.toContain(BOB_KEY);
    expectNowhereOnDisk(server, BOB_KEY);
  });
});

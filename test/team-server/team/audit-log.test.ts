// The team server's audit log, on Kimai, with the official client in both eras: every write a person
// makes (clock_in, clock_out, log_time, update_time_entry, delete_time_entry confirmed and declined
// through its question, a refused change) is recorded with who by name and e-mail, which client, which
// tool, the outcome and what changed; free-text notes only by their length, and no secret anywhere.
// `punchcard-mcp audit --config FILE` (the built bundle, as a subprocess beside the running server)
// prints it as JSON lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditLine, connectAdministrator, linesAfter, readAudit } from '../../support/audit-log.ts';
import { textOf } from '../../support/engine.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import {
  connectAs,
  type ConnectedClient,
  MemoryOAuthProvider,
  removeTeamServerData,
  startTeamServer,
  type TeamServerHandle,
  trackerSignIn,
} from '../../support/team-server.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;
/** The super administrator, who makes every administrator's change here. */
const ROOT = DEFAULT_USERS[2] as FakeUser;
/** Words a person wrote that the administrator must not read. */
const PRIVATE = ['Secret plan for ACME', 'Ended with the merger talk', 'Confidential call with Bob', 'Still confidential'];

let fake: FakeKimai;
let server: TeamServerHandle;

beforeAll(async () => {
  fake = await startFakeKimai({ now: clockStartingAt(NOW) });
  seedCatalog(fake);
  server = await startTeamServer({
    provider: { type: 'kimai', url: fake.url },
    signIn: { tracker: true },
    settings: { tools: { groups: { admin: true }, enabled: { update_time_entry: true, delete_time_entry: true, manage_rates: true } } },
    env: { PUNCHCARD_NOW: NOW },
  });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  if (server) removeTeamServerData(server);
});

const audit = (...args: string[]) => readAudit(server, ...args);

describe.each(['legacy', 'modern'] as const)('writes in the %s era', (era) => {
  let ada: ConnectedClient;
  let oauth: MemoryOAuthProvider;
  let answer: 'accept' | 'decline' = 'accept';

  beforeAll(async () => {
    oauth = new MemoryOAuthProvider({ clientName: `Audit ${era} client` });
    ada = await connectAs(server, {
      era,
      oauth,
      signIn: trackerSignIn(ADA.token),
      elicitation: () => (answer === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: 'decline' }),
    });
  });
  afterAll(async () => {
    await ada?.close();
  });

  it('are each recorded with who, which client, which tool, the outcome and what changed, notes by their length only', async () => {
    const before = (await audit()).lines.length;
    const call = async (name: string, args: Record<string, unknown>) => {
      const result = await ada.call(name, args);
      return { result, text: textOf(result) };
    };
    expect((await call('timer_status', {})).result.isError).toBeFalsy();
    const clockedIn = await call('clock_in', { project: 'Website', activity: 'Design', description: PRIVATE[0] });
    expect(clockedIn.result.isError, clockedIn.text).toBeFalsy();
    expect((await call('clock_out', { note: PRIVATE[1] })).result.isError).toBeFalsy();
    // Yesterday: an hour from 9:00 today ends in the future before 10:00.
    const logged = await call('log_time', { date: 'yesterday', duration: '1h', project: 'Website', activity: 'Meeting', description: PRIVATE[2] });
    expect(logged.result.isError, logged.text).toBeFalsy();
    const id = (logged.result.structuredContent as { entry: { id: number } }).entry.id;
    expect((await call('update_time_entry', { id, description: PRIVATE[3] })).result.isError).toBeFalsy();
    answer = 'decline';
    const declined = await call('delete_time_entry', { id });
    expect(declined.text).toMatch(/was not deleted: you said no when asked/);
    answer = 'accept';
    const deleted = await call('delete_time_entry', { id });
    expect(deleted.result.isError, deleted.text).toBeFalsy();
    const missing = await call('update_time_entry', { id: 999_999, description: 'x' });
    expect(missing.result.isError).toBe(true);

    const lines = await linesAfter(server, before, 7);
    expect(lines.map((line) => [line.tool, line.outcome])).toEqual([
      ['clock_in', 'done'],
      ['clock_out', 'done'],
      ['log_time', 'done'],
      ['update_time_entry', 'done'],
      ['delete_time_entry', 'refused'],
      ['delete_time_entry', 'done'],
      ['update_time_entry', expect.stringMatching(/^(refused|failed)$/)],
    ]);
    for (const line of lines) {
      expect(line.person).toBe('Ada Lovelace <ada@example.com>');
      expect(line.clientName).toBe(`Audit ${era} client`);
      expect(line.clientId).toBe(oauth.clientInformation()?.client_id);
      expect(Date.parse(line.at)).toBeGreaterThan(Date.parse('2026-01-01'));
      expect(line.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    const [clockIn, clockOut, log, update, , deletion] = lines as [AuditLine, AuditLine, AuditLine, AuditLine, AuditLine, AuditLine];
    expect(clockIn.change.arguments).toEqual({ project: 'Website', activity: 'Design', description: `(${PRIVATE[0]?.length} characters)` });
    expect(clockIn.change.record).toMatchObject({ started: { id: expect.any(Number), project: 'Website', activity: 'Design', end: null } });
    expect(clockOut.change.arguments).toEqual({ note: `(${PRIVATE[1]?.length} characters)` });
    expect(log.change.arguments).toMatchObject({ date: 'yesterday', duration: '1h', description: `(${PRIVATE[2]?.length} characters)` });
    expect(log.change.record).toMatchObject({ entry: { id } });
    expect(update.change.arguments).toEqual({ id, description: `(${PRIVATE[3]?.length} characters)` });
    expect(deletion.change).toMatchObject({ arguments: { id }, record: { deleted: { id } } });
    const all = JSON.stringify(lines);
    for (const words of PRIVATE) expect(all).not.toContain(words);
    for (const secret of [ADA.token, oauth.tokens()?.access_token, oauth.tokens()?.refresh_token]) expect(all).not.toContain(secret);
  });
});

describe("an administrator's change", () => {
  it('is recorded like every write: who, which tool, the outcome and what it made', async () => {
    const admin = await connectAdministrator(server, { era: 'modern', token: ROOT.token, clientName: 'Audit admin client' });
    try {
      const before = (await audit()).lines.length;
      const made = await admin.call('manage_tags', { action: 'create', name: 'travel', color: '#10b981' });
      expect(made.isError, textOf(made)).toBeFalsy();
      const lines = await linesAfter(server, before, 1);
      expect(lines[0]).toMatchObject({ tool: 'manage_tags', outcome: 'done', clientName: 'Audit admin client', change: { arguments: { action: 'create' } } });
      // An administrator's change is kept whole: the tag as it was made.
      expect(lines[0]?.change.record).toMatchObject({ action: 'create', tags: [{ name: 'travel', color: '#10b981', archived: false }] });
      expect(fake.state.tags.map((tag) => tag.name)).toContain('travel');
      expect(JSON.stringify(lines)).not.toContain(ROOT.token);
    } finally {
      await admin.close();
    }
  });

  it('records a bulk correction with what it changed to and the entries as they were before', async () => {
    const admin = await connectAdministrator(server, { era: 'modern', token: ROOT.token, clientName: 'Audit admin client' });
    try {
      const billable = fake.state.timesheets.filter((sheet) => sheet.billable !== false).map((sheet) => sheet.id);
      expect(billable.length).toBeGreaterThan(0);
      const before = (await audit()).lines.length;
      const corrected = await admin.call('correct_time_entries', { from: '2026-11-01', to: '2026-11-18', ids: billable, set: { billable: false } });
      expect(corrected.isError, textOf(corrected)).toBeFalsy();
      const lines = await linesAfter(server, before, 1);
      expect(lines[0]).toMatchObject({
        tool: 'correct_time_entries',
        outcome: 'done',
        change: { arguments: { set: { billable: false } }, record: { changed: true, count: billable.length } },
      });
      // The record names each entry changed as it was: with the arguments, the before and the after.
      const entries = (lines[0]?.change.record as { entries: Array<{ id: number }> }).entries;
      expect(entries.map((entry) => entry.id).sort()).toEqual([...billable].sort());
      expect(fake.state.timesheets.filter((sheet) => billable.includes(sheet.id)).every((sheet) => sheet.billable === false)).toBe(true);
    } finally {
      await admin.close();
    }
  });

  it('keeps the rate before and after a change of rates', async () => {
    const acme = fake.state.customers.find((customer) => customer.name === 'ACME') as { id: number };
    fake.state.rates.push({ id: 9_000, kind: 'customers', entityId: acme.id, userId: null, rate: 80, internalRate: 60, isFixed: false });
    const admin = await connectAdministrator(server, { era: 'legacy', token: ROOT.token, clientName: 'Audit rates client' });
    try {
      const before = (await audit()).lines.length;
      const set = await admin.call('manage_rates', { action: 'set', kind: 'customer', item: 'ACME', hourly: 95 });
      expect(set.isError, textOf(set)).toBeFalsy();
      const lines = await linesAfter(server, before, 1);
      expect(lines[0]).toMatchObject({
        tool: 'manage_rates',
        outcome: 'done',
        change: {
          arguments: { action: 'set', kind: 'customer', item: 'ACME', hourly: 95 },
          record: {
            kind: 'customer',
            item: { id: acme.id },
            before: { hourly: 80, fixed: null, internal: 60 },
            after: { hourly: 95, fixed: null, internal: 60 },
          },
        },
      });
    } finally {
      await admin.close();
    }
  });
});

describe("an administrator's team, catalog and people changes", () => {
  it('are recorded with the action, the team and the people named, and what was made', async () => {
    const admin = await connectAdministrator(server, { era: 'legacy', token: ROOT.token, clientName: 'Audit teams client' });
    try {
      const before = (await audit()).lines.length;
      const made = await admin.call('manage_teams', { action: 'create', name: 'Ops' });
      expect(made.isError, textOf(made)).toBeFalsy();
      const added = await admin.call('manage_teams', { action: 'add_members', team: 'Ops', people: ['ada'] });
      expect(added.isError, textOf(added)).toBeFalsy();
      const lines = await linesAfter(server, before, 2);
      expect(lines.map((line) => [line.tool, line.outcome, line.change.arguments])).toEqual([
        ['manage_teams', 'done', { action: 'create', name: 'Ops' }],
        ['manage_teams', 'done', { action: 'add_members', team: 'Ops', people: ['ada'] }],
      ]);
      for (const line of lines) expect(line).toMatchObject({ person: 'root <root@example.com>', clientName: 'Audit teams client' });
      expect(fake.state.teams.find((team) => team.name === 'Ops')?.members).toEqual([
        { userId: ROOT.id, teamlead: true },
        { userId: ADA.id, teamlead: false },
      ]);
      expect(JSON.stringify(lines)).not.toContain(ROOT.token);
    } finally {
      await admin.close();
    }
  });

  it("keeps a catalog item's changed values before and after, a comment by its length", async () => {
    const admin = await connectAdministrator(server, { era: 'modern', token: ROOT.token, clientName: 'Audit catalog client' });
    try {
      const website = fake.state.projects.find((project) => project.name === 'Website');
      const before = (await audit()).lines.length;
      const changed = await admin.call('update_catalog_item', { kind: 'project', item: 'Website', budget_hours: 10.5, end: '2027-03-31', comment: PRIVATE[0] });
      expect(changed.isError, textOf(changed)).toBeFalsy();
      const lines = await linesAfter(server, before, 1);
      expect(lines[0]).toMatchObject({ tool: 'update_catalog_item', outcome: 'done', clientName: 'Audit catalog client' });
      expect(lines[0]?.change.record).toMatchObject({
        id: website?.id,
        kind: 'project',
        before: { budget_hours: 0, comment: '(0 characters)', end: null },
        after: { budget_hours: 10.5, comment: `(${PRIVATE[0]?.length} characters)`, end: '2027-03-31' },
      });
      expect(JSON.stringify(lines)).not.toContain(PRIVATE[0]);
    } finally {
      await admin.close();
    }
  });

  it("records a person invited through manage_people, and never the account's password", async () => {
    const admin = await connectAdministrator(server, { era: 'legacy', token: ROOT.token, clientName: 'Audit people client', content: {} });
    try {
      const before = (await audit()).lines.length;
      const made = await admin.call('manage_people', { action: 'invite', name: 'Grace Hopper', email: 'grace@example.com', role: 'ROLE_TEAMLEAD' });
      expect(made.isError, textOf(made)).toBeFalsy();
      let lines = await linesAfter(server, before, 1);
      expect(lines[0]).toMatchObject({
        tool: 'manage_people',
        outcome: 'done',
        clientName: 'Audit people client',
        change: { arguments: { action: 'invite', email: 'grace@example.com', role: 'ROLE_TEAMLEAD' } },
      });
      expect(lines[0]?.change.record).toMatchObject({ people: [{ email: 'grace@example.com', role: 'ROLE_TEAMLEAD', active: true }] });
      const sent = fake.requests.find((request) => request.method === 'POST' && request.path === '/api/users');
      const password = String((JSON.parse(sent?.body ?? '{}') as { plainPassword?: string }).plainPassword);
      expect(password.length).toBeGreaterThanOrEqual(32);
      for (const secret of [password, ROOT.token]) expect(JSON.stringify(lines)).not.toContain(secret);
      // A change is recorded with the person as they were and as they are.
      const grace = (lines[0]?.change.record as { people: Array<{ id: number }> }).people[0]?.id;
      const changed = await admin.call('manage_people', { action: 'update', person: String(grace), role: 'ROLE_USER' });
      expect(changed.isError, textOf(changed)).toBeFalsy();
      lines = await linesAfter(server, before, 2);
      expect(lines[1]?.change.record).toMatchObject({
        people: [{ id: grace, email: 'grace@example.com', role: 'ROLE_USER', active: true }],
        before: { id: grace, email: 'grace@example.com', role: 'ROLE_TEAMLEAD', active: true },
      });
    } finally {
      await admin.close();
    }
  });
});

describe('punchcard-mcp audit', () => {
  it('prints nothing but JSON lines, and takes --since and --limit', async () => {
    const everything = await audit();
    expect(everything.code).toBe(0);
    expect(everything.lines.length).toBeGreaterThanOrEqual(16);
    expect(everything.lines.some((line) => line.tool === 'timer_status' || line.tool === 'whoami')).toBe(false);
    expect((await audit('--limit', '2')).lines).toEqual(everything.lines.slice(0, 2));
    expect((await audit('--since', '2999-01-01')).lines).toEqual([]);
    expect((await audit('--since', '2000-01-01')).lines).toEqual(everything.lines);
  });

  it('refuses an option it cannot read, in words, with its usage', async () => {
    const badDay = await audit('--since', 'yesterday');
    expect(badDay.code).toBe(2);
    expect(badDay.stderr).toMatch(/^--since takes a day, YYYY-MM-DD\./);
    expect(badDay.stdout).toBe('');
    const noConfig = await runTeamCli(['audit'], { HOME: server.dataDir });
    expect(noConfig.code).toBe(2);
    expect(noConfig.stderr).toMatch(/audit takes --config FILE/);
  });
});

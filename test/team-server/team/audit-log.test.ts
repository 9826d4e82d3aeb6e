// The team server's audit log, on Kimai, with the official client in both eras: every write a person
// makes (clock_in, clock_out, log_time, update_time_entry, delete_time_entry confirmed and declined
// through its question, a refused change) is recorded with who by name and e-mail, which client, which
// tool, the outcome and what changed; free-text notes only by their length, and no secret anywhere.
// `punchcard-mcp audit --config FILE` (the built bundle, as a subprocess beside the running server)
// prints it as JSON lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../support/engine.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import {
  connectAs,
  type ConnectedClient,
  MemoryOAuthProvider,
  removeTeamServerData,
  startTeamServer,
  TEST_SERVER_KEY,
  type TeamServerHandle,
  trackerSignIn,
} from '../../support/team-server.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;
/** Words a person wrote that the administrator must not read. */
const PRIVATE = ['Secret plan for ACME', 'Ended with the merger talk', 'Confidential call with Bob', 'Still confidential'];

interface AuditLine {
  at: string;
  personId: string;
  person: string;
  clientId: string;
  clientName: string;
  tool: string;
  outcome: 'done' | 'refused' | 'failed';
  change: { arguments: Record<string, unknown>; record?: Record<string, unknown> };
}

let fake: FakeKimai;
let server: TeamServerHandle;

beforeAll(async () => {
  fake = await startFakeKimai({ now: clockStartingAt(NOW) });
  seedCatalog(fake);
  server = await startTeamServer({
    provider: { type: 'kimai', url: fake.url },
    signIn: { tracker: true },
    settings: { tools: { groups: { admin: true }, enabled: { update_time_entry: true, delete_time_entry: true } } },
    env: { PUNCHCARD_NOW: NOW },
  });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  if (server) removeTeamServerData(server);
});

async function audit(...args: string[]): Promise<{ code: number; lines: AuditLine[]; stdout: string; stderr: string }> {
  // The server's key, as every command on its store needs (team-server/admin/admin-io.ts).
  const run = await runTeamCli(['audit', '--config', server.configPath, ...args], { HOME: server.dataDir, PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY });
  return {
    ...run,
    lines: run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AuditLine),
  };
}

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

    let lines: AuditLine[] = [];
    await expect.poll(async () => (lines = (await audit()).lines.slice(before)).length, { timeout: 5_000 }).toBe(7);
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
    const root = DEFAULT_USERS[2] as FakeUser;
    const oauth = new MemoryOAuthProvider({ clientName: 'Audit admin client' });
    const admin = await connectAs(server, {
      era: 'modern',
      oauth,
      signIn: trackerSignIn(root.token),
      elicitation: () => ({ action: 'accept', content: { confirm: true } }),
    });
    try {
      const before = (await audit()).lines.length;
      const made = await admin.call('manage_tags', { action: 'create', name: 'travel', color: '#10b981' });
      expect(made.isError, textOf(made)).toBeFalsy();
      let lines: AuditLine[] = [];
      await expect.poll(async () => (lines = (await audit()).lines.slice(before)).length, { timeout: 5_000 }).toBe(1);
      expect(lines[0]).toMatchObject({ tool: 'manage_tags', outcome: 'done', clientName: 'Audit admin client', change: { arguments: { action: 'create' } } });
      expect(lines[0]?.change.record).toBeDefined();
      expect(fake.state.tags.map((tag) => tag.name)).toContain('travel');
      expect(JSON.stringify(lines)).not.toContain(root.token);
    } finally {
      await admin.close();
    }
  });

  it("records a person invited through manage_people, and never the account's password", async () => {
    const root = DEFAULT_USERS[2] as FakeUser;
    const admin = await connectAs(server, {
      era: 'legacy',
      oauth: new MemoryOAuthProvider({ clientName: 'Audit people client' }),
      signIn: trackerSignIn(root.token),
      elicitation: () => ({ action: 'accept', content: {} }),
    });
    try {
      const before = (await audit()).lines.length;
      const made = await admin.call('manage_people', { action: 'invite', name: 'Grace Hopper', email: 'grace@example.com', role: 'ROLE_TEAMLEAD' });
      expect(made.isError, textOf(made)).toBeFalsy();
      let lines: AuditLine[] = [];
      await expect.poll(async () => (lines = (await audit()).lines.slice(before)).length, { timeout: 5_000 }).toBe(1);
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
      for (const secret of [password, root.token]) expect(JSON.stringify(lines)).not.toContain(secret);
      // A change is recorded with the person as they were and as they are.
      const grace = (lines[0]?.change.record as { people: Array<{ id: number }> }).people[0]?.id;
      const changed = await admin.call('manage_people', { action: 'update', person: String(grace), role: 'ROLE_USER' });
      expect(changed.isError, textOf(changed)).toBeFalsy();
      await expect.poll(async () => (lines = (await audit()).lines.slice(before)).length, { timeout: 5_000 }).toBe(2);
      expect(lines[1]?.change.record).toEqual({
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
    expect(everything.lines.length).toBeGreaterThanOrEqual(14);
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

// The organisation account's start check through the built team server (issue 66): `serve` refuses to
// start, in one sentence naming the right the account lacks, a credential that cannot act for people, and
// starts with one that can, saying whose account it is; `admin check` prints an ok line naming the
// account or a problem line explaining it. The key's text appears in no output, whatever the back end.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTeamCli } from '../../support/run-cli.ts';
import { startTeamServer, TEST_SERVER_KEY } from '../../support/team-server.ts';
import { DEFAULT_USERS as KIMAI_USERS, type FakeUser as KimaiUser, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { ADA_KEY, BOB_KEY, CLEO_KEY, seedWorkspace, startFakeClockify } from '../../mcp-server/providers/clockify/fake-clockify.ts';
import { DEFAULT_USERS as CLOCKODO_USERS, type FakeUser as ClockodoUser, startFakeClockodo } from '../../mcp-server/providers/clockodo/fake-clockodo.ts';

const dir = mkdtempSync(join(tmpdir(), 'punchcard-organisation-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const [KIMAI_ADA, , KIMAI_ROOT] = KIMAI_USERS as [KimaiUser, KimaiUser, KimaiUser];
const KIMAI_BOSS: KimaiUser = { id: 6, username: 'boss', alias: 'Boss', timezone: 'UTC', role: 'ROLE_ADMIN', token: 'token-boss-0123456789' };
const [, , CLOCKODO_MIA, CLOCKODO_OLGA] = CLOCKODO_USERS as [ClockodoUser, ClockodoUser, ClockodoUser, ClockodoUser];
/** An issuer on this computer that nobody needs to reach: serve reads its document at the first sign-in only. */
const OIDC = { issuer: 'http://127.0.0.1:9/idp', client_id: 'punchcard' };

let configs = 0;
function configFile(provider: Record<string, unknown>, organisation: Record<string, unknown>): string {
  const folder = join(dir, `server-${++configs}`);
  const file = `${folder}.json`;
  writeFileSync(
    file,
    JSON.stringify({
      public_url: 'http://127.0.0.1:9',
      listen: '127.0.0.1:0',
      provider,
      sign_in: { oidc: OIDC, organisation: { key_env: 'PUNCHCARD_ORGANISATION_KEY', ...organisation } },
      store: `sqlite:${join(folder, 'server.db')}`,
      key_env: 'PUNCHCARD_SERVER_KEY',
    }),
  );
  return file;
}

const env = (key: string) => ({ HOME: dir, PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY, PUNCHCARD_ORGANISATION_KEY: key });

/** `serve` that must refuse: exit 1, one line, the key nowhere. */
async function refusedServe(file: string, key: string): Promise<string> {
  const run = await runTeamCli(['serve', '--config', file], env(key));
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines, run.stderr).toHaveLength(1);
  expect(run.stderr).not.toContain(key);
  expect(run.stderr).not.toContain('listening');
  return lines[0] as string;
}

/** `admin check`'s line about the organisation account, the key nowhere in its output. */
async function checkLine(file: string, key: string): Promise<string> {
  const run = await runTeamCli(['admin', 'check', '--config', file], env(key));
  expect(`${run.stdout}${run.stderr}`).not.toContain(key);
  const line = run.stdout.split('\n').find((text) => /^(ok|problem) +organisation: /.test(text));
  expect(line, run.stdout).toBeDefined();
  // The variable's own line says it is set, never its value.
  expect(run.stdout).toMatch(/^ok +the organisation's tracker credential: PUNCHCARD_ORGANISATION_KEY is set$/m);
  return line as string;
}

describe('the organisation account checked at start (built server)', () => {
  it("Kimai: a plain user's token and an administrator's without view_user are refused naming the right; a super administrator's starts the server", async () => {
    const fake = await startFakeKimai({ users: [...KIMAI_USERS, KIMAI_BOSS] });
    try {
      const file = configFile({ type: 'kimai', url: fake.url }, {});
      expect(await refusedServe(file, KIMAI_ADA.token)).toBe(
        'The organisation account Ada Lovelace <ada@example.com> (#1) cannot act for people in Kimai: it needs the view_user permission (Kimai lists its users only to accounts with it). The server does not start.',
      );
      expect(await checkLine(file, KIMAI_ADA.token)).toBe(
        'problem organisation: The organisation account Ada Lovelace <ada@example.com> (#1) cannot act for people in Kimai: it needs the view_user permission (Kimai lists its users only to accounts with it).',
      );
      expect(await refusedServe(file, KIMAI_BOSS.token)).toMatch(
        /^The organisation account Boss <boss@example\.com> \(#6\) cannot act for people in Kimai: it needs the view_user permission/,
      );
      expect(await refusedServe(file, 'token-nobody-0123456789')).toMatch(/Kimai/);

      expect(await checkLine(file, KIMAI_ROOT.token)).toBe(
        "ok      organisation: acts for people as root <root@example.com> (#3); Kimai's API does not show its lockdown and this account passes it, so people are held to none: copy it into provider.lockdown if Kimai has one",
      );
      // With the lockdown copied into the config, the narrowed API holds people to it (acting-for.test.ts), and the line says nothing more.
      const withLockdown = configFile(
        { type: 'kimai', url: fake.url, lockdown: { period_start: 'first day of previous month 00:00:00', period_end: 'last day of last month 23:59:59' } },
        {},
      );
      expect(await checkLine(withLockdown, KIMAI_ROOT.token)).toBe('ok      organisation: acts for people as root <root@example.com> (#3)');
      const server = await startTeamServer({
        built: true,
        provider: { type: 'kimai', url: fake.url },
        signIn: { oidc: OIDC, organisation: { key_env: 'PUNCHCARD_ORGANISATION_KEY' } },
        env: { PUNCHCARD_ORGANISATION_KEY: KIMAI_ROOT.token },
      });
      try {
        expect(server.stderr()).toContain('The organisation account acts for people: root <root@example.com> (#3).');
        expect(server.stderr()).not.toContain(KIMAI_ROOT.token);
      } finally {
        await server.stop();
        rmSync(server.dataDir, { recursive: true, force: true });
      }
    } finally {
      await fake.close();
    }
  });

  it("Clockify: a member's key is refused naming the workspace role; an administrator's passes", async () => {
    const fake = await startFakeClockify();
    seedWorkspace(fake);
    try {
      const file = configFile({ type: 'clockify', url: fake.url, workspace: 'Acme' }, {});
      expect(await refusedServe(file, CLEO_KEY)).toMatch(
        /^The organisation account Cleo Patra <cleo@acme\.example> \(#\w+\) cannot act for people in Clockify: it needs the workspace's owner or administrator role\. The server does not start\.$/,
      );
      expect(await checkLine(file, CLEO_KEY)).toMatch(
        /^problem organisation: The organisation account Cleo Patra .* the workspace's owner or administrator role\.$/,
      );
      // Ada owns a FREE workspace: Clockify books for others on paid plans only.
      const free = configFile({ type: 'clockify', url: fake.url, workspace: 'Side project' }, {});
      expect(await refusedServe(free, ADA_KEY)).toMatch(
        /it needs a paid plan \(Clockify books time for others on paid plans only\)\. The server does not start\.$/,
      );
      expect(await checkLine(file, BOB_KEY)).toMatch(/^ok +organisation: acts for people as Bob Builder <bob@acme\.example> \(#\w+\)$/);
    } finally {
      await fake.close();
    }
  });

  it("Clockodo: a manager's key is refused naming the owner's role; the owner's login and key pass", async () => {
    const fake = await startFakeClockodo();
    try {
      const manager = configFile({ type: 'clockodo', url: fake.url }, { user: CLOCKODO_MIA.email });
      expect(await refusedServe(manager, CLOCKODO_MIA.apiKey)).toBe(
        "The organisation account Mia Manager <mia@example.com> (#3) cannot act for people in Clockodo: it needs the company owner's role (only the owner stops another person's clock). The server does not start.",
      );
      const owner = configFile({ type: 'clockodo', url: fake.url }, { user: CLOCKODO_OLGA.email });
      expect(await checkLine(owner, CLOCKODO_OLGA.apiKey)).toBe('ok      organisation: acts for people as Olga Owner <olga@example.com> (#4)');
      // The owner's key with another's login is refused in Clockodo's words, without the key.
      expect(await refusedServe(manager, CLOCKODO_OLGA.apiKey)).toMatch(/Clockodo/);
    } finally {
      await fake.close();
    }
  });

  it('refuses the credential unset, naming the variable and its key path', async () => {
    const file = configFile({ type: 'kimai', url: 'http://127.0.0.1:9' }, {});
    const run = await runTeamCli(['serve', '--config', file], { HOME: dir, PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "The environment variable PUNCHCARD_ORGANISATION_KEY (sign_in.organisation.key_env) is not set; it must hold Kimai's organisation credential that acts for each person.\n",
    );
  });
});

// kimai-mcp's own team server (`kimai-mcp-streamable`, glazperle/kimai_mcp), the peer the team
// server is measured beside: the same fake Kimai, the same people, the same load (team-server.ts). It
// is a Python package, so the bench cannot install it; where an administrator has it (`pip install
// "kimai-mcp[server]"` in a virtual environment), BENCH_KIMAI_MCP names its `kimai-mcp-streamable`
// and the bench runs it as it ships: its login page, its in-memory tokens, its per-address limit
// switched off (every simulated person comes from 127.0.0.1, as for the team server's).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeUser } from '../mcp-server/providers/kimai/fake-kimai.ts';
import { connectAs, type ConnectedClient, freePort } from '../support/team-server.ts';

export interface KimaiMcpServer {
  pid: number;
  origin: string;
  mcpUrl: string;
  /** Signs the person in through its OAuth flow (registration, its login page with their slug and secret, the code). */
  signIn(user: FakeUser): Promise<ConnectedClient>;
  stop(): Promise<void>;
}

/** The slug and login secret the peer's users.json gives a person (its own words for them). */
const slugOf = (user: FakeUser) => `bench-${user.username}-slug`;
const secretOf = (user: FakeUser) => `secret-${user.token}`;

export async function startKimaiMcp(command: string, kimaiUrl: string, users: readonly FakeUser[]): Promise<KimaiMcpServer> {
  const folder = mkdtempSync(join(tmpdir(), 'punchcard-kimai-mcp-'));
  const usersFile = join(folder, 'users.json');
  writeFileSync(
    usersFile,
    JSON.stringify(Object.fromEntries(users.map((user) => [slugOf(user), { kimai_url: kimaiUrl, kimai_token: user.token, auth_secret: secretOf(user) }]))),
  );
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(
    command,
    ['--host', '127.0.0.1', '--port', String(port), '--users-config', usersFile, '--public-url', origin, '--disable-legacy-slugs', '--rate-limit-rpm', '0'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let said = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kimai-mcp did not start:\n${said.slice(-2_000)}`)), 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      // It logs every person it connects and every request: keep only the last lines, for an error.
      said = (said + chunk.toString()).slice(-20_000);
      if (/Uvicorn running on/.test(said)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kimai-mcp exited (${code}):\n${said.slice(-2_000)}`));
    });
  });
  const server = { origin, mcpUrl: `${origin}/mcp` };
  return {
    pid: child.pid as number,
    ...server,
    signIn: (user) =>
      connectAs(server, {
        signIn: (browser, page) => browser.submit(page, '/oauth/login', { username: slugOf(user), secret: secretOf(user) }),
      }),
    async stop() {
      child.kill('SIGINT');
      await exited;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

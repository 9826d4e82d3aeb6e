// `punchcard-mcp serve --config FILE` (the built bundle) with a configuration or an environment that is
// wrong: it exits non-zero before anything listens, with one line that names the key or variable to
// fix, and leaves no store behind. `serve --dev` with a wrong --port is refused the same way.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { SQLITE_STORE_VERSION } from '../../../team-server/store/sqlite-store.ts';
import { localServerConfig } from '../../support/admin-setup.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import { TEST_SERVER_KEY } from '../../support/team-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'punchcard-serve-refusals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD = localServerConfig(dir);

describe('serve --config refuses', () => {
  it.each([
    [
      'an unknown key',
      { ...GOOD, trusted_proxy: [] },
      { PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY },
      /"trusted_proxy" is not a key this version knows \(check the spelling: did you mean "trusted_proxies"\?\)/,
    ],
    [
      'http:// public_url on the network',
      { ...GOOD, public_url: 'http://punchcard.example.com', sign_in: { tracker: true }, provider: { type: 'kimai', url: 'https://kimai.example.com' } },
      { PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY },
      /"public_url": found "http:\/\/punchcard\.example\.com"; an https:\/\/ address/,
    ],
    [
      'a development sign-in on a public address',
      { ...GOOD, public_url: 'https://punchcard.example.com' },
      { PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY },
      /"sign_in\.development": found true; a development sign-in lets anyone in/,
    ],
    ['the key variable unset', GOOD, {}, /^The environment variable PUNCHCARD_SERVER_KEY \(key_env\) is not set; .*openssl rand -base64 32$/],
    [
      'a key of 16 bytes',
      GOOD,
      { PUNCHCARD_SERVER_KEY: Buffer.alloc(16, 7).toString('base64') },
      /^PUNCHCARD_SERVER_KEY \(key_env\) holds 16 bytes; it must hold exactly 32 random bytes in base64\./,
    ],
    [
      'a trusted proxy that is no address',
      { ...GOOD, trusted_proxies: ['proxy.internal'] },
      { PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY },
      /^trusted_proxies: "proxy\.internal" is not an address or a range such as 10\.0\.0\.0\/8$/,
    ],
    [
      'an access-token life below its bound',
      GOOD,
      { PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY, PUNCHCARD_TEAM_ACCESS_TOKEN_TTL_SECONDS: '0' },
      /^PUNCHCARD_TEAM_ACCESS_TOKEN_TTL_SECONDS is "0"/,
    ],
  ])('%s: exit 1 and one line naming it, nothing listening and no store made', async (_mistake, config, env, expected) => {
    const file = join(dir, 'server.json');
    writeFileSync(file, JSON.stringify(config));
    const run = await runTeamCli(['serve', '--config', file], { HOME: dir, ...env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(run.stderr).not.toContain('listening');
    expect(existsSync(join(dir, 'server.db'))).toBe(false);
  });

  it('a store a newer Punchcard migrated: serve and audit exit 1 with one line saying so, and the store is left as it was', async () => {
    const folder = mkdtempSync(join(dir, 'newer-'));
    const path = join(folder, 'server.db');
    const db = new DatabaseSync(path);
    db.exec('PRAGMA user_version = 99');
    db.close();
    const file = join(folder, 'server.json');
    writeFileSync(file, JSON.stringify({ ...GOOD, store: `sqlite:${path}` }));
    for (const args of [
      ['serve', '--config', file],
      ['audit', '--config', file],
    ]) {
      const run = await runTeamCli(args, { HOME: dir, PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toBe(
        `store: ${path} was written by a newer Punchcard (store version 99; this one knows up to ${SQLITE_STORE_VERSION}). Run the newer version, or restore a backup made with this one.\n`,
      );
    }
    const after = new DatabaseSync(path, { readOnly: true });
    expect(after.prepare('PRAGMA user_version').get()).toEqual({ user_version: 99 });
    after.close();
  });

  it('a store whose folder cannot be made: serve exits 1 with one line naming the store, audit says there is none and makes none', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const file = join(dir, 'blocked.json');
    writeFileSync(file, JSON.stringify({ ...GOOD, store: `sqlite:${blocker}/server.db` }));
    const serve = await runTeamCli(['serve', '--config', file], { HOME: dir, PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY });
    expect(serve.code, serve.stderr).toBe(1);
    expect(serve.stderr).toMatch(
      new RegExp(`^store: "sqlite:${blocker}/server\\.db" cannot be opened \\(.*\\)\\. Check that the server's account may create and write it\\.\\n$`),
    );
    const audit = await runTeamCli(['audit', '--config', file], { HOME: dir, PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY });
    expect([audit.code, audit.stderr]).toEqual([
      1,
      `store: There is no store at ${blocker}/server.db: no server has run with it yet (serve makes it at its first start), or "store" in the config names the wrong file. Nothing was created.\n`,
    ]);
  });

  it('a key written twice: exit 1, naming the key, its line and column', async () => {
    const file = join(dir, 'twice.json');
    writeFileSync(file, `{\n  "public_url": "http://127.0.0.1:9",\n  "public_url": "https://punchcard.example.com"\n}\n`);
    const run = await runTeamCli(['serve', '--config', file], { HOME: dir, PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`${file}, line 3, column 3: the key "public_url" appears twice in one object; keep one.\n`);
  });
});

describe('serve --dev --port', () => {
  it.each([
    ['a port out of range', ['serve', '--dev', '--port', '0'], /^--port takes a port number, 1 to 65535\.$/m],
    ['a port that is no number', ['serve', '--dev', '--port', 'http'], /^--port takes a port number, 1 to 65535\.$/m],
    [
      '--port with --config',
      ['serve', '--config', '/etc/punchcard/server.json', '--port', '8787'],
      /^--data and --port go with --dev; a configured server takes them from its FILE\.$/m,
    ],
  ])('refuses %s with exit 2 and the usage, before anything listens', async (_mistake, args, expected) => {
    const run = await runTeamCli(args, { HOME: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).toMatch(/punchcard-mcp serve --dev \[--data DIR\] \[--port N\]/);
  });
});

// Secrets from files (team-server/config/secret-files.ts): NAME_FILE fills NAME for each secret the
// team server's config names, from a real file laid out as Docker and Kubernetes mount them; a file
// that is no place for a secret (a link out of its folder, a folder, a pipe, too big, empty, several
// lines) is refused with a sentence that names the variable and never the value. The built server
// starts with its key from a file and refuses a bad one before listening.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSecretFile, SECRET_FILE_MAX_BYTES, secretVariables, unsetSecret, withSecretFiles } from '../../../team-server/config/secret-files.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import { removeTeamServerData, startTeamServer, TEST_SERVER_KEY } from '../../support/team-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'punchcard-secret-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

const KEY = { variable: 'PUNCHCARD_SERVER_KEY', from: 'key_env' };

describe('secretVariables', () => {
  it('names the key, the client secret, the database password and Calamari’s organisation key where the config uses them', () => {
    const base = { key_env: 'K', sign_in: { tracker: true }, provider: { type: 'kimai', url: 'https://kimai.example.com' } } as never;
    expect(secretVariables(base).map((found) => found.variable)).toEqual(['K']);
    const all = {
      key_env: 'K',
      sign_in: { tracker: false, oidc: { issuer: 'https://login.example.com', client_id: 'punchcard', client_secret_env: 'OIDC' } },
      postgres: { password_env: 'DB', tls: 'verify-full', pool_size: 10 },
      provider: { type: 'calamari', url: 'https://acme.calamari.io' },
    } as never;
    expect(secretVariables(all).map(({ variable, from, what }) => ({ variable, from, what }))).toEqual([
      { variable: 'K', from: 'key_env', what: 'key' },
      { variable: 'OIDC', from: 'sign_in.oidc.client_secret_env', what: 'identity provider secret' },
      { variable: 'DB', from: 'postgres.password_env', what: 'database password' },
      { variable: 'PUNCHCARD_CALAMARI_TOKEN', from: 'provider', what: "Calamari's key" },
    ]);
    // A database password may be empty; the others must hold more than blanks.
    expect(unsetSecret(all, { DB: '' }, 'postgres.password_env')).toBeUndefined();
    expect(unsetSecret(all, {}, 'postgres.password_env')).toBe(
      'The environment variable DB (postgres.password_env) is not set; it must hold the database password.',
    );
    expect(unsetSecret(all, { OIDC: '  ' }, 'sign_in.oidc.client_secret_env')).toMatch(
      /^The environment variable OIDC \(sign_in\.oidc\.client_secret_env\) is not set; /,
    );
    expect(unsetSecret(all, {}, 'provider')).toMatch(/set PUNCHCARD_CALAMARI_TOKEN for the server/);
    expect(unsetSecret(base, {}, 'provider')).toBeUndefined();
  });
});

describe('withSecretFiles', () => {
  it('fills the variable from its file without the final line break, and leaves the rest of the environment alone', () => {
    const path = file('docker/server_key', `${TEST_SERVER_KEY}\n`);
    const result = withSecretFiles({ PUNCHCARD_SERVER_KEY_FILE: path, OTHER: 'x' }, [KEY]);
    expect(result).toEqual({ env: { PUNCHCARD_SERVER_KEY_FILE: path, OTHER: 'x', PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY } });
  });

  it('takes the variable itself when there is no file, and refuses both at once', () => {
    expect(withSecretFiles({ PUNCHCARD_SERVER_KEY: 'direct' }, [KEY])).toEqual({ env: { PUNCHCARD_SERVER_KEY: 'direct' } });
    const path = file('both/key', 'from-file');
    expect(withSecretFiles({ PUNCHCARD_SERVER_KEY: 'direct', PUNCHCARD_SERVER_KEY_FILE: path }, [KEY])).toEqual({
      problem: 'Both PUNCHCARD_SERVER_KEY and PUNCHCARD_SERVER_KEY_FILE are set (key_env); set one of them.',
    });
  });

  it('reads only the variables the config names: another *_FILE is not opened', () => {
    expect(withSecretFiles({ SOMETHING_FILE: '/etc/shadow' }, [KEY])).toEqual({ env: { SOMETHING_FILE: '/etc/shadow' } });
  });

  it('says which variable names an unusable file, and never the value', () => {
    const path = file('two-lines', 'secret-line-one\nsecret-line-two\n');
    const result = withSecretFiles({ PUNCHCARD_SERVER_KEY_FILE: path }, [KEY]);
    expect(result).toEqual({ problem: `PUNCHCARD_SERVER_KEY_FILE (key_env) names ${path}, which cannot be used: it holds more than one line.` });
    expect(JSON.stringify(result)).not.toContain('secret-line');
  });
});

describe('readSecretFile', () => {
  it('follows a Kubernetes Secret’s links within its folder (key → ..data/key → ..timestamp/key)', () => {
    const mount = join(dir, 'kubernetes');
    file('kubernetes/..2026_11_25_07_00_00.1/server-key', 'k8s-secret\n');
    symlinkSync('..2026_11_25_07_00_00.1', join(mount, '..data'));
    symlinkSync('..data/server-key', join(mount, 'server-key'));
    expect(readSecretFile(join(mount, 'server-key'))).toBe('k8s-secret');
  });

  it('refuses a link out of its folder', () => {
    const outside = file('elsewhere/secret', 'not-for-you');
    mkdirSync(join(dir, 'mount'));
    symlinkSync(outside, join(dir, 'mount', 'key'));
    expect(readSecretFile(join(dir, 'mount', 'key'))).toEqual({ problem: `it is a link out of its folder (to ${outside}); mount the secret itself there` });
  });

  it.each([
    ['a relative path', () => 'secrets/key', 'it is not an absolute path'],
    ['a missing file', () => join(dir, 'nothing-here'), 'there is no such file'],
    ['a folder', () => dir, 'it is not a regular file'],
    ['an empty file', () => file('empty', '\n'), 'it is empty'],
    ['a NUL byte', () => file('binary', Buffer.from([0x61, 0, 0x62])), 'it holds a NUL byte, so it is not text'],
    [
      'a file larger than a secret',
      () => file('big', 'x'.repeat(SECRET_FILE_MAX_BYTES + 1)),
      `it is ${SECRET_FILE_MAX_BYTES + 1} bytes, more than a secret can be (${SECRET_FILE_MAX_BYTES})`,
    ],
    [
      'a named pipe (looked at, never waited on)',
      () => {
        const path = join(dir, 'pipe');
        execFileSync('mkfifo', [path]);
        return path;
      },
      'it is not a regular file',
    ],
  ])('refuses %s', (_what, make, problem) => {
    expect(readSecretFile(make())).toEqual({ problem });
  });
});

describe('the built server', () => {
  it('starts with its key from PUNCHCARD_SERVER_KEY_FILE and answers /healthz', async () => {
    const keyFile = file('serve/server-key', `${TEST_SERVER_KEY}\n`);
    const server = await startTeamServer({ built: true, key: '', env: { PUNCHCARD_SERVER_KEY_FILE: keyFile } });
    try {
      expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
      expect(server.stderr()).not.toContain(TEST_SERVER_KEY);
    } finally {
      expect(await server.stop()).toBe(0);
      removeTeamServerData(server);
    }
  });

  it('refuses to start when the key file is a link out of its folder: exit 1, one line, nothing listening', async () => {
    const outside = file('serve-outside/key', `${TEST_SERVER_KEY}\n`);
    mkdirSync(join(dir, 'serve-link'));
    symlinkSync(outside, join(dir, 'serve-link', 'key'));
    const config = file(
      'serve-link.json',
      JSON.stringify({
        public_url: 'http://127.0.0.1:9',
        listen: '127.0.0.1:0',
        provider: { type: 'local' },
        sign_in: { development: true },
        store: `sqlite:${join(dir, 'serve-link.db')}`,
        key_env: 'PUNCHCARD_SERVER_KEY',
      }),
    );
    const run = await runTeamCli(['serve', '--config', config], { HOME: dir, PUNCHCARD_SERVER_KEY_FILE: join(dir, 'serve-link', 'key') });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `PUNCHCARD_SERVER_KEY_FILE (key_env) names ${join(dir, 'serve-link', 'key')}, which cannot be used: it is a link out of its folder (to ${outside}); mount the secret itself there.`,
    );
    expect(run.stderr).not.toContain(TEST_SERVER_KEY);
  });
});

// The keychain for real (docs/decisions.md, "Testing without the Electron binary"):
// @napi-rs/keyring → the Secret Service over D-Bus → a throwaway gnome-keyring daemon on a private
// D-Bus session. HOME, the XDG folders and the runtime folder all point into a temporary directory,
// so the keyring file is created there and the developer's own keyring and session bus are never
// touched. The store runs in a child process (keychain-roundtrip.script.ts) because the session
// only exists inside dbus-run-session (keychain-loading.script.ts runs the built engine there).
// secret-tool (libsecret's command line) plays another Secret Service client.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { expectNoDaemonLeft, keyringSandboxEnv, requireKeyringTools, WITH_LOCKED_KEYRING, WITH_UNLOCKED_KEYRING } from '../../support/keyring.ts';

const SCRIPT = fileURLToPath(new URL('./keychain-roundtrip.script.ts', import.meta.url));
const LOADING_SCRIPT = fileURLToPath(new URL('./keychain-loading.script.ts', import.meta.url));
const ACCOUNT = 'kimai:https://kimai.example.com';
const CHILD_TIMEOUT_MS = 20_000;

interface Sandbox {
  home: string;
  env: NodeJS.ProcessEnv;
}

const sandboxes: Sandbox[] = [];

/** A temporary HOME; the child gets only these variables, so no bus or display leaks in. */
function sandbox(extra: Record<string, string> = {}): Sandbox {
  const home = mkdtempSync(join(tmpdir(), 'punchcard-keychain-'));
  const runtime = join(home, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    ...keyringSandboxEnv(home, runtime),
    ROUNDTRIP_ACCOUNT: ACCOUNT,
    ...extra,
  };
  const created = { home, env };
  sandboxes.push(created);
  return created;
}

afterEach(async () => {
  for (const { home } of sandboxes.splice(0)) {
    try {
      await expectNoDaemonLeft(home);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }
});

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a hung session can be stopped with everything it started.
    const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, CHILD_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

function parseReport(result: ChildResult): Record<string, unknown> {
  const context = `exit ${result.code ?? result.signal}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
  expect(result.code, context).toBe(0);
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as Record<string, unknown>;
}

function secret(): string {
  return `punchcard-test-${randomBytes(12).toString('hex')}`;
}

describe('keychain store against a real gnome-keyring', () => {
  it('saves, reads, overwrites and deletes a secret', async () => {
    requireKeyringTools();
    const first = secret();
    const second = secret();
    const { home, env } = sandbox({ KEYRING_PASSWORD: 'punchcard-test-keyring', ROUNDTRIP_SECRET: first, ROUNDTRIP_SECRET_2: second });

    const result = await run('dbus-run-session', ['--', 'sh', '-c', WITH_UNLOCKED_KEYRING, 'sh', process.execPath, SCRIPT, 'roundtrip'], env);

    expect(parseReport(result)).toEqual({
      kind: 'keychain',
      afterSet: first,
      afterOverwrite: second,
      deleted: true,
      afterDelete: null,
      deletedAgain: false,
    });
    expect(result.stderr).not.toContain(first);
    expect(result.stderr).not.toContain(second);
    // The throwaway keyring was created in the sandbox, not wherever the real one lives.
    expect(readdirSync(join(home, '.local', 'share', 'keyrings'))).toContain('login.keyring');
  });

  it('reports a session bus without a Secret Service as unavailable, and reads fall back to null', async () => {
    requireKeyringTools();
    const value = secret();
    const { home, env } = sandbox({ ROUNDTRIP_SECRET: value });
    // A bus that knows no services at all, so nothing can be activated to answer.
    const config = join(home, 'bus.conf');
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${home}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
    );

    const result = await run('dbus-run-session', [`--config-file=${config}`, '--', process.execPath, SCRIPT, 'unavailable'], env);

    expectUnavailable(parseReport(result), 'no Secret Service on D-Bus', value);
    expect(result.stderr).not.toContain(value);
  });

  it('reports a machine without a session bus as unavailable, and reads fall back to null', async () => {
    requireKeyringTools();
    const value = secret();
    const { env } = sandbox({ ROUNDTRIP_SECRET: value });

    const result = await run(process.execPath, [SCRIPT, 'unavailable'], env);

    expectUnavailable(parseReport(result), 'no D-Bus session bus', value);
    expect(result.stderr).not.toContain(value);
  });
});

describe('keychain entries other Secret Service clients share', () => {
  it('files a secret under the service Punchcard and the account as username, where another client finds it', async () => {
    requireKeyringTools(['secret-tool']);
    const value = secret();
    const { env } = sandbox({ KEYRING_PASSWORD: 'punchcard-test-keyring', ROUNDTRIP_SECRET: value });

    const result = await run('dbus-run-session', ['--', 'sh', '-c', WITH_UNLOCKED_KEYRING, 'sh', process.execPath, SCRIPT, 'others'], env);

    expect(parseReport(result)).toEqual({
      items: 1,
      item: { label: `keyring:${ACCOUNT}@Punchcard`, secret: value },
      attributes: { service: 'Punchcard', username: ACCOUNT },
      lookedUp: value,
    });
  });
});

describe('a locked keyring', () => {
  it('is refused in words a person can act on, and reads do not hide it', async () => {
    requireKeyringTools();
    const saved = secret();
    const replacement = secret();
    const { env } = sandbox({ KEYRING_PASSWORD: 'punchcard-test-keyring', ROUNDTRIP_SECRET: saved, ROUNDTRIP_SECRET_2: replacement });
    // One session saves the entry; the next finds the keyring it is in locked.
    parseReport(await run('dbus-run-session', ['--', 'sh', '-c', WITH_UNLOCKED_KEYRING, 'sh', process.execPath, SCRIPT, 'seed'], env));

    const result = await run('dbus-run-session', ['--', 'sh', '-c', WITH_LOCKED_KEYRING, 'sh', process.execPath, SCRIPT, 'locked'], env);

    const report = parseReport(result);
    const refused = (operation: string, account: string) => ({
      error: {
        name: 'CredentialStoreError',
        reason: 'denied',
        message: expect.stringMatching(
          new RegExp(
            `^The system keychain refused to ${operation} the credential for ${account.replace(/[.:]/g, '\\$&')} \\(.*dismissed\\)\\. Unlock the keychain and allow Punchcard to use it, then try again, or set PUNCHCARD_\\w+_TOKEN for headless use\\.$`,
          ),
        ),
      },
    });
    expect(report).toEqual({
      get: refused('read', ACCOUNT),
      set: refused('save', ACCOUNT),
      delete: refused('delete', ACCOUNT),
      composedGet: refused('read', ACCOUNT),
      logged: [],
    });
    expect(JSON.stringify(report)).not.toContain(saved);
    expect(JSON.stringify(report)).not.toContain(replacement);
  });
});

describe('the built engine', () => {
  // Needs the built bundle (`npm run build`), like every test that runs the engine as clients do.
  it('loads the keychain library only when it needs a secret: never on the local timesheet', async () => {
    requireKeyringTools();
    const token = secret();
    const { env } = sandbox({ KEYRING_PASSWORD: 'punchcard-test-keyring', ROUNDTRIP_SECRET: token });

    const result = await run('dbus-run-session', ['--', 'sh', '-c', WITH_UNLOCKED_KEYRING, 'sh', process.execPath, LOADING_SCRIPT], env);

    expect(parseReport(result)).toEqual({
      local: false,
      kimai: true,
      // It found the token the app saved, and got as far as asking Kimai.
      kimaiAnswer: expect.stringMatching(/^Nothing answers at 127\.0\.0\.1:9 /),
    });
    expect(result.stderr).not.toContain(token);
  });
});

function expectUnavailable(report: Record<string, unknown>, why: string, value: string): void {
  const error = { name: 'CredentialStoreError', reason: 'unavailable', message: expect.stringContaining(`(${why})`) };
  expect(report).toMatchObject({ get: { error }, set: { error }, composedGets: [{ value: null }, { value: null }] });
  expect(JSON.stringify(report)).toContain('PUNCHCARD_KIMAI_TOKEN for headless use');
  expect(JSON.stringify(report)).not.toContain(value);
  expect(report.logged).toHaveLength(1);
}

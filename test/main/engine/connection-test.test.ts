// The connection test as the account screen asks it: the real bundle run once with
// `--test-connection --json` against the fake Kimai (right token, wrong token, nobody answering, no
// token stored), the local timesheet, and fixture scripts that hang or crash. A token goes to the
// child in its environment only: never in its arguments, never in a log line.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectionResultOf, readConnectionLine, testConnection } from '../../../main/engine/connection-test.ts';
import type { EngineLaunch } from '../../../main/engine/launch.ts';
import type { BackEndProfile } from '../../../mcp-server/contract/settings.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { makeUserDataDir } from '../../support/engine.ts';
import { FIXTURES, isAlive, PARENT_ENV, PATIENCE, pidIn, SERVER_BUNDLE, testEnv } from './engine-setup.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;
const WRONG_TOKEN = 'wrong-token-XYZ987654';

let fake: FakeKimai | undefined;
const folders: string[] = [];
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function launchIn(settings?: Record<string, unknown>, script = SERVER_BUNDLE): EngineLaunch {
  const userDataDir = makeUserDataDir(settings);
  folders.push(userDataDir);
  return { command: process.execPath, script, userDataDir, env: testEnv(userDataDir) };
}

/** Runs a test, keeping the log and the exact command lines spawned. */
async function run(launch: EngineLaunch, options: { profile?: BackEndProfile; token?: string; timeoutMs?: number } = {}) {
  const logs: string[] = [];
  const spawned: Array<{ command: string; args: readonly string[]; env: NodeJS.ProcessEnv | undefined }> = [];
  const recordingSpawn = ((command: string, args: readonly string[], spawnOptions: { env?: NodeJS.ProcessEnv }) => {
    spawned.push({ command, args, env: spawnOptions.env });
    return spawn(command, args, spawnOptions);
  }) as typeof spawn;
  const result = await testConnection({
    launch,
    log: (line) => logs.push(line),
    parentEnv: PARENT_ENV,
    spawn: recordingSpawn,
    profile: { type: 'local' },
    ...options,
  });
  return { result, logs, spawned };
}

describe('the local timesheet', () => {
  it('needs no connection', async () => {
    const { result } = await run(launchIn(), { profile: { type: 'local' } });
    expect(result).toEqual({ ok: true, message: 'The local timesheet keeps your hours on this computer; it needs no connection.' });
  });
});

describe('Kimai', () => {
  it('connects with the right token, given only in the child’s environment', async () => {
    fake = await startFakeKimai();
    const launch = launchIn();
    const { result, logs, spawned } = await run(launch, { profile: { type: 'kimai', url: fake.url }, token: ADA.token });
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/^Connected to Kimai 2\.66\.0 at http:\/\/127\.0\.0\.1:\d+ as "Ada Lovelace" \(Europe\/Berlin\)/);
    expect(spawned).toHaveLength(1);
    expect(spawned[0]?.args).toEqual([
      SERVER_BUNDLE,
      '--test-connection',
      '--json',
      '--user-data',
      launch.userDataDir,
      '--provider=kimai',
      `--url=${fake.url}`,
    ]);
    expect(spawned[0]?.env?.PUNCHCARD_KIMAI_TOKEN).toBe(ADA.token);
    expect(JSON.stringify(spawned[0]?.args)).not.toContain(ADA.token);
    expect(logs.join('\n')).not.toContain(ADA.token);
  });

  it('says the token is wrong, without repeating it anywhere', async () => {
    fake = await startFakeKimai();
    const { result, logs, spawned } = await run(launchIn(), { profile: { type: 'kimai', url: fake.url }, token: WRONG_TOKEN });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/token/i);
    expect(result.message).not.toContain(WRONG_TOKEN);
    expect(JSON.stringify(spawned[0]?.args)).not.toContain(WRONG_TOKEN);
    expect(logs.join('\n')).not.toContain(WRONG_TOKEN);
  });

  it('says when nothing answers at the address', async () => {
    fake = await startFakeKimai();
    const url = fake.url;
    await fake.close();
    fake = undefined;
    const { result } = await run(launchIn(), { profile: { type: 'kimai', url }, token: ADA.token });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^Nothing answers/) });
  });

  it('reads the keychain when no token is given, and says when none is stored', async () => {
    fake = await startFakeKimai();
    // No keychain is reachable from the test's environment, and no token is given.
    const { result, spawned } = await run(launchIn(), { profile: { type: 'kimai', url: fake.url } });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^No Kimai API token is stored/) });
    expect(spawned[0]?.env?.PUNCHCARD_KIMAI_TOKEN).toBeUndefined();
  });
});

describe('when the run itself goes wrong', () => {
  it('gives up after the time limit and stops the process', async () => {
    // Long enough for the fixture to start and say its pid even on a busy machine.
    const { result, logs } = await run(launchIn(undefined, resolve(FIXTURES, 'hang.ts')), { timeoutMs: 2_000 });
    expect(result).toEqual({
      ok: false,
      message: 'Punchcard gave up testing the connection after 2 seconds without an answer. Check the address and your network, then try again.',
    });
    await vi.waitFor(() => expect(isAlive(pidIn(logs))).toBe(false), PATIENCE);
  });

  it('quotes a crashed engine’s last words', async () => {
    const { result } = await run(launchIn(undefined, resolve(FIXTURES, 'crash-at-start.ts')));
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^Punchcard's engine could not test the connection \(exit code 3\)\./);
    expect(result.message).toContain('fixture: the timesheet cannot be opened (disk I/O error)');
  });

  it('says so when the bundle is missing', async () => {
    const { result, spawned } = await run(launchIn(undefined, '/nonexistent/punchcard-mcp.mjs'));
    expect(result).toEqual({
      ok: false,
      message: "Punchcard's engine is missing (/nonexistent/punchcard-mcp.mjs does not exist). Reinstall Punchcard to bring it back.",
    });
    expect(spawned).toEqual([]);
  });

  it('says so when the runtime cannot be run', async () => {
    const launch = { ...launchIn(), command: '/nonexistent/bin/node' };
    const { result } = await run(launch);
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^Punchcard could not run its engine with \/nonexistent\/bin\/node \(ENOENT\)/) });
  });
});

describe('reading the answer', () => {
  it('takes the last line of stdout, checked against the engine’s report', () => {
    expect(readConnectionLine('noise\n{"provider":"kimai","ok":false,"verdict":"bad_token","message":"The token was refused."}\n')).toEqual({
      provider: 'kimai',
      ok: false,
      verdict: 'bad_token',
      message: 'The token was refused.',
    });
    expect(readConnectionLine('')).toBeUndefined();
    expect(readConnectionLine('Connection OK\n')).toBeUndefined();
    expect(readConnectionLine('{"ok":true,"verdict":"maybe","message":"?"}')).toBeUndefined();
  });

  it('words the local timesheet for the window, and passes Kimai’s sentences on', () => {
    expect(connectionResultOf({ provider: 'local', ok: true, verdict: 'ok', message: 'choose Kimai with --provider kimai' }).message).not.toMatch(/--provider/);
    expect(connectionResultOf({ provider: 'kimai', ok: false, verdict: 'tls', message: 'The certificate is not trusted.' })).toEqual({
      ok: false,
      message: 'The certificate is not trusted.',
    });
  });
});

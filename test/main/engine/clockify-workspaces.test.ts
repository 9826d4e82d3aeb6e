// The Account screen's list of a Clockify key's workspaces, as main asks for it: the real bundle's
// `--test-connection --json` against the fake Clockify, whose GET /v1/workspaces answers each way
// Clockify may (the list, 401, 403, 5xx, an answer past the deadline, a body that is no list). Every
// failure is a sentence a person can act on, with no workspace to tick and never the key in it.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { testConnection } from '../../../main/engine/connection-test.ts';
import type { EngineLaunch } from '../../../main/engine/launch.ts';
import { ADA, ADA_KEY, type Failure, type FakeClockify, SEED, seedWorkspace, startFakeClockify } from '../../mcp-server/providers/clockify/fake-clockify.ts';
import { makeUserDataDir } from '../../support/engine.ts';
import { PARENT_ENV, SERVER_BUNDLE, testEnv } from './engine-setup.ts';

const WORKSPACES_PATH = '/api/v1/workspaces';
/** The engine's deadline per request in these runs: a delay past it is a timeout, whatever the machine's speed. */
const DEADLINE_MS = 400;

let fake: FakeClockify | undefined;
const folders: string[] = [];
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function listed(failure?: Failure, prepare?: (fake: FakeClockify) => void) {
  fake = await startFakeClockify();
  seedWorkspace(fake);
  prepare?.(fake);
  if (failure) fake.failNext({ path: WORKSPACES_PATH }, { times: 20, ...failure });
  const userDataDir = makeUserDataDir();
  folders.push(userDataDir);
  const launch: EngineLaunch = {
    command: process.execPath,
    script: SERVER_BUNDLE,
    userDataDir,
    env: testEnv(userDataDir, { PUNCHCARD_CLOCKIFY_TIMEOUT_MS: String(DEADLINE_MS) }),
  };
  const logs: string[] = [];
  const result = await testConnection({
    launch,
    profile: { type: 'clockify', url: fake.url },
    token: ADA_KEY,
    log: (line) => logs.push(line),
    parentEnv: PARENT_ENV,
    spawn,
  });
  expect(`${result.message}\n${logs.join('\n')}`).not.toContain(ADA_KEY);
  return result;
}

describe('a Clockify key with several workspaces', () => {
  it('lists every workspace the key sees, by id and name, after a good test', async () => {
    const result = await listed();
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/^Connected to Clockify at .* in the workspace "Acme"/);
    expect(result.workspaces).toEqual([
      { id: SEED.workspaces.acme, name: 'Acme' },
      { id: SEED.workspaces.side, name: 'Side project' },
    ]);
  });

  it('still lists them when the key works but its active workspace is none it sees', async () => {
    const result = await listed(undefined, (clockify) => {
      const ada = clockify.state.users.find((user) => user.id === ADA.id);
      if (ada) ada.activeWorkspace = '64a687e29ae1f428e7ebe999';
    });
    expect(result.ok).toBe(false);
    expect(result.workspaces?.map((workspace) => workspace.name)).toEqual(['Acme', 'Side project']);
  });
});

describe('when Clockify does not list them', () => {
  const sentence = /^[A-Z].*[.)]$/s;

  it('401: the key is refused, in words', async () => {
    const result = await listed({ status: 401, body: { message: 'Full authentication is required to access this resource', code: 1000 } });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(sentence) });
    expect(result.message).toMatch(/key/i);
  });

  it('403: not allowed, in words', async () => {
    const result = await listed({ status: 403, body: { message: 'Access Denied', code: 403 } });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(sentence) });
  });

  it.each([500, 502, 503])('%i: Clockify’s trouble, in words', async (status) => {
    const result = await listed({ status, body: { message: 'Internal Server Error', code: status } });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(sentence) });
    expect(result.message).toMatch(/Clockify/);
  });

  it('no answer before the deadline: a timeout, in words', async () => {
    const result = await listed({ delayMs: DEADLINE_MS * 20, status: 200, body: [] });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(sentence) });
    expect(result.message).toMatch(/Clockify/);
  });

  it.each([
    ['an HTML page', { status: 200, raw: '<html><body>Maintenance</body></html>', headers: { 'Content-Type': 'text/html' } }],
    ['broken JSON', { status: 200, raw: '[{"id": "64a6', headers: { 'Content-Type': 'application/json' } }],
    ['an object, not a list', { status: 200, body: { workspaces: 'none' } }],
  ] as const)('a body that is no list of workspaces (%s): in words, nothing to tick', async (_what, failure) => {
    const result = await listed(failure);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(sentence);
    expect(result.workspaces).toBeUndefined();
  });
});

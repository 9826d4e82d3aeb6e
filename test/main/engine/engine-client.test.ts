// The engine client against the real bundle over real stdio (and against fixture scripts that crash,
// hang or change their tools): lazy and shared starts, restarts after a kill, waits after a crash
// loop, timeouts, tool errors, the tool list kept per engine, and a close that leaves no process behind.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineError } from '../../../main/engine/engine-error.ts';
import {
  clockStartingAt,
  DEFAULT_USERS,
  type FakeKimai,
  type FakeUser,
  rememberPlugin,
  seedCatalog,
  startFakeKimai,
} from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { makeUserDataDir } from '../../support/engine.ts';
import { cleanUp, isAlive, NOW, PATIENCE, pidIn, startFixtureEngine, startTestEngine } from './engine-setup.ts';

let fake: FakeKimai | undefined;
afterEach(async () => {
  await cleanUp();
  await fake?.close();
  fake = undefined;
});

async function failure(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe('starting', () => {
  it('starts nothing until the first call, then one engine that answers', async () => {
    const { engine, logs } = startTestEngine();
    expect(engine.state()).toEqual({ pid: null, starts: 0, failures: 0, closed: false });
    const result = await engine.callTool('timer_status');
    expect(result.structured).toMatchObject({ running: null, today_minutes: 0, week_minutes: 0 });
    expect(result.text).toMatch(/^No timer running\./);
    const { pid, starts } = engine.state();
    expect(starts).toBe(1);
    expect(pid).toEqual(expect.any(Number));
    expect(isAlive(pid as number)).toBe(true);
    // The engine's stderr reaches the log line by line, marked as the engine's.
    expect(logs).toContain(`Engine started (pid ${pid}).`);
    await vi.waitFor(() => expect(logs.some((line) => line.startsWith('[engine] [punchcard] serving on stdio'))).toBe(true), PATIENCE);
  });

  it('shares one start among concurrent first calls', async () => {
    const { engine } = startTestEngine();
    const results = await Promise.all(Array.from({ length: 6 }, () => engine.callTool('timer_status')));
    expect(results).toHaveLength(6);
    expect(engine.state().starts).toBe(1);
  });

  it('lists every tool with --all-tools, even those switched off for AI clients', async () => {
    const { engine } = startTestEngine({ settings: { tools: { readOnly: true, groups: { timer: false } } } });
    const names = await engine.tools();
    expect(names).toEqual(expect.arrayContaining(['clock_in', 'clock_out', 'timer_status', 'update_time_entry', 'delete_time_entry']));
  });
});

describe("the app's proof", () => {
  it('gets the app every tool under a policy that leaves AI clients whoami only: the proof travels on its own pipe', async () => {
    const dir = makeUserDataDir();
    const policyFile = join(dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ schemaVersion: 1, ai: { enabled: false } }));
    const { engine, logs } = startTestEngine({ userDataDir: dir, env: { PUNCHCARD_POLICY_FILE: policyFile } });
    // Every tool but the breaks and the team group, which the local timesheet does not serve.
    expect((await engine.tools()).length).toBe(21);
    expect((await engine.callTool('clock_in')).text).toMatch(/^Clocked in/);
    expect(logs.some((line) => line.includes('--all-tools is ignored'))).toBe(false);
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the tool list', () => {
  /** The tools/list requests that reached the engine, as the relay in front of it logged them. */
  const listings = (logs: readonly string[]) => logs.filter((line) => line === '[engine] relay: tools/list').length;

  /** Once the relay logged a later request, it logged every one before it (it writes them in order). */
  async function wireSettled(engine: { callTool(name: string): Promise<unknown> }, logs: readonly string[]): Promise<void> {
    const before = logs.filter((line) => line === '[engine] relay: tools/call').length;
    await engine.callTool('timer_status');
    await vi.waitFor(() => expect(logs.filter((line) => line === '[engine] relay: tools/call').length).toBe(before + 1), PATIENCE);
  }

  it('is asked once per engine: a status refresh costs no tools/list, a new engine asks again', async () => {
    const { engine, logs } = startTestEngine({ relay: true });
    const first = await engine.tools();
    expect(first).toContain('timer_status');
    const [again, concurrent] = await Promise.all([engine.tools(), engine.tools()]);
    expect(again).toEqual(first);
    expect(concurrent).toEqual(first);
    await wireSettled(engine, logs);
    expect(listings(logs)).toBe(1);

    // Another process may serve another back end: it starts with no list.
    await engine.restart();
    expect(await engine.tools()).toEqual(first);
    await wireSettled(engine, logs);
    expect(listings(logs)).toBe(2);
  });

  it('is asked again after the engine says it changed, and has the tools the back end gained', async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW), config: { absencePlugin: true } });
    seedCatalog(fake);
    const userDataDir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url } });
    // The last start found no absence plugin; the check once the engine is in (at the first call)
    // finds it and says so.
    rememberPlugin(userDataDir, fake.url, false);
    let changes = 0;
    const ada = DEFAULT_USERS[0] as FakeUser;
    const { engine, logs } = startTestEngine({ userDataDir, env: { PUNCHCARD_KIMAI_TOKEN: ada.token }, relay: true, onToolsChanged: () => changes++ });
    expect(await engine.tools()).not.toContain('request_leave');
    await engine.callTool('timer_status', {});
    await vi.waitFor(() => expect(changes).toBeGreaterThan(0), PATIENCE);
    expect(await engine.tools()).toEqual(expect.arrayContaining(['request_leave', 'absence_calendar']));
    expect(await engine.tools()).toContain('request_leave');
    await wireSettled(engine, logs);
    expect(listings(logs)).toBe(2);
  });

  it('drops an answer the engine said was out of date while it was on its way', async () => {
    let changes = 0;
    const { engine } = startFixtureEngine('tools-change.ts', { onToolsChanged: () => changes++ });
    // The caller waiting for the first list still gets it…
    expect(await engine.tools()).toEqual(['tools-1']);
    expect(changes).toBe(1);
    // …but it is not kept: the next call asks again, and that answer is kept.
    expect(await engine.tools()).toEqual(['tools-2']);
    expect(await engine.tools()).toEqual(['tools-2']);
  });
});

describe('a dead engine', () => {
  it('is started again by the next call after it was killed', async () => {
    const { engine, logs } = startTestEngine();
    await engine.callTool('clock_in', { description: 'before the crash' });
    const first = engine.state().pid as number;
    process.kill(first, 'SIGKILL');
    await vi.waitFor(() => expect(engine.state().pid).toBeNull(), PATIENCE);
    expect(logs).toContain(`The engine stopped (pid ${first}); it starts again on the next call.`);

    const status = await engine.callTool('timer_status');
    // The new engine reads the same timesheet: the timer started before the kill still runs.
    expect(status.structured).toMatchObject({ running: { description: 'before the crash' } });
    expect(engine.state()).toMatchObject({ starts: 2, failures: 0 });
    expect(engine.state().pid).not.toBe(first);
    expect(isAlive(first)).toBe(false);
  });

  it('that crashes at every start fails clearly, quotes its last words, and is not started again at once', async () => {
    let clock = 1_000_000;
    const { engine } = startFixtureEngine('crash-at-start.ts', { now: () => clock, restartDelay: { baseMs: 60_000, maxMs: 600_000 } });
    const first = await failure(engine.callTool('timer_status'));
    expect(first.kind).toBe('start');
    expect(first.message).toMatch(/^Punchcard's engine stopped while starting \(it exited before answering\)\. Quit and reopen Punchcard/);
    expect(first.message).toContain('fixture: the timesheet cannot be opened (disk I/O error)');
    expect(first.stderr).toEqual(['fixture: the timesheet cannot be opened (disk I/O error)']);

    // Calls in the waiting time fail at once, with the reason, and start nothing.
    for (let call = 0; call < 5; call++) {
      const again = await failure(engine.callTool('timer_status'));
      expect(again.kind).toBe('start');
      expect(again.message).toMatch(/failed to start just now; it tries again in about 60 seconds\. Punchcard's engine stopped while starting/);
    }
    expect(engine.state()).toMatchObject({ starts: 1, failures: 1, pid: null });

    // After the wait one more start is tried; the next wait is twice as long.
    clock += 60_000;
    await failure(engine.callTool('timer_status'));
    expect(engine.state()).toMatchObject({ starts: 2, failures: 2 });
    clock += 60_000;
    const waiting = await failure(engine.callTool('timer_status'));
    expect(waiting.message).toMatch(/failed to start 2 times in a row; it tries again in about 60 seconds/);
    expect(engine.state().starts).toBe(2);
  });

  it('says so when the bundle is missing, without starting anything', async () => {
    const { engine } = startTestEngine({ requiredFiles: ['/nonexistent/punchcard-mcp.mjs'] });
    const error = await failure(engine.callTool('timer_status'));
    expect(error.message).toBe("Punchcard's engine is missing (/nonexistent/punchcard-mcp.mjs does not exist). Reinstall Punchcard to bring it back.");
    expect(engine.state().starts).toBe(0);
  });

  it('says so when the runtime cannot be run at all', async () => {
    const { engine } = startTestEngine({ command: '/nonexistent/bin/node' });
    const error = await failure(engine.callTool('timer_status'));
    expect(error.kind).toBe('start');
    expect(error.message).toMatch(/^Punchcard could not run its engine with \/nonexistent\/bin\/node \(ENOENT\)\. Reinstall Punchcard/);
  });
});

describe('an engine that does not answer', () => {
  it('times a call out with a plain message', async () => {
    const { engine } = startFixtureEngine('silent-server.ts', { callTimeoutMs: 300 });
    const error = await failure(engine.callTool('timer_status'));
    expect(error.kind).toBe('timeout');
    expect(error.tool).toBe('timer_status');
    expect(error.message).toMatch(/^Punchcard's engine did not answer timer_status within 1 second, so the request timed out\./);
  });

  it('replaces an engine that stopped answering altogether', async () => {
    const { engine, logs } = startFixtureEngine('silent-server.ts', { callTimeoutMs: 300 });
    await failure(engine.callTool('timer_status'));
    const pid = pidIn(logs);
    // A ping gets no answer either, so the hung process is stopped; the next call starts a new one.
    await vi.waitFor(() => expect(isAlive(pid)).toBe(false), PATIENCE);
    expect(engine.state().pid).toBeNull();
    expect(logs.some((line) => line.includes(`The engine (pid ${pid}) does not answer any more`))).toBe(true);
    await failure(engine.callTool('timer_status'));
    expect(engine.state().starts).toBe(2);
  });

  it('times a start out, and stops the process it started', async () => {
    // Long enough for the fixture to start and say its pid even on a busy machine.
    const { engine } = startFixtureEngine('silent-server.ts', { startTimeoutMs: 2_000 }, ['--mute']);
    const error = await failure(engine.callTool('timer_status'));
    expect(error.kind).toBe('start');
    expect(error.message).toMatch(/^Punchcard's engine did not start within 2 seconds\. The computer may be very busy/);
    expect(isAlive(pidIn(error.stderr))).toBe(false);
  });
});

describe('tool errors', () => {
  it('become an EngineError carrying the tool’s own sentence', async () => {
    const { engine } = startTestEngine();
    const error = await failure(engine.callTool('clock_out'));
    expect(error.kind).toBe('tool');
    expect(error.tool).toBe('clock_out');
    expect(error.message).toBe('No timer is running, so there is nothing to clock out of. Use log_time to record past work.');
  });

  it('including bad input, which the engine answers as a tool error too', async () => {
    const { engine } = startTestEngine();
    const error = await failure(engine.callTool('log_time', { date: 'someday', duration: '1h' }));
    expect(error.kind).toBe('tool');
    expect(error.message).toMatch(/date/);
  });

  it('and an unknown tool is the engine refusing, said as such', async () => {
    const { engine } = startTestEngine();
    const error = await failure(engine.callTool('make_coffee'));
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/^Punchcard's engine refused make_coffee \(.*make_coffee not found\)\. The back end in use may not offer it/);
  });
});

describe('closing', () => {
  it('stops the engine for real, is idempotent, and refuses later calls', async () => {
    const { engine } = startTestEngine();
    await engine.callTool('timer_status');
    const pid = engine.state().pid as number;
    expect(isAlive(pid)).toBe(true);
    await Promise.all([engine.close(), engine.close()]);
    expect(isAlive(pid)).toBe(false);
    expect(engine.state()).toMatchObject({ pid: null, closed: true });
    await engine.close();
    const error = await failure(engine.callTool('timer_status'));
    expect(error.kind).toBe('closed');
    expect(engine.state().starts).toBe(1);
  });

  it('waits for a start under way and stops what it started', async () => {
    const { engine, logs } = startTestEngine();
    const call = engine.callTool('timer_status').catch((error: unknown) => error);
    await engine.close();
    const outcome = await call;
    // Either the call slipped through before the close, or it was refused as closing: never hung.
    expect(outcome instanceof EngineError ? outcome.kind : 'answered').toMatch(/^(closed|answered)$/);
    expect(engine.state()).toMatchObject({ pid: null, starts: 1 });
    const pid = Number(logs.join('\n').match(/Engine started \(pid (\d+)\)/)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
  });

  it('restart() under a call tells that call what happened', async () => {
    const { engine } = startFixtureEngine('silent-server.ts');
    const pending = failure(engine.callTool('clock_in'));
    await vi.waitFor(() => expect(engine.state().pid).not.toBeNull(), PATIENCE);
    await engine.restart();
    const error = await pending;
    expect(error.kind).toBe('crashed');
    expect(error.message).toBe('Punchcard restarted its engine while clock_in was under way. Check the status, then try again if the change is not there.');
  });

  it('restart() replaces the engine at once, even after failures', async () => {
    const { engine } = startTestEngine();
    await engine.callTool('timer_status');
    const first = engine.state().pid as number;
    await engine.restart();
    expect(isAlive(first)).toBe(false);
    expect(engine.state().pid).toBeNull();
    await engine.callTool('timer_status');
    expect(engine.state()).toMatchObject({ starts: 2 });
  });
});

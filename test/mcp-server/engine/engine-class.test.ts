// The Engine in process, built from its parts as each host builds it: a settings source, a policy
// source that changes under it, and a back end it opens, rests and opens anew. Each MCP server it made
// follows every change, whatever made the change and however long the server has been open.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { type Settings } from '../../../mcp-server/contract/settings.ts';
import { defaultSettings } from '../../../mcp-server/contract/default-settings.ts';
import { Engine, type OpenTracker, type ServerOptions } from '../../../mcp-server/engine/engine.ts';
import { NO_POLICY, type Policy } from '../../../mcp-server/policy/policy.ts';
import type { PolicySource } from '../../../mcp-server/policy/policy-source.ts';
import { createTracker } from '../../../mcp-server/providers/create-tracker.ts';
import { BackEndError, type Capability, type TimeTracker } from '../../../mcp-server/providers/time-tracker.ts';
import { fixedSettings } from '../../../mcp-server/settings/engine-settings.ts';
import { refusalOf, type ToolResult } from '../../support/engine.ts';

const NOW = Date.parse('2026-11-18T08:00:00Z');

/** A full collection, after the current job (a WeakRef made in it holds its target until the job ends). */
async function collectGarbage(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  for (let round = 0; round < 3; round++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
  }
}
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A policy an administrator edits while the engine runs. */
class EditedPolicy implements PolicySource {
  #policy: Policy = NO_POLICY;
  readonly #listeners = new Set<(previous: Policy) => void>();
  current = () => this.#policy;
  subscribe(listener: (previous: Policy) => void) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  edit(change: Partial<Policy>) {
    const previous = this.#policy;
    this.#policy = { ...previous, ...change };
    for (const listener of this.#listeners) listener(previous);
  }
}

/** The local timesheet with capabilities a test turns on and off, as a remote back end's features come and go. */
interface Opened {
  tracker: TimeTracker;
  setCapabilities(next: Capability[]): void;
  closed: boolean;
}

function localBackEnd(dir: string): { open: OpenTracker; opened: Opened[] } {
  const opened: Opened[] = [];
  const open: OpenTracker = async (profile, basics) => {
    const real = await createTracker({ ...basics, profile, userDataDir: dir });
    let capabilities: ReadonlySet<Capability> = real.capabilities;
    const listeners = new Set<() => void>();
    const entry: Opened = {
      closed: false,
      // The real timesheet's methods, bound to it (its private fields need it), with the capabilities the test sets.
      tracker: new Proxy(real, {
        get(target, name) {
          if (name === 'capabilities') return capabilities;
          if (name === 'onCapabilitiesChange') {
            return (listener: () => void) => {
              listeners.add(listener);
              return () => listeners.delete(listener);
            };
          }
          if (name === 'close') {
            return () => {
              entry.closed = true;
              target.close();
            };
          }
          const value: unknown = Reflect.get(target, name, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
      setCapabilities(next) {
        capabilities = new Set(next);
        for (const listener of listeners) listener();
      },
    };
    opened.push(entry);
    return entry.tracker;
  };
  return { open, opened };
}

/**
 * The local timesheet as a back end that makes a tracker of its own for each call (as the outbox does):
 * each call's tracker adds a note, the second one's timer fails, and each hears when its answer carried the notes.
 */
function perCallBackEnd(dir: string): { open: OpenTracker; answered: number[] } {
  const answered: number[] = [];
  const open: OpenTracker = async (profile, basics) => {
    const real = await createTracker({ ...basics, profile, userDataDir: dir });
    let calls = 0;
    const refuse = () => Promise.reject(new BackEndError('timesheet_closed'));
    return {
      ...real,
      forCall: async (notes) => {
        calls += 1;
        const call = calls;
        notes.push(`Call ${call} went through its own tracker.`);
        return {
          ...real,
          ...(call === 2 ? { timer: { runningEntry: refuse, startTimer: refuse, stopTimer: refuse } } : {}),
          answered: async () => {
            answered.push(call);
          },
        };
      },
    };
  };
  return { open, answered };
}

async function engineWith(options: { settings?: Settings; policy?: PolicySource; log?: (message: string) => void; open?: (dir: string) => OpenTracker } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-engine-class-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const backEnd = localBackEnd(dir);
  const policy = options.policy ?? new EditedPolicy();
  const engine = await Engine.open({
    settings: fixedSettings(options.settings ?? { ...defaultSettings(), user: { name: 'Ada' } }),
    policy,
    profile: (settings) => settings.provider,
    openTracker: options.open?.(dir) ?? backEnd.open,
    now: () => NOW,
    log: options.log ?? (() => {}),
    callDeadlineMs: 45_000,
  });
  cleanups.push(() => engine.close());
  return { engine, backEnd };
}

/** A client of one server the engine made, kept open as a 2025-era session keeps its server. */
async function session(engine: Engine, readOnly = false, afterWrite?: ServerOptions['afterWrite']) {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await engine.createServer({ readOnly, ...(afterWrite ? { afterWrite } : {}) }).connect(serverTransport);
  const client = new Client({ name: 'engine-class-test', version: '1' });
  let told = 0;
  client.setNotificationHandler('notifications/tools/list_changed', () => {
    told += 1;
  });
  await client.connect(clientTransport);
  cleanups.push(() => client.close());
  return {
    client,
    told: () => told,
    tools: async () => (await client.listTools()).tools.map((tool) => tool.name),
    call: (name: string, args: Record<string, unknown> = {}) =>
      client.callTool({ name, arguments: args }) as Promise<ToolResult & { content: Array<{ text: string }> }>,
  };
}

/** A server of `engine` that completed a prompt's argument and closed, held only weakly (in its own frame, which ends). */
async function completedAndClosed(engine: Engine): Promise<WeakRef<object>> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const server = engine.createServer();
  await server.connect(serverTransport);
  const client = new Client({ name: 'engine-class-test', version: '1' });
  await client.connect(clientTransport);
  const { completion } = await client.complete({ ref: { type: 'ref/prompt', name: 'fill_my_day' }, argument: { name: 'date', value: 'yes' } });
  expect(completion.values).toContain('yesterday');
  await client.close();
  await server.close();
  return new WeakRef(server);
}

describe('an Engine', () => {
  it("tells every open server when the back end's features change, and each lists what it can do now", async () => {
    const { engine, backEnd } = await engineWith();
    const first = await session(engine);
    const second = await session(engine);
    expect(await first.tools()).toContain('absence_calendar');
    // The calendar goes, as Kimai's absence plugin may be uninstalled while Punchcard runs.
    backEnd.opened[0]?.setCapabilities(['account', 'timer', 'entries', 'entries_edit', 'reports', 'catalog', 'catalog_write', 'leave', 'leave_cancel']);
    await expect.poll(() => first.told()).toBeGreaterThan(0);
    await expect.poll(() => second.told()).toBeGreaterThan(0);
    expect(await first.tools()).not.toContain('absence_calendar');
    expect(await second.tools()).not.toContain('absence_calendar');
    expect(await second.tools()).toContain('clock_in');
  });

  it('applies a policy change to servers made before it: the denied tool leaves the list and its call is refused', async () => {
    const policy = new EditedPolicy();
    const { engine } = await engineWith({ policy });
    const open = await session(engine);
    expect(await open.tools()).toContain('clock_in');
    policy.edit({ deniedTools: new Set(['clock_in']), sources: ['/etc/punchcard/policy.json'] });
    await expect.poll(() => open.told()).toBeGreaterThan(0);
    expect(await open.tools()).not.toContain('clock_in');
    const refused = await open.call('clock_in');
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toBe("Your organisation's policy does not let AI clients use clock_in. Nothing was done.");
    policy.edit({ deniedTools: new Set() });
    await expect.poll(async () => await open.tools()).toContain('clock_in');
  });

  it("keeps a read-only server's writing tools hidden when a policy change allows them", async () => {
    const policy = new EditedPolicy();
    policy.edit({ readOnly: true, sources: ['/etc/punchcard/policy.json'] });
    const { engine } = await engineWith({ policy });
    const readOnly = await session(engine, true);
    const writing = await session(engine);
    expect(await writing.tools()).not.toContain('clock_in');
    policy.edit({ readOnly: false });
    await expect.poll(async () => await writing.tools()).toContain('clock_in');
    expect(await readOnly.tools()).not.toContain('clock_in');
    expect(await readOnly.tools()).toContain('timer_status');
  });

  it('rests its back end and opens it again at the next call, the open servers going on over the new one', async () => {
    const { engine, backEnd } = await engineWith();
    const open = await session(engine);
    const started = await open.call('clock_in', { description: 'before the rest' });
    expect(started.isError, started.content[0]?.text).toBeFalsy();
    engine.rest();
    expect(backEnd.opened[0]?.closed).toBe(true);
    // While it rests, the list is what the back end offered when it was last open.
    expect(await open.tools()).toContain('clock_out');
    const stopped = await open.call('clock_out');
    expect(stopped.isError).toBeFalsy();
    expect(stopped.content[0]?.text).toContain('before the rest');
    expect(backEnd.opened).toHaveLength(2);
    engine.reopen();
    expect(backEnd.opened[1]?.closed).toBe(true);
    expect((await open.call('timer_status')).isError).toBeFalsy();
    expect(backEnd.opened).toHaveLength(3);
  });

  it('refuses a tool whose capability the back end claims without the part it brings, in words, before the handler runs', async () => {
    const { engine, backEnd } = await engineWith();
    const open = await session(engine);
    // The local timesheet has no break methods; a back end that said it had breaks anyway gets its break tools listed.
    backEnd.opened[0]?.setCapabilities([
      'account',
      'timer',
      'breaks',
      'entries',
      'entries_edit',
      'reports',
      'catalog',
      'catalog_write',
      'leave',
      'leave_cancel',
    ]);
    await expect.poll(async () => await open.tools()).toContain('start_break');
    for (const tool of ['start_break', 'end_break']) {
      const refused = await open.call(tool);
      expect(refused.isError, tool).toBe(true);
      expect(refused.content[0]?.text, tool).toMatch(/^\S.* has no breaks\.$/);
    }
    // Nothing was started: the timer is as it was.
    expect((await open.call('timer_status')).content[0]?.text).toMatch(/^No timer running\./);
  });

  it('answers a write only once what it tells of the write is done (the team server keeps the audit record first); a record that fails leaves the write done', async () => {
    const said: string[] = [];
    const { engine } = await engineWith({ log: (message) => said.push(message) });
    let recording: (() => void) | undefined;
    const recorded: string[] = [];
    const open = await session(engine, false, async (call) => {
      if (call.tool === 'clock_out') throw new Error('the store went away');
      await new Promise<void>((resolve) => (recording = resolve));
      recorded.push(call.tool);
    });
    let answered = false;
    const clockIn = open.call('clock_in').then((result) => {
      answered = true;
      return result;
    });
    await expect.poll(() => recording).toBeDefined();
    // A call after it, on the same connection, is answered first: the write's answer waits for its record.
    expect(await open.tools()).toContain('clock_in');
    expect(answered).toBe(false);
    recording?.();
    expect((await clockIn).isError).toBeFalsy();
    expect(recorded).toEqual(['clock_in']);
    const clockOut = await open.call('clock_out');
    expect(clockOut.isError).toBeFalsy();
    expect(said).toContain('Recording clock_out failed: the store went away');
  });

  it("works each call through the tracker its back end makes for the call, and tells that tracker only once the call's answer carried its notes", async () => {
    let backEnd: ReturnType<typeof perCallBackEnd> | undefined;
    const { engine } = await engineWith({ open: (dir) => (backEnd = perCallBackEnd(dir)).open });
    const open = await session(engine);
    const first = await open.call('timer_status');
    expect(first.isError).toBeFalsy();
    expect(first.content[0]?.text).toMatch(/\nCall 1 went through its own tracker\.$/);
    expect(backEnd?.answered).toEqual([1]);
    // A call that fails never answers with its notes: its tracker is not told they were said.
    const failed = await open.call('timer_status');
    expect(failed.content[0]?.text).toBe('The timesheet was closed.');
    expect(refusalOf(failed)).toEqual({ code: 'timesheet_closed', facts: {} });
    expect(backEnd?.answered).toEqual([1]);
    expect((await open.call('timer_status')).content[0]?.text).toMatch(/\nCall 3 went through its own tracker\.$/);
    expect(backEnd?.answered).toEqual([1, 3]);
  });

  it('lets a server go once it closed, though the prompt arguments it built (and their completer) stay with the engine', async () => {
    const { engine } = await engineWith();
    // The first server builds the prompts' argument schemas the engine keeps; a completion runs through them.
    const first = await completedAndClosed(engine);
    // A later server completes through the kept schemas: the completer works without the server that built it.
    const later = await session(engine);
    const { completion } = await later.client.complete({ ref: { type: 'ref/prompt', name: 'fill_my_day' }, argument: { name: 'date', value: 'yes' } });
    expect(completion.values).toContain('yesterday');
    // The team server builds a server per request: one kept for the engine's life would be one per person.
    await collectGarbage();
    expect(first.deref()).toBeUndefined();
  });

  it('refuses calls in words once it is closed, opening nothing', async () => {
    const { engine, backEnd } = await engineWith();
    const open = await session(engine);
    engine.close();
    const refused = await open.call('timer_status');
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toBe('Punchcard is shutting down; try again in a moment.');
    expect(refusalOf(refused)).toEqual({ code: 'engine_closing', facts: {} });
    expect(backEnd.opened).toHaveLength(1);
  });
});

/** One exchange on a server the engine lent for `kind`, as the team server's per-request handler has one: connected, used, closed. */
async function lentExchange<T>(engine: Engine, kind: string, use: (client: Client) => Promise<T>): Promise<{ server: object; result: T }> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const server = engine.lendServer(kind);
  await server.connect(serverTransport);
  const client = new Client({ name: 'engine-class-test', version: '1' });
  await client.connect(clientTransport);
  try {
    return { server, result: await use(client) };
  } finally {
    await client.close();
  }
}

const toolNames = async (client: Client) => (await client.listTools()).tools.map((tool) => tool.name);

describe("an Engine's servers kept to serve again (mcp-server/engine/server-pool.ts)", () => {
  it('lends a closed server again to the same kind of caller only, and never one that is serving', async () => {
    const { engine } = await engineWith();
    const first = await lentExchange(engine, 'ada via claude', toolNames);
    expect(first.result).toContain('clock_in');
    expect(engine.openServers).toBe(0);
    const again = await lentExchange(engine, 'ada via claude', toolNames);
    expect(again.server).toBe(first.server);
    // Another kind (another client, or a read-only token) gets a server of its own.
    expect((await lentExchange(engine, 'ada via vs code', toolNames)).server).not.toBe(first.server);
    // Two at once: the second lend makes another while the first serves.
    const serving = engine.lendServer('ada via claude');
    expect(engine.lendServer('ada via claude')).not.toBe(serving);
  });

  it('keeps a waiting server following the policy: denied while it waited, the tool is not listed when it serves again', async () => {
    const policy = new EditedPolicy();
    const { engine } = await engineWith({ policy });
    const first = await lentExchange(engine, 'ada', toolNames);
    expect(first.result).toContain('clock_in');
    policy.edit({ deniedTools: new Set(['clock_in']), sources: ['/etc/punchcard/policy.json'] });
    const again = await lentExchange(engine, 'ada', async (client) => ({
      tools: await toolNames(client),
      call: (await client.callTool({ name: 'clock_in', arguments: {} })) as ToolResult & { content: Array<{ text: string }> },
    }));
    expect(again.server).toBe(first.server);
    expect(again.result.tools).not.toContain('clock_in');
    expect(again.result.tools).toContain('timer_status');
    expect(again.result.call.content[0]?.text).toBe("Your organisation's policy does not let AI clients use clock_in. Nothing was done.");
  });

  it('does not keep a server closed while a call of its own still runs (its progress would reach the next request)', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    const slow =
      (dir: string): OpenTracker =>
      async (profile, basics) => {
        const real = await createTracker({ ...basics, profile, userDataDir: dir });
        const runningEntry = () => ((started += 1), gate.then(() => real.timer.runningEntry()));
        return { ...real, timer: { ...real.timer, runningEntry } };
      };
    const { engine } = await engineWith({ open: slow });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    const server = engine.lendServer('ada');
    await server.connect(serverTransport);
    const client = new Client({ name: 'engine-class-test', version: '1' });
    await client.connect(clientTransport);
    const call = client.callTool({ name: 'timer_status', arguments: {} }).catch(() => 'ended with the connection');
    await expect.poll(() => started).toBe(1);
    // The client goes while the call runs: the server closes with it.
    await client.close();
    expect(await call).toBe('ended with the connection');
    expect(engine.lendServer('ada')).not.toBe(server);
    release();
  });

  it('keeps nothing once the engine closed, not even a server that was serving then and closes after', async () => {
    const { engine } = await engineWith();
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    const server = engine.lendServer('ada');
    await server.connect(serverTransport);
    const client = new Client({ name: 'engine-class-test', version: '1' });
    await client.connect(clientTransport);
    engine.close();
    await client.close();
    expect(engine.lendServer('ada')).not.toBe(server);
  });

  it('drops the servers it kept when the engine rests, so that an idle engine closes (the team server closes those with no open server)', async () => {
    const { engine } = await engineWith();
    const { server } = await lentExchange(engine, 'ada', toolNames);
    expect(engine.openServers).toBe(0);
    engine.rest();
    expect(engine.lendServer('ada')).not.toBe(server);
  });
});

describe("a back end's first check of its features", () => {
  /** The local timesheet whose check of its features is `check`, given the opened back end (to switch its capabilities). */
  async function checkedEngine(check: (opened: Opened) => Promise<void>, beforeUseMs: number) {
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-engine-class-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const backEnd = localBackEnd(dir);
    const open: OpenTracker = async (profile, basics) => {
      const tracker = await backEnd.open(profile, basics);
      const opened = backEnd.opened.at(-1) as Opened;
      return new Proxy(tracker, { get: (target, name) => (name === 'detectFeatures' ? () => check(opened) : Reflect.get(target, name)) });
    };
    const engine = await Engine.open({
      settings: fixedSettings({ ...defaultSettings(), user: { name: 'Ada' } }),
      policy: new EditedPolicy(),
      profile: (settings) => settings.provider,
      openTracker: open,
      now: () => NOW,
      log: () => {},
      callDeadlineMs: 45_000,
      detection: { delayMs: 0, beforeUseMs },
    });
    cleanups.push(() => engine.close());
    return engine;
  }
  const WITHOUT_CALENDAR: Capability[] = ['account', 'timer', 'entries', 'entries_edit', 'reports', 'catalog', 'catalog_write', 'leave', 'leave_cancel'];

  it('is waited for where the host asks (detection.beforeUseMs): the first tools/list follows its answer, and nothing needs telling', async () => {
    let checks = 0;
    const engine = await checkedEngine(async (opened) => {
      checks += 1;
      // The check answers after the back end opened, as a tracker's reads do.
      await Promise.resolve();
      opened.setCapabilities(WITHOUT_CALENDAR);
    }, 60_000);
    const first = await session(engine);
    expect(await first.tools()).not.toContain('absence_calendar');
    expect(first.told()).toBe(0);
    // Asked once at the opening; the next check is the hourly one, not a second at once.
    expect(checks).toBe(1);
  });

  it('is waited for no longer than the host says: a check that never answers leaves the back end serving what it opened with', async () => {
    const engine = await checkedEngine(() => new Promise<void>(() => {}), 1);
    const first = await session(engine);
    expect(await first.tools()).toContain('absence_calendar');
    expect((await first.call('whoami')).isError).toBeFalsy();
  });
});

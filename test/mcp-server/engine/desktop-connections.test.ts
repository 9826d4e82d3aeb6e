// The desktop engine's openTracker with several trackers (docs/several-trackers.md): each tracker opened
// with its own folder (its timesheet, its outbox) and its own secret. The engine tells which tracker it
// opens in `connection`; here the callback is called as the engine calls it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackEndProfile } from '../../../mcp-server/contract/back-ends.ts';
import type { Connection } from '../../../mcp-server/contract/connections.ts';
import type { Settings } from '../../../mcp-server/contract/settings.ts';
import { openDesktopEngine } from '../../../mcp-server/engine/desktop-engine.ts';
import { Engine, type EngineOptions, type OpenTrackerOptions } from '../../../mcp-server/engine/engine.ts';
import type { TimeTracker } from '../../../mcp-server/providers/time-tracker.ts';
import { DEFAULT_USERS, type FakeKimai, startFakeKimai } from '../providers/kimai/fake-kimai.ts';

const NOW = Date.parse('2026-11-18T08:00:00Z');
const ADA = DEFAULT_USERS[0] as (typeof DEFAULT_USERS)[number];
const TOM = DEFAULT_USERS[1] as (typeof DEFAULT_USERS)[number];
const closing: Array<() => unknown> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const close of closing.splice(0).reverse()) await close();
});

/** The openTracker the desktop engine hands the engine, for the data folder `dir` and the variables `env`. */
async function openTrackerOf(dir: string, env: NodeJS.ProcessEnv): Promise<EngineOptions['openTracker']> {
  let captured: EngineOptions | undefined;
  vi.spyOn(Engine, 'open').mockImplementation(async (options) => {
    captured = options;
    return {} as Engine;
  });
  await openDesktopEngine({ userDataDir: dir, allTools: true, now: () => NOW, log: () => {}, env, policyFiles: [] });
  if (!captured) throw new Error('The desktop engine opened no engine.');
  return captured.openTracker;
}

function basics(name: string, connections: readonly Connection[]): OpenTrackerOptions {
  return {
    personName: () => 'Ada',
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map(),
    timezone: () => 'Europe/Berlin',
    teamToolsWanted: () => false,
    adminToolsWanted: () => false,
    approvalToolsWanted: () => false,
    settings: () => ({}) as Settings,
    organisation: () => ({}) as ReturnType<OpenTrackerOptions['organisation']>,
    now: () => NOW,
    log: () => {},
    connection: { name, connections },
  };
}

async function kimai(users: (typeof DEFAULT_USERS)[number][]): Promise<FakeKimai> {
  const fake = await startFakeKimai({ users: users.map((user) => ({ ...user })), now: () => NOW });
  closing.push(() => fake.close());
  return fake;
}

function dataFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-connections-'));
  closing.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("the desktop engine's trackers", () => {
  it('a tracker that is not the default keeps its timesheet and outbox in trackers/<name>, and sends its own secret to its own server', async () => {
    const [a, b] = [await kimai([ADA]), await kimai([TOM])];
    const dir = dataFolder();
    const profiles: Record<string, BackEndProfile> = { acme: { type: 'kimai', url: a.url }, beta: { type: 'kimai', url: b.url }, home: { type: 'local' } };
    const connections: Connection[] = Object.entries(profiles).map(([name, profile], index) => ({ name, profile, isDefault: index === 0 }));
    const open = await openTrackerOf(dir, { PUNCHCARD_KIMAI_TOKEN: ADA.token, PUNCHCARD_TRACKER_BETA_TOKEN: TOM.token });
    const opened: TimeTracker[] = [];
    closing.push(() => opened.forEach((tracker) => tracker.close?.()));
    for (const name of ['acme', 'beta', 'home']) opened.push(await open(profiles[name] as BackEndProfile, basics(name, connections)));
    const [acme, beta, home] = opened as [TimeTracker, TimeTracker, TimeTracker];
    await home.timer.runningEntry();
    expect(existsSync(join(dir, 'trackers', 'home', 'punchcard.db'))).toBe(true);
    expect(existsSync(join(dir, 'punchcard.db'))).toBe(false);
    await beta.timer.runningEntry();
    expect([...new Set(b.requests.map((request) => request.headers.authorization))]).toEqual([`Bearer ${TOM.token}`]);
    // PUNCHCARD_KIMAI_TOKEN names no server of the two: acme is refused, and nothing reaches it.
    await expect(acme.timer.runningEntry()).rejects.toMatchObject({ refusal: { code: 'remote_tracker_secret_missing', facts: { tracker: 'acme' } } });
    expect(a.requests).toEqual([]);
    await expect.poll(() => existsSync(join(dir, 'trackers', 'beta', 'outbox.db'))).toBe(true);
    expect(existsSync(join(dir, 'trackers', 'acme'))).toBe(false);
  });
});

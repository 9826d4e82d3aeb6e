// A week per connection (docs/several-trackers.md, "A week per connection"), through the built server as a new user
// meets it: Toggl Track as the default and a local timesheet `home`, neither with a week of its own, share the
// settings' one week: their hours together against one 40 h target, said once, never the whole week each. Given a
// week of its own (20 h), `home` is held to it, and Toggl to the settings' week alone. Two part-time employers, each
// with a week of its own (Toggl's 24 h, home's 16 h), are each held to their own, and the settings' 40 h to neither.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EngineHandle, makeUserDataDir, startEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { ADA_TOKEN, type FakeToggl, seedWorld, startFakeToggl } from '../providers/toggl/fake-toggl.ts';

// A Wednesday: Monday to Wednesday are behind, so 24 h of the week's 40 h are due.
const NOW = '2026-11-18T16:00:00+01:00';
const WEEK = { from: '2026-11-16', to: '2026-11-22' };
const TWENTY_HOURS = { mon: 5, tue: 5, wed: 5, thu: 5, fri: 0, sat: 0, sun: 0 };
const TOGGL_PART_TIME = { mon: 8, tue: 8, wed: 8, thu: 0, fri: 0, sat: 0, sun: 0 };
const HOME_PART_TIME = { mon: 0, tue: 4, wed: 0, thu: 6, fri: 6, sat: 0, sun: 0 };

type Report = {
  trackers: Array<{
    tracker: string;
    total_minutes: number;
    target_minutes: number | null;
    target_so_far_minutes: number | null;
    overtime_minutes: number | null;
  }>;
  target_groups?: Array<{
    trackers: string[];
    total_minutes: number;
    target_minutes: number;
    target_so_far_minutes: number;
    overtime_minutes: number;
    groups?: Array<{ key: string; minutes: number; target_minutes: number }>;
  }>;
  groups: Array<{ key: string; minutes: number; target_minutes?: number; tracker?: string }>;
};

describe('connections without a week of their own share the settings’ week', () => {
  let fake: FakeToggl;
  let engine: EngineHandle | undefined;
  beforeEach(async () => {
    fake = await startFakeToggl({ now: clockStartingAt(NOW), quotas: { user: Number.POSITIVE_INFINITY, organisation: Number.POSITIVE_INFINITY } });
    seedWorld(fake);
  });
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
    await fake?.close();
  });

  async function start(home: Record<string, unknown>, toggl: Record<string, unknown> = {}): Promise<EngineHandle> {
    const settings = { provider: { type: 'toggl', url: fake.url, ...toggl }, trackers: [{ name: 'home', type: 'local', ...home }], timezone: 'Europe/Berlin' };
    engine = await startEngine({ userDataDir: makeUserDataDir(settings), env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TOGGL_TOKEN: ADA_TOKEN } });
    // 5 h 15 min for Toggl's client on Monday, 10 h at home on Tuesday: 15 h 15 min of the week's 24 h so far.
    for (const [tracker, date, duration] of [
      ['toggl', '2026-11-16', '5h15m'],
      ['home', '2026-11-17', '10h'],
    ] as const) {
      const logged = await engine.call('log_time', { start: `${date}T08:00`, duration, description: 'work', tracker });
      expect(logged.isError, textOf(logged)).toBeFalsy();
    }
    return engine;
  }

  it('holds two connections without a week to one 40 h target for both together, said once', async () => {
    const engine = await start({});
    const report = await engine.call('time_report', WEEK);
    expect(report.isError, textOf(report)).toBeFalsy();
    const data = report.structuredContent as Report;
    expect(data.target_groups).toEqual([
      {
        trackers: ['toggl', 'home'],
        total_minutes: 915,
        target_minutes: 2400,
        target_so_far_minutes: 1440,
        overtime_minutes: -525,
        groups: [
          { key: '2026-11-16', minutes: 315, target_minutes: 480 },
          { key: '2026-11-17', minutes: 600, target_minutes: 480 },
          { key: '2026-11-18', minutes: 0, target_minutes: 480 },
          { key: '2026-11-19', minutes: 0, target_minutes: 480 },
          { key: '2026-11-20', minutes: 0, target_minutes: 480 },
          { key: '2026-11-21', minutes: 0, target_minutes: 0 },
          { key: '2026-11-22', minutes: 0, target_minutes: 0 },
        ],
      },
    ]);
    // Neither is held to the week alone: no target of its own, on the connection or on its days.
    expect(data.trackers.map((each) => [each.tracker, each.total_minutes, each.target_minutes, each.overtime_minutes])).toEqual([
      ['toggl', 315, null, null],
      ['home', 600, null, null],
    ]);
    expect(data.groups.filter((group) => group.target_minutes !== undefined)).toEqual([]);
    const text = textOf(report);
    expect(text).toContain('toggl and home together: 15 h 15 min of 40 h, 24 h of it up to today (2026-11-18); shortfall 8 h 45 min.');
    expect(text).toContain("toggl: Total 5 h 15 min from 2026-11-16 to 2026-11-22; its target is the settings' week, shared with home (below).");
    expect(text).not.toMatch(/target 40 h/);
    expect(text.match(/of 40 h/g)).toHaveLength(1);
    // whoami says which connections share it.
    const who = await engine.call('whoami');
    expect(
      (who.structuredContent?.trackers as Array<{ tracker: string; shares_settings_week: boolean }>).map((each) => [each.tracker, each.shares_settings_week]),
    ).toEqual([
      ['toggl', true],
      ['home', true],
    ]);
    expect(textOf(who)).toContain("toggl and home share the settings' work week: one target for their hours together.");
  });

  it('holds a connection with a week of its own (20 h) to it, and the other to the settings’ week alone', async () => {
    const engine = await start({ workWeek: TWENTY_HOURS });
    const report = await engine.call('time_report', WEEK);
    expect(report.isError, textOf(report)).toBeFalsy();
    const data = report.structuredContent as Report;
    expect(data.target_groups).toBeUndefined();
    expect(data.trackers.map((each) => [each.tracker, each.total_minutes, each.target_minutes, each.target_so_far_minutes, each.overtime_minutes])).toEqual([
      ['toggl', 315, 2400, 1440, -1125],
      ['home', 600, 1200, 900, -300],
    ]);
    expect(data.groups.filter((group) => group.tracker === 'home').map((group) => group.target_minutes)).toEqual([300, 300, 300, 300, 0, 0, 0]);
    expect(textOf(report)).toContain('home: Total 10 h from 2026-11-16 to 2026-11-22; target 20 h, 15 h of it up to today (2026-11-18); shortfall 5 h.');
    const who = await engine.call('whoami', { tracker: 'home' });
    expect(who.structuredContent?.work_week).toEqual(TWENTY_HOURS);
    expect(who.structuredContent?.week_target_hours).toBe(20);
  });

  it('holds Toggl Track, the default, to its part-time week and home to its own, never the settings’ week to either', async () => {
    const engine = await start({ workWeek: HOME_PART_TIME }, { workWeek: TOGGL_PART_TIME });
    const report = await engine.call('time_report', WEEK);
    expect(report.isError, textOf(report)).toBeFalsy();
    const data = report.structuredContent as Report;
    expect(data.target_groups).toBeUndefined();
    // Toggl: 24 h, all of it due by Wednesday; home: 16 h, Tuesday's 4 h of it due so far.
    expect(data.trackers.map((each) => [each.tracker, each.total_minutes, each.target_minutes, each.target_so_far_minutes, each.overtime_minutes])).toEqual([
      ['toggl', 315, 1440, 1440, -1125],
      ['home', 600, 960, 240, 360],
    ]);
    expect(data.groups.filter((group) => group.tracker === 'toggl').map((group) => group.target_minutes)).toEqual([480, 480, 480, 0, 0, 0, 0]);
    expect(data.groups.filter((group) => group.tracker === 'home').map((group) => group.target_minutes)).toEqual([0, 240, 0, 360, 360, 0, 0]);
    const text = textOf(report);
    expect(text).toContain('toggl: Total 5 h 15 min from 2026-11-16 to 2026-11-22; target 24 h, 24 h of it up to today (2026-11-18); shortfall 18 h 45 min.');
    expect(text).toContain('home: Total 10 h from 2026-11-16 to 2026-11-22; target 16 h, 4 h of it up to today (2026-11-18); overtime 6 h.');
    expect(text).not.toMatch(/40 h|together/);
    const who = await engine.call('whoami');
    expect(
      (who.structuredContent?.trackers as Array<{ tracker: string; shares_settings_week: boolean }>).map((each) => [each.tracker, each.shares_settings_week]),
    ).toEqual([
      ['toggl', false],
      ['home', false],
    ]);
    const toggl = await engine.call('whoami', { tracker: 'toggl' });
    expect(toggl.structuredContent?.work_week).toEqual(TOGGL_PART_TIME);
    expect(toggl.structuredContent?.week_target_hours).toBe(24);
  });
});

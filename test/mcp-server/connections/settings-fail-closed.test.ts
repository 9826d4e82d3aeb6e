// A `trackers` that cannot say where data goes fails the settings closed (docs/several-trackers.md, "Settings"):
// AI clients get whoami alone, naming the key; nothing is read or written anywhere. A bad `timers` only falls back.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine } from '../../support/engine.ts';

const handles: InProcessEngineHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
});

async function start(settings: Record<string, unknown>): Promise<InProcessEngineHandle> {
  const handle = await startInProcessEngine({ userDataDir: makeUserDataDir(settings), args: ['--all-tools'] });
  handles.push(handle);
  return handle;
}

describe('settings with trackers', () => {
  it.each([
    ['a name that is not one', [{ name: 'Beta Corp', type: 'local' }], 'trackers[0].name'],
    ['a name used twice', [{ name: 'acme', type: 'local' }], 'trackers[0].name'],
    ['a profile that does not validate', [{ name: 'beta', type: 'kimai' }], 'trackers[0].url'],
    ['a work week of its own that does not validate', [{ name: 'beta', type: 'local', workWeek: { mon: 25 } }], 'trackers[0].workWeek.mon'],
    ['more than eight connections', Array.from({ length: 8 }, (_, index) => ({ name: `t${index}`, type: 'local' })), 'more than 8 connections'],
  ])('fails closed on %s: whoami alone, naming it; nothing written anywhere', async (_case, trackers, named) => {
    const engine = await start({ provider: { name: 'acme', type: 'local' }, trackers });
    const { tools } = await engine.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['whoami']);
    const who = await engine.call('whoami');
    expect(String(who.structuredContent?.settings_problem)).toContain(named);
    const logged = await engine.call('log_time', { date: '2026-11-02', duration: '1h' });
    expect(logged.isError).toBe(true);
    expect(refusalOf(logged)?.code).not.toBe(undefined);
    expect(existsSync(join(engine.userDataDir, 'punchcard.db'))).toBe(false);
    expect(existsSync(join(engine.userDataDir, 'trackers'))).toBe(false);
  });

  it('an invalid timers is one overall, with a note in settings_notes', async () => {
    const engine = await start({ provider: { name: 'acme', type: 'local' }, trackers: [{ name: 'beta', type: 'local' }], timers: 'both' });
    const who = await engine.call('whoami');
    expect(who.structuredContent?.settings_problem).toBeNull();
    expect(who.structuredContent?.settings_notes).toEqual([expect.stringContaining('one timer overall is used')]);
    await engine.call('clock_in', {});
    const second = await engine.call('clock_in', { tracker: 'beta' });
    expect(refusalOf(second)?.code).toBe('clock_in_timer_running');
  });

  it('an empty trackers is one connection: no tracker argument, no labels', async () => {
    const engine = await start({ provider: { name: 'acme', type: 'local' }, trackers: [] });
    const { tools } = await engine.client.listTools();
    expect(tools.some((tool) => tool.inputSchema.properties?.tracker !== undefined)).toBe(false);
    const logged = await engine.call('log_time', { date: '2026-11-02', duration: '1h' });
    expect(logged.structuredContent?.tracker).toBeUndefined();
  });
});

// Several trackers over two local timesheets (docs/several-trackers.md): the rules of the call path that
// need no remote service, seen as an AI client sees them. Each timesheet is its own file, so what was
// written where is read straight from the files.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';

const handles: InProcessEngineHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
});

const TWO = { provider: { name: 'acme', type: 'local' }, trackers: [{ name: 'beta', type: 'local' }] };

async function start(settings: Record<string, unknown> = TWO, args: string[] = []): Promise<InProcessEngineHandle> {
  const handle = await startInProcessEngine({ userDataDir: makeUserDataDir(settings), args: ['--all-tools', ...args] });
  handles.push(handle);
  return handle;
}

describe('two local timesheets', () => {
  it('lists tracker on every tool, never required, and says the trackers in the instructions', async () => {
    const engine = await start();
    const { tools } = await engine.client.listTools();
    for (const tool of tools) {
      expect(tool.inputSchema.properties?.tracker, tool.name).toEqual({ type: 'string' });
      expect(tool.inputSchema.required ?? [], tool.name).not.toContain('tracker');
    }
    expect(engine.client.getInstructions()).toContain('Trackers: acme (default), beta.');
  });

  it('with one connection no tool takes tracker', async () => {
    const engine = await start({ provider: { type: 'local' } });
    const { tools } = await engine.client.listTools();
    for (const tool of tools) expect(tool.inputSchema.properties?.tracker, tool.name).toBeUndefined();
    expect(engine.client.getInstructions()).not.toContain('Trackers');
  });

  it('writes to the default without tracker, to the named one with it, and refuses a name there is none of', async () => {
    const engine = await start();
    const atDefault = await engine.call('log_time', { date: '2026-11-02', duration: '1h', description: 'default' });
    expect(atDefault.isError, textOf(atDefault)).toBeFalsy();
    expect(atDefault.structuredContent?.tracker).toBe('acme');
    const atBeta = await engine.call('log_time', { date: '2026-11-02', duration: '2h', description: 'beta', tracker: 'beta' });
    expect(atBeta.structuredContent?.tracker).toBe('beta');
    expect(textOf(atBeta)).toMatch(/^beta: /);
    expect(existsSync(join(engine.userDataDir, 'trackers', 'beta', 'punchcard.db'))).toBe(true);
    const unknown = await engine.call('log_time', { date: '2026-11-02', duration: '2h', tracker: 'zeta' });
    expect(refusalOf(unknown)).toEqual({ code: 'tracker_unknown', facts: { tracker: 'zeta', trackers: ['acme', 'beta'] } });
    expect(textOf(unknown)).toContain('The trackers are acme (default) and beta. Nothing was sent.');
    const listed = await engine.call('list_time_entries', { from: '2026-11-02', to: '2026-11-02' });
    const entries = listed.structuredContent?.entries as Array<{ tracker: string; description: string; minutes: number }>;
    expect(entries.map((entry) => [entry.tracker, entry.description, entry.minutes]).sort()).toEqual([
      ['acme', 'default', 60],
      ['beta', 'beta', 120],
    ]);
    expect(listed.structuredContent?.total).toBe(2);
    expect(listed.structuredContent?.notices).toEqual([expect.objectContaining({ code: 'trackers_overlap', facts: expect.objectContaining({ minutes: 60 }) })]);
  });

  it('sends a change of an entry to the connection that gave out its number, and refuses a number two gave out', async () => {
    const engine = await start();
    const beta = await engine.call('log_time', { date: '2026-11-03', duration: '1h', description: 'only beta', tracker: 'beta' });
    const id = (beta.structuredContent?.entry as { id: number }).id;
    const updated = await engine.call('update_time_entry', { id, description: 'changed in beta' });
    expect(updated.isError, textOf(updated)).toBeFalsy();
    expect(updated.structuredContent?.tracker).toBe('beta');
    // The record itself names its connection too: the window puts it back in its list by number and connection.
    expect((updated.structuredContent?.entry as { tracker?: string }).tracker).toBe('beta');
    // Now the default hands out the same number too.
    const acme = await engine.call('log_time', { date: '2026-11-03', duration: '1h', description: 'acme' });
    expect((acme.structuredContent?.entry as { id: number }).id).toBe(id);
    const ambiguous = await engine.call('delete_time_entry', { id });
    expect(refusalOf(ambiguous)).toEqual({ code: 'tracker_required', facts: { tool: 'delete_time_entry', why: 'ambiguous_id', trackers: ['acme', 'beta'] } });
    const still = await engine.call('list_time_entries', { from: '2026-11-03', to: '2026-11-03' });
    expect(still.structuredContent?.total).toBe(2);
  });

  it('one timer overall: clock_in elsewhere is refused while one runs, switch stops it in its own connection', async () => {
    const engine = await start();
    const first = await engine.call('clock_in', { description: 'acme work' });
    expect(first.isError, textOf(first)).toBeFalsy();
    const refusedIn = await engine.call('clock_in', { description: 'beta work', tracker: 'beta' });
    expect(refusalOf(refusedIn)?.code).toBe('clock_in_timer_running');
    expect(refusalOf(refusedIn)?.facts.tracker).toBe('acme');
    const switched = await engine.call('clock_in', { description: 'beta work', tracker: 'beta', switch: true });
    expect(switched.isError, textOf(switched)).toBeFalsy();
    const status = await engine.call('timer_status');
    const timers = status.structuredContent?.timers as Array<{ tracker: string; description: string }>;
    expect(timers.map((timer) => [timer.tracker, timer.description])).toEqual([['beta', 'beta work']]);
    // clock_out goes to the one connection whose timer runs.
    const out = await engine.call('clock_out');
    expect(out.structuredContent?.tracker).toBe('beta');
  });

  it('one timer per tracker: both run, and clock_out without tracker is refused', async () => {
    const engine = await start({ ...TWO, timers: 'per_tracker' });
    await engine.call('clock_in', { description: 'acme work' });
    const second = await engine.call('clock_in', { description: 'beta work', tracker: 'beta' });
    expect(textOf(second)).toContain("acme's timer still runs");
    const status = await engine.call('timer_status');
    expect((status.structuredContent?.timers as unknown[]).length).toBe(2);
    const out = await engine.call('clock_out');
    expect(refusalOf(out)).toEqual({ code: 'tracker_required', facts: { tool: 'clock_out', why: 'several_timers', trackers: ['acme', 'beta'] } });
    const named = await engine.call('clock_out', { tracker: 'acme' });
    expect(named.structuredContent?.tracker).toBe('acme');
    const after = await engine.call('timer_status');
    expect((after.structuredContent?.timers as Array<{ tracker: string }>).map((timer) => timer.tracker)).toEqual(['beta']);
  });

  it('a project only one connection has decides where a write goes; one both have is refused', async () => {
    const engine = await start();
    await engine.call('create_catalog_item', { kind: 'project', name: 'Side Gig', tracker: 'beta' });
    await engine.call('create_catalog_item', { kind: 'project', name: 'Website', tracker: 'beta' });
    await engine.call('create_catalog_item', { kind: 'project', name: 'Website' });
    const implied = await engine.call('log_time', { date: '2026-11-04', duration: '1h', project: 'side gig' });
    expect(implied.isError, textOf(implied)).toBeFalsy();
    expect(implied.structuredContent?.tracker).toBe('beta');
    expect(textOf(implied)).toMatch(/^beta: /);
    const both = await engine.call('log_time', { date: '2026-11-04', duration: '1h', project: 'Website' });
    expect(refusalOf(both)).toEqual({ code: 'tracker_required', facts: { tool: 'log_time', why: 'ambiguous_project', trackers: ['acme', 'beta'] } });
    expect(textOf(both)).toContain('call log_time again with tracker: "acme" or "beta". Nothing was sent.');
  });

  it('whoami lists every connection; time_report adds hours, never targets', async () => {
    const engine = await start();
    const who = await engine.call('whoami');
    expect(who.structuredContent?.trackers).toEqual([
      expect.objectContaining({ tracker: 'acme', default: true }),
      expect.objectContaining({ tracker: 'beta', default: false }),
    ]);
    await engine.call('log_time', { date: '2026-11-02', duration: '1h' });
    await engine.call('log_time', { date: '2026-11-02', duration: '2h', tracker: 'beta' });
    const report = await engine.call('time_report', { from: '2026-11-02', to: '2026-11-02' });
    expect(report.isError, textOf(report)).toBeFalsy();
    expect(report.structuredContent?.total_minutes).toBe(180);
    expect(report.structuredContent?.target_minutes).toBeNull();
    expect((report.structuredContent?.trackers as Array<{ tracker: string; total_minutes: number }>).map((each) => [each.tracker, each.total_minutes])).toEqual(
      [
        ['acme', 60],
        ['beta', 120],
      ],
    );
  });

  it('--provider means that one back end alone, and says once that the trackers are not used', async () => {
    const engine = await start(TWO, ['--provider', 'local']);
    const { tools } = await engine.client.listTools();
    expect(tools.every((tool) => tool.inputSchema.properties?.tracker === undefined)).toBe(true);
    expect(engine.stderr()).toContain('they are not used here, as the command line names one back end (--provider)');
  });
});

// Editing config.json while a client is connected changes the tool list, and the client hears
// about it, in both protocol eras.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TOOL_CATALOG, type ToolName } from '../../../mcp-server/contract/tool-catalog.ts';
import { LOCAL_TOOL_NAMES } from '../../support/local-tools.ts';
import {
  type Era,
  type InProcessEngineHandle,
  makeUserDataDir,
  refusalOf,
  startInProcessEngine,
  textOf,
  type ToolResult,
  writeSettings,
} from '../../support/engine.ts';

let engine: InProcessEngineHandle | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

async function toolNames(handle: InProcessEngineHandle): Promise<string[]> {
  return (await handle.client.listTools()).tools.map((tool) => tool.name);
}

/** Saves the way the app does: a temporary file renamed over the old one. */
function saveAtomically(dir: string, settings: Record<string, unknown>) {
  const temporary = join(dir, 'config.json.tmp');
  writeFileSync(temporary, JSON.stringify({ schemaVersion: 1, ...settings }));
  renameSync(temporary, join(dir, 'config.json'));
}

describe.each<Era>(['legacy', 'modern'])('live tool toggles (%s era)', (era) => {
  it('follows read-only mode and single switches, notifying the client each time', async () => {
    const dir = makeUserDataDir();
    let notifications = 0;
    engine = await startInProcessEngine({ era, userDataDir: dir, listChanged: () => notifications++ });

    const initial = await toolNames(engine);
    expect(initial).toContain('clock_in');
    expect(initial).not.toContain('delete_time_entry');

    saveAtomically(dir, { tools: { readOnly: true } });
    await expect.poll(() => notifications).toBe(1);
    const readOnly = await toolNames(engine);
    expect(readOnly.length).toBeGreaterThan(0);
    expect(readOnly.every((name) => TOOL_CATALOG[name as ToolName].access === 'read')).toBe(true);

    writeSettings(dir, { tools: { readOnly: false, enabled: { delete_time_entry: true }, groups: { leave: false } } });
    await expect.poll(() => notifications).toBe(2);
    const custom = await toolNames(engine);
    expect(custom).toContain('delete_time_entry');
    expect(custom).not.toContain('request_leave');
    expect(custom).toContain('clock_in');

    // A switched-off tool cannot be called either: it says why, and where it is switched on.
    const refused = (await engine.client.callTool({ name: 'request_leave', arguments: { type: 'sick', first_day: 'today' } })) as ToolResult;
    expect(refused.isError).toBe(true);
    expect(refusalOf(refused)).toEqual({ code: 'tool_withheld', facts: { tool: 'request_leave', why: 'settings', back_end: 'Local timesheet' } });
    expect(textOf(refused)).toBe(
      "request_leave is switched off for AI clients in the settings Punchcard runs with: the Tools section of Punchcard's preferences switches it on (on a team server, its administrator does). Nothing was done.",
    );
  });

  it('keeps the last good tool list while the file is broken, and recovers when it is fixed', async () => {
    const dir = makeUserDataDir({ tools: { groups: { leave: false } } });
    let notifications = 0;
    engine = await startInProcessEngine({ era, userDataDir: dir, listChanged: () => notifications++ });
    expect(await toolNames(engine)).not.toContain('request_leave');

    // A half-typed edit: the defaults would switch the leave tools back on, which the person did
    // not ask for, so the server keeps the settings that worked.
    writeFileSync(join(dir, 'config.json'), '{ "tools": ');
    await expect
      .poll(() => engine?.stderr() ?? '')
      .toMatch(/was changed and cannot be used: it is not valid JSON .*Punchcard keeps the settings it read before/);
    expect(await toolNames(engine)).not.toContain('request_leave');
    expect(notifications).toBe(0);
    expect((await engine.client.callTool({ name: 'timer_status', arguments: {} })).isError).toBeFalsy();

    writeSettings(dir, { tools: { groups: { leave: true } } });
    await expect.poll(() => notifications).toBe(1);
    expect(await toolNames(engine)).toContain('request_leave');
  });
});

describe("the app's own engine", () => {
  it('offers every tool with --all-tools, whatever the settings say', async () => {
    const dir = makeUserDataDir({ tools: { readOnly: true } });
    engine = await startInProcessEngine({ userDataDir: dir, args: ['--all-tools'] });
    expect((await toolNames(engine)).sort()).toEqual([...LOCAL_TOOL_NAMES].sort());
  });
});

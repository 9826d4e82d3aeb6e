// The call path across connections (mcp-server/engine/connections/call-across.ts) over stand-in connections, where a
// test holds when each back end opens: what a connection offers is known only once it opened, so a call decides after
// each opened (or failed to), never taking one still opening for one that lacks the tool.
import { describe, expect, it } from 'vitest';
import type { ToolName } from '../../../mcp-server/contract/tool-catalog.ts';
import type { ConnectionView } from '../../../mcp-server/engine/connections/connection-view.ts';
import { callAcrossConnections } from '../../../mcp-server/engine/connections/call-across.ts';
import { idsInMemory } from '../../../mcp-server/engine/connections/connection-ids.ts';
import type { CallableTool } from '../../../mcp-server/engine/run-tool.ts';
import type { TimeTracker } from '../../../mcp-server/providers/time-tracker.ts';
import { TOOLS } from '../../../mcp-server/tools/index.ts';

/** A connection whose back end opens when `open` is called (or fails to); until then it offers nothing, as a resting engine. */
function connection(name: string, isDefault: boolean, projects: string[]) {
  let opened = false;
  let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const opening = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const sent: string[] = [];
  const tracker = {
    catalog: {
      catalog: async () => ({
        customers: [],
        projects: projects.map((project, index) => ({ kind: 'project', id: index + 1, name: project, archived: false })),
        activities: [],
      }),
    },
    timer: { runningEntry: async () => null },
  } as unknown as TimeTracker;
  const view: ConnectionView = {
    name,
    isDefault,
    type: 'kimai',
    sharesSettingsWeek: () => false,
    contexts: {
      context: () => {
        sent.push('a tool ran');
        return Promise.reject(new Error(`${name} was asked to run the tool`));
      },
    } as unknown as ConnectionView['contexts'],
    offers: (_tool: ToolName) => opened,
    withheld: () => (opened ? null : { code: 'tool_withheld', facts: { tool: 'log_time', why: 'back_end', back_end: name } }),
    tracker: async () => {
      await opening;
      return tracker;
    },
  };
  return {
    view,
    sent,
    open: () => {
      opened = true;
      settle?.resolve();
    },
    fail: () => settle?.reject(new Error('cannot open')),
  };
}

function across(views: ConnectionView[]) {
  return {
    views,
    ids: idsInMemory(),
    timers: 'one_overall' as const,
    now: () => Date.parse('2026-11-18T12:00:00+01:00'),
    deadlineMs: 5_000,
    log: () => {},
    // What running a tool reads of the request: no elicitation declared, never cancelled.
    server: { server: { getClientCapabilities: () => ({}) } } as never,
    request: { mcpReq: { signal: new AbortController().signal } } as never,
    questions: {} as never,
  };
}

describe('a call across connections', () => {
  it('waits for a connection still opening before finding which has the project: a name both have is refused, never sent to the default', async () => {
    const acme = connection('acme', true, ['Website']);
    const beta = connection('beta', false, ['Website', 'Internal']);
    acme.open();
    const answer = callAcrossConnections(
      TOOLS.log_time as CallableTool,
      { date: '2026-11-17', duration: '1h', project: 'Website' },
      undefined,
      across([acme.view, beta.view]),
    );
    // beta opens only after the call began.
    setImmediate(() => beta.open());
    const result = (await answer) as { _meta?: Record<string, unknown> };
    expect(JSON.stringify(result._meta)).toContain('"why":"ambiguous_project"');
    expect(JSON.stringify(result._meta)).toContain('"trackers":["acme","beta"]');
    expect(acme.sent).toEqual([]);
    expect(beta.sent).toEqual([]);
  });

  it('asks a connection that could not open in a spanning read, so that it is a notice, not left out in silence', async () => {
    const acme = connection('acme', true, []);
    const beta = connection('beta', false, []);
    acme.open();
    beta.fail();
    await callAcrossConnections(
      TOOLS.list_time_entries as CallableTool,
      { from: '2026-11-16', to: '2026-11-18' },
      undefined,
      across([acme.view, beta.view]),
    ).catch(() => {});
    // Both were asked: beta's failure to open is its own answer (a tracker_missing notice in the engine).
    expect(acme.sent).toEqual(['a tool ran']);
    expect(beta.sent).toEqual(['a tool ran']);
  });
});

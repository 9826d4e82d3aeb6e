// MCP Apps over real stdio, against the built bundle, in both eras: a client that declares the
// `io.modelcontextprotocol/ui` extension gets the apps' links on their tools and can read their
// pages; a client that does not gets every byte of tools/list and of the answers as a client did
// before the apps existed (what the links add, and what an app's tools' answers tell its page of the
// tools it may read, is all that differs), and no pages.
import { afterEach, describe, expect, it } from 'vitest';
import { APP_MIME_TYPE, APPS, UI_EXTENSION } from '../../../mcp-server/apps/app-catalog.ts';
import { makeUserDataDir } from '../../support/engine.ts';
import { cleanUp, type RawServer, serverEnv, spawnRawServer } from '../../support/raw-stdio.ts';
import { MODEL_FACING_BUDGET, modelFacingChars } from '../../support/tool-list-size.ts';

const NOW = '2026-11-18T10:00:00+01:00';
const CLIENT_INFO = { name: 'apps-test', version: '1.0.0' };
const WITH_APPS = { extensions: { [UI_EXTENSION]: { mimeTypes: [APP_MIME_TYPE] } } };
type Era = 'legacy' | 'modern';
type Listed = { name: string; description?: string; inputSchema: unknown; _meta?: Record<string, unknown> };

afterEach(() => cleanUp());

/** A raw connection in `era` declaring `capabilities`: `ask` sends one request and gives the whole answer line. */
async function connect(era: Era, dir: string, capabilities: object) {
  const server: RawServer = spawnRawServer(['--user-data', dir], serverEnv(dir, { PUNCHCARD_NOW: NOW }));
  let id = 1;
  const _meta = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientCapabilities': capabilities,
    'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
  };
  const ask = async (method: string, params: Record<string, unknown> = {}) => {
    const sent = id++;
    server.send({ jsonrpc: '2.0', id: sent, method, params: era === 'modern' ? { ...params, _meta } : params });
    const response = await server.response(sent);
    // The id is the only part of a line that is the request's own.
    return { line: response.line.replace(`"id":${sent}`, '"id":0'), message: response.message };
  };
  if (era === 'legacy') {
    await ask('initialize', { protocolVersion: '2025-11-25', capabilities, clientInfo: CLIENT_INFO });
    server.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  } else {
    await ask('server/discover');
  }
  return { ask };
}

const toolsOf = (message: { result?: unknown }) => (message.result as { tools: Listed[] }).tools;

/** Where a tool's answer tells an app's page which of its optional reads this client is offered. */
const OFFERED = 'app.punchcard/offered';
type Answer = { _meta?: Record<string, unknown> };

/** An answer's line as it would be without what the apps' pages are told: that key of its `_meta` taken out. */
function withoutOffers(line: string): string {
  const message = JSON.parse(line) as { result?: Answer };
  const meta = message.result?._meta;
  if (!message.result || !meta || !(OFFERED in meta)) return line;
  const { [OFFERED]: _offered, ...rest } = meta;
  const { _meta: _dropped, ...bare } = message.result;
  return JSON.stringify({ ...message, result: Object.keys(rest).length > 0 ? { ...bare, _meta: rest } : bare });
}

/** The list as it would be without the apps' links: the two keys serve-apps.ts adds, taken out. */
function withoutLinks(tools: Listed[]): Listed[] {
  return tools.map((tool) => {
    if (!tool._meta) return tool;
    const { ui: _ui, 'ui/resourceUri': _flat, ...rest } = tool._meta;
    const { _meta: _dropped, ...bare } = tool;
    return Object.keys(rest).length > 0 ? { ...bare, _meta: rest } : bare;
  });
}

describe.each<Era>(['legacy', 'modern'])('MCP Apps on stdio (%s era)', (era) => {
  it('links the apps only for a client that declares them; everything else in tools/list is the same, byte for byte', async () => {
    const dir = makeUserDataDir();
    const plain = await connect(era, dir, {});
    const apps = await connect(era, dir, WITH_APPS);
    // Early (the opening's answer) and late (the SDK's, once a call loaded the engine): the same.
    const plainEarly = await plain.ask('tools/list');
    const appsList = await apps.ask('tools/list');
    await plain.ask('tools/call', { name: 'whoami', arguments: {} });
    const plainLate = await plain.ask('tools/list');
    expect(plainLate.line).toBe(plainEarly.line);

    const plainTools = toolsOf(plainEarly.message);
    const appTools = toolsOf(appsList.message);
    expect(plainTools.some((tool) => tool._meta !== undefined)).toBe(false);
    expect(JSON.stringify(withoutLinks(appTools))).toBe(JSON.stringify(plainTools));
    const linked = Object.fromEntries(appTools.filter((tool) => tool._meta).map((tool) => [tool.name, tool._meta]));
    expect(linked).toEqual({
      clock_in: { ui: { resourceUri: 'ui://punchcard/timer' }, 'ui/resourceUri': 'ui://punchcard/timer' },
      clock_out: { ui: { resourceUri: 'ui://punchcard/timer' }, 'ui/resourceUri': 'ui://punchcard/timer' },
      timer_status: { ui: { resourceUri: 'ui://punchcard/timer' }, 'ui/resourceUri': 'ui://punchcard/timer' },
      list_time_entries: { ui: { resourceUri: 'ui://punchcard/week' }, 'ui/resourceUri': 'ui://punchcard/week' },
      time_report: { ui: { resourceUri: 'ui://punchcard/week' }, 'ui/resourceUri': 'ui://punchcard/week' },
      absence_calendar: { ui: { resourceUri: 'ui://punchcard/leave' }, 'ui/resourceUri': 'ui://punchcard/leave' },
      leave_balance: { ui: { resourceUri: 'ui://punchcard/leave' }, 'ui/resourceUri': 'ui://punchcard/leave' },
    });
    // What the model reads is the same list either way, within its budget.
    expect(modelFacingChars(appTools)).toBe(modelFacingChars(plainTools));
    expect(modelFacingChars(plainTools)).toBeLessThanOrEqual(MODEL_FACING_BUDGET);
  });

  it('answers the same calls with the same bytes, with or without the extension', async () => {
    const plainDir = makeUserDataDir();
    const appsDir = makeUserDataDir();
    const plain = await connect(era, plainDir, {});
    const apps = await connect(era, appsDir, WITH_APPS);
    const calls: Array<[string, Record<string, unknown>]> = [
      ['clock_in', { description: 'Report', start: '09:00' }],
      ['timer_status', {}],
      ['clock_out', { end: '09:45' }],
      ['list_time_entries', {}],
      ['time_report', {}],
      ['leave_balance', {}],
      ['absence_calendar', {}],
      ['delete_time_entry', { id: 999 }],
    ];
    for (const [name, args] of calls) {
      const one = await plain.ask('tools/call', { name, arguments: args });
      const other = await apps.ask('tools/call', { name, arguments: args });
      expect(withoutOffers(other.line), name).toBe(one.line);
    }
  });

  it("tells a page, in its tools' answers to a client that declares the apps, which of its other reads this client is offered", async () => {
    const dir = makeUserDataDir();
    const plain = await connect(era, dir, {});
    const apps = await connect(era, dir, WITH_APPS);
    for (const name of ['time_report', 'list_time_entries']) {
      const answer = (await apps.ask('tools/call', { name, arguments: {} })).message.result as Answer;
      // The local timesheet has no approvals: the Week is told list_timesheet_approvals is not offered, and asks nothing of it.
      expect(answer._meta?.[OFFERED], name).toEqual([]);
      expect(((await plain.ask('tools/call', { name, arguments: {} })).message.result as Answer)._meta?.[OFFERED], name).toBeUndefined();
    }
    // The Timer reads nothing that may not be offered: its tools' answers say nothing of it.
    expect(((await apps.ask('tools/call', { name: 'timer_status', arguments: {} })).message.result as Answer)._meta?.[OFFERED]).toBeUndefined();
  });

  it('serves the pages, self-contained, only to a client that declares the extension', async () => {
    const dir = makeUserDataDir();
    const plain = await connect(era, dir, {});
    const apps = await connect(era, dir, WITH_APPS);
    // For this client the server has resources, as its capabilities say, but none of them.
    expect((await plain.ask('resources/list', {})).message.result).toMatchObject({ resources: [] });
    expect((await plain.ask('resources/templates/list', {})).message.result).toMatchObject({ resourceTemplates: [] });
    expect((await plain.ask('resources/read', { uri: 'ui://punchcard/timer' })).message.error).toMatchObject({
      code: -32602,
      message: 'There is no resource ui://punchcard/timer.',
      data: { uri: 'ui://punchcard/timer' },
    });

    const listed = (await apps.ask('resources/list')).message.result as { resources: Array<Record<string, unknown>> };
    expect(listed.resources.map((resource) => [resource.uri, resource.mimeType])).toEqual(APPS.map((app) => [app.uri, APP_MIME_TYPE]));
    for (const app of APPS) {
      const read = (await apps.ask('resources/read', { uri: app.uri })).message.result as {
        contents: Array<{ uri: string; mimeType: string; text: string; _meta: unknown }>;
      };
      const [page] = read.contents;
      expect(page?.mimeType).toBe(APP_MIME_TYPE);
      expect(page?._meta).toEqual({ ui: { csp: { connectDomains: [], resourceDomains: [] }, prefersBorder: true } });
      const html = page?.text ?? '';
      expect(html).toMatch(new RegExp(`^<!doctype html><html lang="en" data-app="${app.name}">`));
      // Nothing is fetched: no script, style, image or frame from an address, no base, no import.
      expect(html).not.toMatch(/<(script|link|img|iframe|base)\b[^>]*\b(src|href)=/i);
      expect(html).not.toMatch(/\bimport\s*\(\s*["'`]|\bfrom\s*["'`]https?:/);
      expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org|react\.dev)[a-z]/i);
    }
    const unknown = await apps.ask('resources/read', { uri: 'ui://punchcard/../secrets' });
    expect(unknown.message.error).toMatchObject({
      code: -32602,
      message: expect.stringMatching(/^There is no resource ui:\/\/punchcard\/\.\.\/secrets\. Punchcard's pages are ui:\/\/punchcard\//),
    });
  });
});

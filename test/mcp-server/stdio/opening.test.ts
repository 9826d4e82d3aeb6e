// The opening and the connection around it, without processes: which messages are answered early,
// which go to the engine (with what replayed first), how the era is followed, and when a client
// hears that its tool list is stale. The manifest is the real one, captured from the SDK.
import { isInitializeRequest } from '@modelcontextprotocol/server';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createConnection, type LoadedEngine } from '../../../mcp-server/stdio/connection.ts';
import type { JsonObject, JsonRpcMessage } from '../../../mcp-server/stdio/frames.ts';
import { TOOL_CATALOG, TOOL_NAMES } from '../../../mcp-server/contract/tool-catalog.ts';
import { captureOpeningManifest } from '../../../mcp-server/stdio/opening-manifest.ts';
import {
  answerOpening,
  newOpeningState,
  noteEra,
  type Offered,
  type OpeningManifest,
  type OpeningState,
  unsupportedRevision,
} from '../../../mcp-server/stdio/opening.ts';
import type { Wire } from '../../../mcp-server/stdio/wire.ts';

let manifest: OpeningManifest;
beforeAll(async () => {
  manifest = await captureOpeningManifest();
});

it("captures each tool's group and access, which the opening's switches decide by without the definitions", () => {
  expect(manifest.tools.map((tool) => tool.name)).toEqual(TOOL_NAMES);
  for (const tool of manifest.tools)
    expect({ group: tool.group, access: tool.access }).toEqual({ group: TOOL_CATALOG[tool.name].group, access: TOOL_CATALOG[tool.name].access });
});

const CLIENT = { name: 'test', version: '1' };
const envelope = (version = '2026-07-28', extra: JsonObject = {}) => ({
  _meta: {
    'io.modelcontextprotocol/protocolVersion': version,
    'io.modelcontextprotocol/clientCapabilities': {},
    'io.modelcontextprotocol/clientInfo': CLIENT,
    ...extra,
  },
});
const initialize = (params: JsonObject = { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: CLIENT }) =>
  ({ jsonrpc: '2.0', id: 1, method: 'initialize', params }) as JsonRpcMessage;
const request = (method: string, params?: JsonObject, id: number = 2) => ({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) }) as JsonRpcMessage;
const listed = () => manifest.tools.slice(0, 3).map((tool) => tool.listed);
const listedPrompts = () => manifest.prompts.slice(0, 2).map((prompt) => prompt.listed);
const offered: Offered = { tools: listed, prompts: listedPrompts };

function open(message: JsonRpcMessage, state: OpeningState = newOpeningState()) {
  return { outcome: answerOpening(message, state, manifest, offered), state };
}

describe('the manifest the build captures from the SDK', () => {
  it('knows every tool, the 2025 versions the SDK echoes, its fallback and the 2026 revision', () => {
    expect(manifest.tools.map((tool) => tool.name)).toContain('clock_in');
    expect(manifest.legacyVersions).toContain('2025-06-18');
    expect(manifest.legacyVersions).toContain(manifest.legacyFallback);
    expect(manifest.modernVersions).toEqual(['2026-07-28']);
    expect(manifest.initialize).toMatchObject({
      serverInfo: { name: 'punchcard' },
      capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, completions: {} },
    });
    expect(manifest.prompts.map((prompt) => prompt.name)).toEqual(['weekly_review', 'fill_my_day', 'plan_leave', 'month_close']);
    expect(manifest.prompts.find((prompt) => prompt.name === 'fill_my_day')?.tools).toEqual(['log_time', 'book_suggested_entries']);
  });
});

describe('the opening', () => {
  it('answers a plain initialize, negotiating the version as the SDK does, and keeps it for replay', () => {
    const asked = open(initialize());
    expect(asked.outcome).toEqual({ answer: { result: { protocolVersion: '2025-06-18', ...manifest.initialize }, jsonrpc: '2.0', id: 1 } });
    expect(asked.state).toMatchObject({ era: 'legacy', replay: [initialize()] });
    const unknown = open(initialize({ protocolVersion: '1999-01-01', capabilities: { roots: { listChanged: true } }, clientInfo: CLIENT }));
    expect(unknown.outcome).toMatchObject({ answer: { result: { protocolVersion: manifest.legacyFallback } } });
  });

  it.each([
    ['a capability it does not know', { protocolVersion: '2025-06-18', capabilities: { telepathy: {} }, clientInfo: CLIENT }],
    ['a roots flag that is not a boolean', { protocolVersion: '2025-06-18', capabilities: { roots: { listChanged: 'yes' } }, clientInfo: CLIENT }],
    ['no client info', { protocolVersion: '2025-06-18', capabilities: {} }],
    ['icons in the client info', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { ...CLIENT, icons: [] } }],
    ['a _meta', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: CLIENT, _meta: { progressToken: 1 } }],
  ])('leaves an initialize with %s to the SDK', (_label, params) => {
    expect(open(initialize(params)).outcome).toEqual({ defer: true });
  });

  it('answers only an initialize the SDK would accept, on generated ones', () => {
    const odd = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.string({ maxLength: 3 }), fc.constant([]), fc.constant({}));
    const capability = fc.oneof(
      odd,
      fc.dictionary(fc.constantFrom('listChanged', 'form', 'url', 'context', 'x'), fc.oneof(odd, fc.constant({})), { maxKeys: 2 }),
    );
    const params = fc.record(
      {
        protocolVersion: fc.oneof(fc.constant('2025-06-18'), odd),
        capabilities: fc.oneof(
          odd,
          fc.dictionary(fc.constantFrom('roots', 'sampling', 'elicitation', 'experimental', 'extensions', 'tasks', 'telepathy'), capability, { maxKeys: 3 }),
        ),
        clientInfo: fc.oneof(
          odd,
          fc.record({ name: fc.oneof(fc.string(), odd), version: fc.oneof(fc.string(), odd), title: fc.oneof(fc.string(), odd) }, { requiredKeys: [] }),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(params, (generated) => {
        const message = JSON.parse(JSON.stringify(initialize(generated))) as JsonRpcMessage;
        if ('answer' in open(message).outcome) expect(isInitializeRequest(message)).toBe(true);
      }),
      { numRuns: 3_000 },
    );
  });

  it('lists the offered tools in both eras, and remembers what it announced', () => {
    const legacy = open(request('tools/list'));
    expect(legacy.outcome).toEqual({ answer: { result: { tools: listed() }, jsonrpc: '2.0', id: 2 } });
    expect(legacy.state.announced).toEqual(listed().map((tool) => tool.name));
    const modern = open(request('tools/list', envelope()));
    expect(modern.outcome).toEqual({ answer: { result: { tools: listed(), ...manifest.modernListExtras }, jsonrpc: '2.0', id: 2 } });
    expect(modern.state.era).toBe('modern');
  });

  it('lists the offered prompts in both eras, and remembers what it announced', () => {
    const legacy = open(request('prompts/list'));
    expect(legacy.outcome).toEqual({ answer: { result: { prompts: listedPrompts() }, jsonrpc: '2.0', id: 2 } });
    expect(legacy.state).toMatchObject({ era: 'legacy', announcedPrompts: listedPrompts().map((prompt) => prompt.name) });
    const modern = open(request('prompts/list', envelope()));
    expect(modern.outcome).toEqual({ answer: { result: { prompts: listedPrompts(), ...manifest.modernPromptListExtras }, jsonrpc: '2.0', id: 2 } });
    expect(modern.state.era).toBe('modern');
  });

  it('answers the 2026 probe without deciding the era, so a dual-era client may still fall back', () => {
    const probe = open(request('server/discover', envelope(), 1));
    expect(probe.outcome).toEqual({ answer: { result: manifest.discover, jsonrpc: '2.0', id: 1 } });
    expect(probe.state.era).toBe('undecided');
    expect(open(initialize(), probe.state).outcome).toHaveProperty('answer');
  });

  it.each([
    ['a tool call', request('tools/call', { name: 'whoami', arguments: {} })],
    ['a page of tools', request('tools/list', { cursor: 'x' })],
    ['a page of prompts', request('prompts/list', { cursor: 'x' })],
    ['a prompt', request('prompts/get', { name: 'weekly_review' })],
    ['a completion', request('completion/complete', { ref: { type: 'ref/prompt', name: 'month_close' }, argument: { name: 'month', value: '' } })],
    ['an unknown method', request('resources/list')],
    ['a revision it does not speak', request('tools/list', envelope('2099-01-01'))],
    ['an envelope with a log level', request('tools/list', envelope('2026-07-28', { 'io.modelcontextprotocol/logLevel': 'info' }))],
    ['an envelope without capabilities', request('tools/list', { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } })],
    ['a cancellation', { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } } as JsonRpcMessage],
    ['a response', { jsonrpc: '2.0', id: 1, result: {} } as JsonRpcMessage],
  ])('defers %s', (_label, message) => {
    expect(open(message).outcome).toEqual({ defer: true });
  });

  it('defers a 2026 request on a 2025 connection and a plain one on a 2026 connection', () => {
    const legacy = open(initialize()).state;
    expect(open(request('tools/list', envelope()), legacy).outcome).toEqual({ defer: true });
    const modern = open(request('tools/list', envelope())).state;
    expect(open(request('ping'), modern).outcome).toEqual({ defer: true });
  });

  it('accepts the end of the 2025 handshake silently, for replay', () => {
    const { state } = open(initialize());
    const initialized = { jsonrpc: '2.0', method: 'notifications/initialized' } as JsonRpcMessage;
    expect(open(initialized, state).outcome).toEqual({ accepted: true });
    expect(state.replay).toEqual([initialize(), initialized]);
  });
});

describe('the era, as the SDK decides it, and the revision check', () => {
  it('follows the first message the SDK answers', () => {
    const plain = newOpeningState();
    noteEra(request('resources/list'), plain, manifest);
    expect(plain.era).toBe('legacy');
    const probe = newOpeningState();
    noteEra(request('server/discover', envelope()), probe, manifest);
    expect(probe.era).toBe('undecided');
    noteEra(request('tools/call', envelope()), probe, manifest);
    expect(probe.era).toBe('modern');
    const unsupported = newOpeningState();
    noteEra(request('tools/call', envelope('2099-01-01')), unsupported, manifest);
    expect(unsupported.era).toBe('undecided');
  });

  it('refuses, on a 2026 connection only, a request naming a revision it does not speak', () => {
    const modern = open(request('tools/list', envelope())).state;
    expect(unsupportedRevision(request('tools/call', envelope('2099-01-01'), 9), modern, manifest)).toEqual({
      jsonrpc: '2.0',
      id: 9,
      error: { code: -32022, message: 'Unsupported protocol version: 2099-01-01', data: { supported: ['2026-07-28'], requested: '2099-01-01' } },
    });
    expect(unsupportedRevision(request('tools/call', envelope()), modern, manifest)).toBeUndefined();
    expect(unsupportedRevision(request('tools/call', envelope('2099-01-01')), newOpeningState(), manifest)).toBeUndefined();
  });
});

describe('a connection', () => {
  function connectionHarness(
    offered: string[] = listed().map((tool) => tool.name as string),
    promptsOffered: string[] = listedPrompts().map((prompt) => prompt.name as string),
  ) {
    const sent: object[] = [];
    const wire: Wire = { onmessage: () => {}, onclose: () => {}, start: () => {}, close: () => {}, send: async (message) => void sent.push(message) };
    const delivered: JsonRpcMessage[] = [];
    const replays: Array<readonly JsonRpcMessage[]> = [];
    let finishLoading: (engine: LoadedEngine) => void = () => {};
    let failLoading: (error: Error) => void = () => {};
    let tools = listed();
    let prompts = listedPrompts();
    const connection = createConnection({
      wire,
      manifest,
      offered: { tools: () => tools, prompts: () => prompts },
      loadEngine: (replay) => {
        replays.push(replay);
        return new Promise((resolve, reject) => {
          finishLoading = resolve;
          failLoading = reject;
        });
      },
      log: () => {},
    });
    const engine: LoadedEngine = {
      deliver: (message) => void delivered.push(message),
      offeredToolNames: () => offered,
      offeredPromptNames: () => promptsOffered,
      close: async () => {},
    };
    return {
      connection,
      receive: (message: JsonRpcMessage) => wire.onmessage(message),
      sent,
      delivered,
      replays,
      load: async () => {
        finishLoading(engine);
        await new Promise((resolve) => setImmediate(resolve));
      },
      fail: async (error: Error) => {
        failLoading(error);
        await new Promise((resolve) => setImmediate(resolve));
      },
      setTools: (next: JsonObject[]) => (tools = next),
      setPrompts: (next: JsonObject[]) => (prompts = next),
    };
  }

  it('hands over on the first message it cannot answer, replays the handshake, and keeps the order', async () => {
    const h = connectionHarness();
    h.receive(initialize());
    h.receive({ jsonrpc: '2.0', method: 'notifications/initialized' });
    h.receive(request('tools/call', { name: 'whoami' }, 3));
    h.receive(request('tools/list', undefined, 4));
    expect(h.sent).toHaveLength(1);
    expect(h.replays).toEqual([[initialize(), { jsonrpc: '2.0', method: 'notifications/initialized' }]]);
    await h.load();
    expect(h.delivered).toEqual([request('tools/call', { name: 'whoami' }, 3), request('tools/list', undefined, 4)]);
    expect(h.connection.engineLoaded).toBe(true);
    h.receive(request('ping', undefined, 5));
    expect(h.delivered.at(-1)).toEqual(request('ping', undefined, 5));
  });

  it('tells a 2025 client its list went stale, while opening and at the hand-over', async () => {
    const h = connectionHarness(['clock_in']);
    h.receive(initialize());
    h.receive(request('tools/list'));
    h.setTools(listed().slice(0, 2));
    h.connection.listsMayHaveChanged();
    expect(h.sent.at(-1)).toEqual({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
    h.connection.listsMayHaveChanged();
    expect(h.sent.filter((message) => 'method' in message)).toHaveLength(1);
    h.connection.handOver();
    await h.load();
    expect(h.sent.filter((message) => 'method' in message)).toHaveLength(2);
  });

  it('tells a 2025 client its prompt list went stale, and only the list it was given', async () => {
    const h = connectionHarness(undefined, ['weekly_review']);
    h.receive(initialize());
    h.receive(request('prompts/list'));
    h.setPrompts(listedPrompts().slice(0, 1));
    h.connection.listsMayHaveChanged();
    expect(h.sent.filter((message) => 'method' in message)).toEqual([{ jsonrpc: '2.0', method: 'notifications/prompts/list_changed' }]);
    h.setTools(listed().slice(0, 1));
    h.connection.listsMayHaveChanged();
    // The tool list was never asked for, so it cannot be stale.
    expect(h.sent.filter((message) => 'method' in message)).toHaveLength(1);
    h.connection.handOver();
    await h.load();
    expect(h.sent.filter((message) => 'method' in message)).toHaveLength(1);
  });

  it('says nothing when the engine offers what was announced', async () => {
    const h = connectionHarness();
    h.receive(initialize());
    h.receive(request('tools/list'));
    h.receive(request('prompts/list', undefined, 3));
    h.connection.handOver();
    await h.load();
    expect(h.sent.filter((message) => 'method' in message)).toEqual([]);
  });

  it('answers every request with the reason when the engine cannot start, and still opens', async () => {
    const h = connectionHarness();
    h.receive(request('tools/call', { name: 'whoami' }, 3));
    await h.fail(new Error('the disk is gone'));
    h.receive(request('tools/call', { name: 'whoami' }, 4));
    h.receive({ jsonrpc: '2.0', method: 'notifications/cancelled' });
    expect(h.sent).toEqual(
      [3, 4].map((id) => ({ jsonrpc: '2.0', id, error: { code: -32603, message: expect.stringContaining('could not start its engine: the disk is gone') } })),
    );
  });

  it('refuses an unsupported revision on a 2026 connection before and after the hand-over', async () => {
    const h = connectionHarness();
    h.receive(request('tools/list', envelope(), 1));
    h.receive(request('tools/list', envelope('2099-01-01'), 2));
    expect(h.sent.at(-1)).toMatchObject({ id: 2, error: { code: -32022 } });
    h.receive(request('tools/call', envelope(), 3));
    await h.load();
    h.receive(request('tools/call', envelope('2099-01-01'), 4));
    expect(h.sent.at(-1)).toMatchObject({ id: 4, error: { code: -32022 } });
    expect(h.delivered.map((message) => (message as { id: number }).id)).toEqual([3]);
  });
});

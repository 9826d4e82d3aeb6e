// The opening over real stdio, against the built bundle: what the early answers say is what the SDK
// says once the engine has taken over, in both eras and for several settings; the hand-over keeps
// the order and the handshake; lines that are not messages are answered; a 2026 connection refuses
// revisions it does not speak; the opening needs none of the heavy chunks; the settings memo holds.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKED_SETTINGS_FILE_NAME } from '../../../mcp-server/settings/checked-settings.ts';
import { SERVER_BUNDLE, makeUserDataDir, writeSettings } from '../../support/engine.ts';
import { cleanUp, legacyOpening, modernOpening, type RawServer, serverEnv, spawnRawServer } from '../../support/raw-stdio.ts';
import { rememberPlugin } from '../providers/kimai/fake-kimai.ts';

const MODERN_META = modernOpening()[0] as { params: { _meta: Record<string, unknown> } };
const modern = (id: number, method: string, params: Record<string, unknown> = {}, version = '2026-07-28') => ({
  jsonrpc: '2.0',
  id,
  method,
  params: { ...params, _meta: { ...MODERN_META.params._meta, 'io.modelcontextprotocol/protocolVersion': version } },
});
const legacy = (id: number, method: string, params?: Record<string, unknown>) => ({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });

const folders: string[] = [];
function dataDir(settings?: Record<string, unknown>): string {
  const dir = makeUserDataDir(settings);
  folders.push(dir);
  return dir;
}
function start(dir: string, args: string[] = [], bundle?: string): RawServer {
  return spawnRawServer(['--user-data', dir, ...args], serverEnv(dir), bundle);
}
async function resultOf(server: RawServer, id: number): Promise<Record<string, unknown>> {
  const { message } = await server.response(id);
  if (message.error) throw new Error(`request ${id} failed: ${message.error.message}`);
  return message.result as Record<string, unknown>;
}
const names = (result: Record<string, unknown>) => (result.tools as Array<{ name: string }>).map((tool) => tool.name);

afterEach(() => {
  cleanUp();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const SETTINGS_CASES: Array<[string, Record<string, unknown> | undefined, string[]]> = [
  ['no config.json', undefined, []],
  ['tool switches', { tools: { groups: { leave: false }, enabled: { delete_time_entry: true } } }, []],
  ['read-only', { tools: { readOnly: true } }, []],
  ['every tool', undefined, ['--all-tools']],
];

describe('the early answers are the SDK’s answers', () => {
  it.each(SETTINGS_CASES)('2025 era, %s: tools/list, prompts/list and ping, before and after the engine takes over', async (_label, settings, args) => {
    const server = start(dataDir(settings), args);
    server.send(...legacyOpening(), legacy(3, 'ping'), legacy(7, 'prompts/list'));
    const early = await resultOf(server, 2);
    const earlyPing = await resultOf(server, 3);
    const earlyPrompts = await resultOf(server, 7);
    // A method the opening leaves alone brings the engine in; the SDK answers everything after it.
    server.send(legacy(4, 'resources/list'), legacy(5, 'tools/list'), legacy(6, 'ping'), legacy(8, 'prompts/list'));
    expect((await resultOf(server, 4)).resources).toEqual([]);
    expect(await resultOf(server, 5)).toEqual(early);
    expect(await resultOf(server, 6)).toEqual(earlyPing);
    expect(await resultOf(server, 8)).toEqual(earlyPrompts);
    expect(names(early).length).toBeGreaterThan(0);
    expect((earlyPrompts.prompts as unknown[]).length).toBeGreaterThan(0);
  });

  it.each(SETTINGS_CASES)('2026 era, %s: server/discover, tools/list and prompts/list, before and after', async (_label, settings, args) => {
    const server = start(dataDir(settings), args);
    server.send(...modernOpening(), modern(6, 'prompts/list'));
    const discover = await resultOf(server, 1);
    const early = await resultOf(server, 2);
    const earlyPrompts = await resultOf(server, 6);
    server.send(modern(3, 'resources/list'), modern(4, 'tools/list'), modern(5, 'server/discover'), modern(7, 'prompts/list'));
    expect((await resultOf(server, 3)).resources).toEqual([]);
    expect(await resultOf(server, 4)).toEqual(early);
    expect(await resultOf(server, 5)).toEqual(discover);
    expect(await resultOf(server, 7)).toEqual(earlyPrompts);
  });

  it('initialize: the same answer from the opening and from the SDK, for every version asked', async () => {
    for (const version of ['2025-11-25', '2025-06-18', '2024-11-05', '1999-01-01']) {
      const server = start(dataDir());
      const init = legacy(1, 'initialize', {
        protocolVersion: version,
        capabilities: { roots: { listChanged: true } },
        clientInfo: { name: 't', version: '1' },
      });
      server.send(init, { jsonrpc: '2.0', method: 'notifications/initialized' }, legacy(2, 'resources/list'), { ...init, id: 3 });
      expect(await resultOf(server, 3)).toEqual(await resultOf(server, 1));
      await server.close();
    }
  });

  it('Kimai: the plugin the last start remembered decides the leave tools, and the SDK agrees', async () => {
    for (const plugin of [true, false]) {
      const dir = dataDir({ provider: { type: 'kimai', url: 'http://127.0.0.1:9' } });
      rememberPlugin(dir, 'http://127.0.0.1:9', plugin);
      const server = start(dir);
      server.send(...legacyOpening());
      const early = await resultOf(server, 2);
      expect(names(early).includes('request_leave')).toBe(plugin);
      expect((early.tools as Array<{ annotations: { openWorldHint: boolean } }>).every((tool) => tool.annotations.openWorldHint)).toBe(true);
      server.send(legacy(3, 'resources/list'), legacy(4, 'tools/list'));
      await server.response(3);
      expect(await resultOf(server, 4)).toEqual(early);
      await server.close();
    }
  });
});

describe('the hand-over', () => {
  it('answers everything sent at once, in both phases, after replaying the handshake to the SDK', async () => {
    const server = start(dataDir());
    server.send(
      ...legacyOpening(),
      legacy(3, 'tools/call', { name: 'clock_in', arguments: { description: 'at once' } }),
      legacy(4, 'tools/call', { name: 'whoami', arguments: {} }),
      legacy(5, 'ping'),
      legacy(6, 'tools/list'),
    );
    expect(JSON.stringify(await resultOf(server, 3))).toContain('Clocked in');
    expect((await resultOf(server, 4)).isError).toBeFalsy();
    expect(await resultOf(server, 5)).toEqual({});
    expect(await resultOf(server, 6)).toEqual(await resultOf(server, 2));
    // The SDK's answer to the replayed initialize was never written: one answer per request.
    const answers = server.messages().filter((message) => message.id !== undefined);
    expect(answers.map((message) => message.id).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('tells a 2025 client when config.json changes the prompts before the engine is loaded', async () => {
    const dir = dataDir();
    const server = start(dir);
    server.send(...legacyOpening(), legacy(3, 'prompts/list'));
    const before = (await resultOf(server, 3)).prompts as Array<{ name: string }>;
    writeSettings(dir, { tools: { readOnly: true } });
    await server.next((message) => message.method === 'notifications/prompts/list_changed');
    server.send(legacy(4, 'prompts/list'));
    const after = ((await resultOf(server, 4)).prompts as Array<{ name: string }>).map((prompt) => prompt.name);
    expect(before.map((prompt) => prompt.name)).toContain('fill_my_day');
    expect(after).not.toContain('fill_my_day');
    server.send(legacy(5, 'resources/list'), legacy(6, 'prompts/list'));
    expect(((await resultOf(server, 6)).prompts as Array<{ name: string }>).map((prompt) => prompt.name)).toEqual(after);
  });

  it('tells a 2025 client when config.json changes the tools before the engine is loaded', async () => {
    const dir = dataDir();
    const server = start(dir);
    server.send(...legacyOpening());
    const before = names(await resultOf(server, 2));
    writeSettings(dir, { tools: { groups: { leave: false } } });
    await server.next((message) => message.method === 'notifications/tools/list_changed');
    server.send(legacy(3, 'tools/list'));
    const after = names(await resultOf(server, 3));
    expect(before).toContain('request_leave');
    expect(after).not.toContain('request_leave');
    server.send(legacy(4, 'resources/list'), legacy(5, 'tools/list'));
    expect(names(await resultOf(server, 5))).toEqual(after);
  });
});

describe('stopping', () => {
  it.each([
    ['while opening', false],
    ['once the engine runs', true],
  ])('a SIGTERM %s ends the process with stdin still open', async (_label, engineLoaded) => {
    const server = start(dataDir());
    server.send(...legacyOpening());
    await server.response(2);
    if (engineLoaded) {
      server.send(legacy(3, 'tools/call', { name: 'clock_in', arguments: {} }));
      await server.response(3);
    }
    expect(await server.signalAndWait('SIGTERM')).toBe(true);
  });
});

describe('what the opening refuses', () => {
  it('answers lines that are not messages with id null and one stderr line each, in both phases', async () => {
    const server = start(dataDir());
    server.send(...legacyOpening());
    await server.response(2);
    server.sendRaw('{not json\n{"jsonrpc":"1.0","id":7,"method":"ping"}\n');
    server.send(legacy(3, 'resources/list'));
    await server.response(3);
    server.sendRaw('[{"jsonrpc":"2.0","id":8,"method":"ping"}]\n');
    server.send(legacy(4, 'ping'));
    await server.response(4);
    const refusals = server.messages().filter((message) => message.id === null);
    expect(refusals.map((message) => message.error?.code)).toEqual([-32700, -32600, -32600]);
    // stderr is its own pipe: its last line may land after the answer on stdout that follows it.
    const refusedLines = () =>
      server
        .stderr()
        .split('\n')
        .filter((line) => line.includes('Refused a line'));
    await expect.poll(refusedLines).toHaveLength(3);
    // No page of zod output: the whole log is the start line, the three refusals and nothing else.
    expect(server.stderr().trim().split('\n')).toHaveLength(4);
  });

  it('refuses a 2026 request naming a revision it does not speak, before and after the engine loads', async () => {
    const server = start(dataDir());
    server.send(...modernOpening(), modern(3, 'tools/list', {}, '2099-01-01'));
    expect((await server.response(3)).message.error).toMatchObject({ code: -32022, data: { supported: ['2026-07-28'], requested: '2099-01-01' } });
    server.send(modern(4, 'tools/call', { name: 'whoami', arguments: {} }), modern(5, 'tools/call', { name: 'whoami', arguments: {} }, '2099-01-01'));
    expect((await resultOf(server, 4)).isError).toBeFalsy();
    expect((await server.response(5)).message.error?.code).toBe(-32022);
  });
});

describe('what the opening needs', () => {
  it('none of the heavy chunks: engine, SDK, zod, either back end, holidays, registration, connection test', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'punchcard-bundle-'));
    folders.push(copy);
    cpSync(dirname(SERVER_BUNDLE), copy, { recursive: true });
    const heavy = ['engine-session', 'settings-file', 'local-tracker', 'kimai-tracker', 'holidays', 'cli', 'test-connection'];
    const removed = readdirSync(join(copy, 'chunks')).filter((file) => file.endsWith('.mjs') && heavy.some((name) => file.startsWith(`${name}-`)));
    for (const file of removed) rmSync(join(copy, 'chunks', file));
    for (const name of heavy)
      expect(
        removed.some((file) => file.startsWith(`${name}-`)),
        name,
      ).toBe(true);

    const server = start(dataDir(), [], join(copy, 'punchcard-mcp.mjs'));
    server.send(...legacyOpening(), legacy(4, 'prompts/list'));
    expect(names(await resultOf(server, 2))).toContain('clock_in');
    expect((await resultOf(server, 4)).prompts).toContainEqual(expect.objectContaining({ name: 'weekly_review' }));
    // Without its chunk the engine cannot start; the request is answered with why, not dropped.
    server.send(legacy(3, 'tools/call', { name: 'whoami', arguments: {} }));
    expect((await server.response(3)).message.error).toMatchObject({ code: -32603, message: expect.stringContaining('could not start its engine') });
    // stderr is a pipe of its own: the log line may arrive after the answer.
    await expect.poll(() => server.stderr()).toContain('The engine could not start');
  });

  it('zod only for a config.json this build has not checked: the memo answers the next start', async () => {
    const dir = dataDir({ tools: { groups: { leave: false } } });
    const first = start(dir);
    first.send(...legacyOpening());
    const listed = names(await resultOf(first, 2));
    await first.close();
    const memoPath = join(dir, CHECKED_SETTINGS_FILE_NAME);
    const memo = JSON.parse(readFileSync(memoPath, 'utf8')) as { text: string; settings: { tools: Record<string, unknown> } };
    expect(memo.text).toBe(readFileSync(join(dir, 'config.json'), 'utf8'));

    // The memo is what the next opening reads: make it say "read-only" and the early list follows it…
    memo.settings.tools.readOnly = true;
    writeFileSync(memoPath, JSON.stringify(memo));
    const second = start(dir);
    second.send(...legacyOpening());
    const early = names(await resultOf(second, 2));
    expect(early.length).toBeLessThan(listed.length);
    // …but the engine checks the file itself, and tells the client its list changed.
    second.send(legacy(3, 'resources/list'));
    await second.next((message) => message.method === 'notifications/tools/list_changed');
    second.send(legacy(4, 'tools/list'));
    expect(names(await resultOf(second, 4))).toEqual(listed);
    await second.close();

    // A memo of another build, or of other text, is not used.
    writeFileSync(memoPath, JSON.stringify({ ...memo, build: 'another build' }));
    const third = start(dir);
    third.send(...legacyOpening());
    expect(names(await resultOf(third, 2))).toEqual(listed);
  });
});

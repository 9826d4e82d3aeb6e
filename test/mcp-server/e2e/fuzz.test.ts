// Thousands of malformed and random tool calls against one live server: every call gets an answer,
// no answer is an internal error (those would be bugs), every refusal has the shape every client can
// read (test/support/refusal-shape.ts), and the server is still healthy afterwards.
import { spawn } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOLS } from '../../../mcp-server/tools/index.ts';
import { type EngineHandle, makeUserDataDir, SERVER_BUNDLE, startEngine, textOf, type ToolResult } from '../../support/engine.ts';
import { LOCAL_TOOL_NAMES } from '../../support/local-tools.ts';
import { refusalShapeProblem } from '../../support/refusal-shape.ts';

const CALLS = 3_000;

const plausibleText = fc.oneof(
  fc.string(),
  fc.constantFrom('today', 'yesterday', 'tomorrow', 'now', '09:00', '25:61', '2026-02-30', '2026-11-18', '1h30m', '0m', '90', 'PT1H', '#1', '1'),
  fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((date) => date.toISOString()),
  fc.string({ unit: 'grapheme' }),
);
const anyValue = fc.oneof(
  plausibleText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);

// The tools the local timesheet serves; the rest (breaks) are not listed there, so not called.
const toolNames: string[] = LOCAL_TOOL_NAMES;
const call = fc.oneof(
  // Arguments shaped like the tool's own fields, with values of any kind.
  fc.constantFrom(...toolNames).chain((name) => {
    const keys = Object.keys(TOOLS[name as keyof typeof TOOLS].input.shape);
    return fc.record({
      name: fc.constant(name),
      arguments: fc.dictionary(fc.constantFrom(...(keys.length > 0 ? keys : ['x'])), anyValue, { maxKeys: keys.length + 1 }),
    });
  }),
  // Arguments of no shape at all.
  fc.record({ name: fc.constantFrom(...toolNames), arguments: fc.dictionary(fc.string(), anyValue, { maxKeys: 4 }) }),
);

describe('fuzzing the tool surface', () => {
  let engine: EngineHandle;
  beforeAll(async () => {
    engine = await startEngine({ userDataDir: makeUserDataDir({ holidays: { country: 'DE', state: 'BY' } }), args: ['--all-tools'] });
    // Some catalog so that names resolve and ids exist.
    await engine.call('create_catalog_item', { kind: 'project', name: 'Website' });
    await engine.call('create_catalog_item', { kind: 'activity', name: 'Design' });
  });
  afterAll(async () => engine?.close());

  it(`answers ${CALLS} random calls without an internal error, each refusal in the shape every client reads`, async () => {
    const samples = fc.sample(call, { numRuns: CALLS, seed: 20261121 });
    const internal: string[] = [];
    let refused = 0;
    for (const sample of samples) {
      const result = await engine.client.callTool(sample).catch((error: Error) => ({ protocolError: error.message }));
      if ('protocolError' in result) {
        internal.push(`${sample.name}: protocol error ${result.protocolError}`);
        continue;
      }
      const text = textOf(result as never);
      if (/could not finish/.test(text)) internal.push(`${sample.name} ${JSON.stringify(sample.arguments)}: ${text}`);
      const misshapen = refusalShapeProblem(result as ToolResult);
      if (misshapen) internal.push(`${sample.name} ${JSON.stringify(sample.arguments)}: the refusal ${misshapen}`);
      if ((result as ToolResult).isError) refused += 1;
    }
    expect(internal).toEqual([]);
    // Most random calls are refused: the shapes above were checked on many refusals, not a few.
    expect(refused).toBeGreaterThan(CALLS / 2);
    const status = await engine.call('timer_status');
    expect(status.isError).toBeFalsy();
  });

  it('refuses unknown tools with a protocol error and keeps serving', async () => {
    await expect(engine.client.callTool({ name: 'rm_rf', arguments: {} })).rejects.toThrow(/not found/);
    expect((await engine.call('whoami')).isError).toBeFalsy();
  });
});

describe('garbage on stdin', () => {
  it('survives lines that are not JSON-RPC and still answers a proper request', async () => {
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--user-data', makeUserDataDir()], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    for (const line of ['not json', '{}', '[]', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":5}}', '\u0000\u0001', '{"jsonrpc":"2.0"']) {
      child.stdin.write(`${line}\n`);
    }
    child.stdin.write(
      `${JSON.stringify({ jsonrpc: '2.0', id: 42, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } })}\n`,
    );
    await expect.poll(() => stdout).toMatch(/"id":42/);
    // Everything on stdout is JSON-RPC, one message per line.
    for (const line of stdout.trim().split('\n')) expect(JSON.parse(line)).toHaveProperty('jsonrpc', '2.0');
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
  });
});

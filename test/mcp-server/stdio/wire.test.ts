// The stdio wire on real streams: lines split anyhow across reads, CR LF, blank lines, lines that
// are not messages (answered, one log line each), an over-long line, and the end of input.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { JsonRpcMessage } from '../../../mcp-server/stdio/frames.ts';
import { createWire, MAX_LINE_BYTES } from '../../../mcp-server/stdio/wire.ts';

function harness() {
  const input = new PassThrough();
  const output = new PassThrough();
  const written: string[] = [];
  output.on('data', (chunk: Buffer) => written.push(...chunk.toString().split('\n').filter(Boolean)));
  const logged: string[] = [];
  const received: JsonRpcMessage[] = [];
  let closed = 0;
  const wire = createWire(input, output, (line) => logged.push(line));
  wire.onmessage = (message) => received.push(message);
  wire.onclose = () => closed++;
  wire.start();
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return { input, wire, written: () => written.map((line) => JSON.parse(line) as Record<string, unknown>), logged, received, closed: () => closed, flush };
}

describe('the stdio wire', () => {
  it('reassembles lines split across reads and strips CR', async () => {
    const { input, received, flush } = harness();
    const line = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    input.write(line.slice(0, 7));
    input.write(`${line.slice(7)}\r\n${line.slice(0, 3)}`);
    input.write(`${line.slice(3)}\n\n   \n`);
    await flush();
    expect(received).toEqual([JSON.parse(line), JSON.parse(line)]);
  });

  it('answers what is not a message with id null, logs one line each, and goes on', async () => {
    const { input, received, written, logged, flush } = harness();
    input.write('{not json\n{"jsonrpc":"1.0","id":7,"method":"ping"}\n{"jsonrpc":"2.0","id":8,"method":"ping"}\n');
    await flush();
    expect(written()).toEqual([
      { jsonrpc: '2.0', id: null, error: { code: -32700, message: expect.stringMatching(/^Parse error: not JSON/) } },
      { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid Request: "jsonrpc" is "1.0", not "2.0"' } },
    ]);
    expect(logged).toHaveLength(2);
    for (const line of logged) expect(line).not.toContain('\n');
    expect(received).toEqual([{ jsonrpc: '2.0', id: 8, method: 'ping' }]);
  });

  it('refuses a line over the size cap without holding it, and reads the next one', async () => {
    const { input, received, written, flush } = harness();
    const chunk = 'x'.repeat(1024 * 1024);
    for (let sent = 0; sent <= MAX_LINE_BYTES; sent += chunk.length) input.write(chunk);
    input.write('more of the same line\n{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
    await flush();
    expect(written()).toEqual([{ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid Request: longer than 10 MB' } }]);
    expect(received).toEqual([{ jsonrpc: '2.0', method: 'notifications/initialized' }]);
  });

  it('closes once when input ends, and writes nothing after', async () => {
    const { input, wire, written, closed, flush } = harness();
    input.end();
    await flush();
    expect(closed()).toBe(1);
    await wire.send({ jsonrpc: '2.0', id: 1, result: {} });
    wire.close();
    await flush();
    expect(closed()).toBe(1);
    expect(written()).toEqual([]);
  });

  it('sends every string of every message without terminal controls, and the ids a client chose as they came', async () => {
    const { wire, written, flush } = harness();
    const evil = 'Web\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007\u009b2J\r';
    await wire.send({ jsonrpc: '2.0', id: `id${evil}`, result: { completion: { values: [evil] }, nested: [{ text: evil, n: 1, flag: true, none: null }] } });
    await wire.send({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: `t${evil}`, message: evil } });
    await flush();
    const clean = 'Web]8;;https://evil.examplelink]8;;2J';
    expect(written()).toEqual([
      { jsonrpc: '2.0', id: `id${evil}`, result: { completion: { values: [clean] }, nested: [{ text: clean, n: 1, flag: true, none: null }] } },
      { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: `t${evil}`, message: clean } },
    ]);
  });
});

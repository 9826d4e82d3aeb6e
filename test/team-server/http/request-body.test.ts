// Request bodies as the team server takes them (team-server/http/request-body.ts): read to a bound and refused
// (413) past it, before more is read; and JSON refused (400) when it nests deeper than any MCP
// message does, counted without parsing, strings and their escapes skipped.
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BodyRefused, checkJsonDepth, declaredTooLarge, jsonDepth, MAX_BODY_BYTES, MAX_JSON_DEPTH, readBody } from '../../../team-server/http/request-body.ts';

/** A request body as a stream, with the headers a client sent. */
function request(headers: Record<string, string> = {}): PassThrough & { headers: Record<string, string> } {
  return Object.assign(new PassThrough(), { headers });
}

describe('jsonDepth', () => {
  it.each([
    ['1', 0],
    ['{}', 1],
    ['[[], {}]', 2],
    ['{"a": {"b": [1, {"c": []}]}}', 5],
    ['"[[[[{{{{"', 0],
    ['{"a": "\\"[[[[\\""}', 1],
    ['["\\\\", [[]]]', 3],
    ['{"a": "}]}]"}', 1],
  ])('%s nests %i deep', (text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
  });

  it('counts a million brackets without a parser (the body a bound keeps out)', () => {
    expect(jsonDepth('['.repeat(1_000_000))).toBe(1_000_000);
  });
});

describe('checkJsonDepth', () => {
  it(`takes ${MAX_JSON_DEPTH} levels and refuses one more with 400, in words`, () => {
    expect(() => checkJsonDepth(Buffer.from('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)))).not.toThrow();
    let refused: unknown;
    try {
      checkJsonDepth(Buffer.from('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1)));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(BodyRefused);
    expect(refused).toMatchObject({ status: 400, message: `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels, which no MCP message does.` });
  });
});

describe('readBody', () => {
  it('reads a body up to the bound', async () => {
    const body = request();
    const read = readBody(body as unknown as IncomingMessage, 10);
    body.end('0123456789');
    expect((await read).toString()).toBe('0123456789');
  });

  it('refuses a declared Content-Length over the bound before reading a byte', async () => {
    const body = request({ 'content-length': String(MAX_BODY_BYTES + 1) });
    expect(declaredTooLarge(body as unknown as IncomingMessage)).toMatchObject({ status: 413 });
    await expect(readBody(body as unknown as IncomingMessage)).rejects.toMatchObject({
      status: 413,
      message: `The request body is ${MAX_BODY_BYTES + 1} bytes; at most ${MAX_BODY_BYTES} are taken.`,
    });
    expect(body.readableFlowing).not.toBe(true);
  });

  it('refuses a body that grows past the bound as it arrives, and stops reading it', async () => {
    const body = request({ 'transfer-encoding': 'chunked' });
    const read = readBody(body as unknown as IncomingMessage, 10);
    body.write('012345');
    body.write('6789AB');
    await expect(read).rejects.toMatchObject({ status: 413, message: 'The request body is more than 10 bytes; at most 10 are taken.' });
    expect(body.isPaused()).toBe(true);
  });

  it('refuses a body whose sender went away (400)', async () => {
    const body = request();
    const read = readBody(body as unknown as IncomingMessage, 10);
    body.emit('aborted');
    await expect(read).rejects.toMatchObject({ status: 400 });
  });

  it('takes a declared length at the bound', () => {
    expect(declaredTooLarge(request({ 'content-length': String(MAX_BODY_BYTES) }) as unknown as IncomingMessage)).toBeUndefined();
    expect(declaredTooLarge(request({ 'content-length': 'nonsense' }) as unknown as IncomingMessage)).toBeUndefined();
  });
});

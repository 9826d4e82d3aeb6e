// The wire's frame rules against the SDK's own message schemas: whatever one accepts, the other does,
// on hand-picked cases and on thousands of generated near-messages.
import { isJSONRPCErrorResponse, isJSONRPCNotification, isJSONRPCRequest, isJSONRPCResultResponse } from '@modelcontextprotocol/server';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVALID_REQUEST, PARSE_ERROR, readFrame } from '../../../mcp-server/stdio/frames.ts';

const sdkAccepts = (value: unknown) =>
  isJSONRPCRequest(value) || isJSONRPCNotification(value) || isJSONRPCResultResponse(value) || isJSONRPCErrorResponse(value);

const weirdValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(2 ** 60),
  fc.string({ maxLength: 5 }),
  fc.constant([]),
  fc.constant({}),
  fc.dictionary(fc.constantFrom('a', '_meta', 'progressToken'), fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constant({})), { maxKeys: 2 }),
);

const meta = fc.record(
  {
    progressToken: fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.double(), fc.constant(null)),
    'io.modelcontextprotocol/related-task': fc.oneof(fc.record({ taskId: fc.oneof(fc.string(), fc.integer()) }), weirdValue),
    other: weirdValue,
  },
  { requiredKeys: [] },
);

/** Mostly-valid messages with a member or two bent: the boundary is where the rules differ, if anywhere. */
const nearMessage = fc.record(
  {
    jsonrpc: fc.oneof(fc.constant('2.0'), fc.constant('2.0'), fc.constant('1.0'), weirdValue),
    id: fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), weirdValue),
    method: fc.oneof(fc.constantFrom('tools/list', 'initialize', 'notifications/initialized'), weirdValue),
    params: fc.oneof(fc.record({ _meta: fc.oneof(meta, weirdValue), name: fc.string() }, { requiredKeys: [] }), weirdValue),
    result: fc.oneof(
      fc.record({ _meta: fc.oneof(fc.record({ 'io.modelcontextprotocol/serverInfo': weirdValue }), weirdValue), tools: fc.constant([]) }, { requiredKeys: [] }),
      weirdValue,
    ),
    error: fc.oneof(
      fc.record({ code: fc.oneof(fc.integer(), fc.double(), weirdValue), message: fc.oneof(fc.string(), weirdValue), data: weirdValue }, { requiredKeys: [] }),
      weirdValue,
    ),
    extra: weirdValue,
  },
  { requiredKeys: [] },
);

describe('a line on stdin', () => {
  it('that is not JSON is a parse error', () => {
    expect(readFrame('{not json')).toMatchObject({ ok: false, code: PARSE_ERROR });
    expect(readFrame('')).toMatchObject({ ok: false, code: PARSE_ERROR });
  });

  it.each([
    ['jsonrpc 1.0', { jsonrpc: '1.0', id: 1, method: 'ping' }, /"jsonrpc" is "1.0"/],
    ['a batch', [{ jsonrpc: '2.0', id: 1, method: 'ping' }], /batch/],
    ['a string', 'ping', /not a JSON object/],
    ['a fractional id', { jsonrpc: '2.0', id: 1.5, method: 'ping' }, /"id"/],
    ['params as an array', { jsonrpc: '2.0', id: 1, method: 'ping', params: [] }, /"params"/],
    ['a member too many', { jsonrpc: '2.0', id: 1, method: 'ping', hello: 1 }, /unexpected member "hello"/],
    ['nothing to do', { jsonrpc: '2.0', id: 1 }, /neither/],
  ])('that is %s is an invalid request, with the reason', (_label, value, reason) => {
    const frame = readFrame(JSON.stringify(value));
    expect(frame).toMatchObject({ ok: false, code: INVALID_REQUEST });
    expect(frame.ok ? '' : frame.reason).toMatch(reason);
    expect(sdkAccepts(value)).toBe(false);
  });

  it.each([
    { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    { jsonrpc: '2.0', id: 'a', method: 'tools/call', params: { name: 'whoami', _meta: { progressToken: 'p' } } },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: 3, result: {} },
    { jsonrpc: '2.0', error: { code: -1, message: 'no', data: [1] } },
  ])('that is a message is passed on as it is: %j', (value) => {
    expect(readFrame(JSON.stringify(value))).toEqual({ ok: true, message: value });
    expect(sdkAccepts(value)).toBe(true);
  });

  it('is judged exactly as the SDK judges it, on generated near-messages', () => {
    fc.assert(
      fc.property(nearMessage, (value) => {
        const text = JSON.stringify(value);
        // What JSON cannot carry (undefined members) is gone once sent: judge what was sent.
        const sent: unknown = JSON.parse(text);
        expect(readFrame(text).ok).toBe(sdkAccepts(sent));
      }),
      { numRuns: 5_000 },
    );
  });

  it('is judged exactly as the SDK judges it, on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(readFrame(text).ok).toBe(sdkAccepts(JSON.parse(text)));
      }),
      { numRuns: 2_000 },
    );
  });
});

// JSON-RPC batches as the team server admits them (team-server/http/batches.ts): a body that is not a
// batch passes as it came, a batch over the bound is refused whole in words, one past the person's
// limit keeps its first messages byte for byte (an id past 2^53 too), and the refused calls'
// answers join whatever the SDK answered: its event stream, its JSON list, or its 202.
import { describe, expect, it } from 'vitest';
import { admitBatch, MAX_BATCH_MESSAGES, topLevelElements, withRefusedCalls } from '../../../team-server/http/batches.ts';

const call = (id: number | string, name = 'timer_status') => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: {} } });
const body = (value: unknown) => Buffer.from(JSON.stringify(value));
const everything = (count: number) => ({ granted: count, retryAfterSeconds: 1 });

describe('admitting a body', () => {
  it('passes one message, and what the SDK must refuse itself, as they came, counting nothing more', () => {
    const counted: number[] = [];
    const spend = (count: number) => (counted.push(count), everything(count));
    // What parses is passed on parsed (the SDK is handed the message, not the text to read again); what does not, as text alone.
    for (const text of [JSON.stringify(call(1)), '[]', '"text"'])
      expect(admitBatch(Buffer.from(text), spend)).toEqual({ kind: 'single', message: JSON.parse(text) });
    expect(admitBatch(Buffer.from('{"broken'), spend)).toStrictEqual({ kind: 'single' });
    expect(counted).toEqual([]);
  });

  it('passes a batch within the limit unchanged, having counted all but its first message (the request counted that)', () => {
    const original = body([call(1), call(2), { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } }]);
    const counted: number[] = [];
    const admitted = admitBatch(original, (count) => (counted.push(count), everything(count)));
    expect(admitted).toEqual({ kind: 'admitted', body: original, message: JSON.parse(original.toString()), refusedCalls: [] });
    expect(counted).toEqual([2]);
  });

  it(`refuses a batch of more than ${MAX_BATCH_MESSAGES} messages whole, in words, counting nothing more`, async () => {
    let counted = false;
    const admitted = admitBatch(
      body(Array.from({ length: MAX_BATCH_MESSAGES + 1 }, (_, index) => call(index))),
      (count) => ((counted = true), everything(count)),
    );
    if (admitted.kind !== 'refused') throw new Error(`Not refused: ${admitted.kind}`);
    expect(admitted.answer.status).toBe(400);
    expect(await admitted.answer.json()).toEqual({
      jsonrpc: '2.0',
      error: {
        code: -32600,
        message: `A batch may hold at most 20 messages; this one holds 21, so none of them was run. Send them in batches of 20 or fewer.`,
      },
      id: null,
    });
    expect(counted).toBe(false);
    expect(admitBatch(body(Array.from({ length: MAX_BATCH_MESSAGES }, (_, index) => call(index))), everything).kind).toBe('admitted');
  });

  it('keeps the messages that fit, exactly as written, and answers each refused call (not a refused notification) with when to retry', () => {
    const text = `[ ${JSON.stringify(call(1))} ,{"jsonrpc":"2.0","id":12345678901234567890,"method":"tools/call","params":{"name":"whoami","arguments":{"note":"a, [b] {c} \\"d\\""}}},
      ${JSON.stringify(call('third'))}, {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}, ${JSON.stringify(call(5))} ]`;
    const admitted = admitBatch(Buffer.from(text), () => ({ granted: 1, retryAfterSeconds: 42 }));
    if (admitted.kind !== 'admitted') throw new Error(`Not admitted: ${admitted.kind}`);
    expect(admitted.body.toString()).toBe(
      `[${JSON.stringify(call(1))},{"jsonrpc":"2.0","id":12345678901234567890,"method":"tools/call","params":{"name":"whoami","arguments":{"note":"a, [b] {c} \\"d\\""}}}]`,
    );
    const tooMany = { code: -32000, message: 'Too many requests: try again in 42 s.', data: { retryAfterSeconds: 42 } };
    expect(admitted.refusedCalls).toEqual([
      { jsonrpc: '2.0', id: 'third', error: tooMany },
      { jsonrpc: '2.0', id: 5, error: tooMany },
    ]);
    // The message handed on is what the SDK would have read from the kept text.
    expect(admitted.message).toEqual(JSON.parse(admitted.body.toString()));
  });

  it('runs at least the first message, which the request itself was counted for', () => {
    const admitted = admitBatch(body([call(1), call(2)]), () => ({ granted: 0, retryAfterSeconds: 3 }));
    if (admitted.kind !== 'admitted') throw new Error(`Not admitted: ${admitted.kind}`);
    expect(JSON.parse(admitted.body.toString())).toEqual([call(1)]);
    expect(admitted.refusedCalls.map((refused) => refused.id)).toEqual([2]);
  });

  it('splits a JSON array into its elements as written', () => {
    expect(topLevelElements('[1, "a,b", {"x":[1,2]} ,[3,[4]], null]')).toEqual(['1', '"a,b"', '{"x":[1,2]}', '[3,[4]]', 'null']);
    expect(topLevelElements('[]')).toEqual([]);
  });
});

describe('answering a batch with its refused calls', () => {
  const refused = [{ jsonrpc: '2.0' as const, id: 9, error: { code: -32000, message: 'Too many requests: try again in 5 s.' } }];

  it("adds them as events before the SDK's stream, which goes on streaming", async () => {
    const sdk = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('event: message\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n'));
        controller.close();
      },
    });
    const answer = await withRefusedCalls(new Response(sdk, { status: 200, headers: { 'content-type': 'text/event-stream', 'mcp-session-id': 's' } }), refused);
    expect(answer.headers.get('mcp-session-id')).toBe('s');
    expect(await answer.text()).toBe(`event: message\ndata: ${JSON.stringify(refused[0])}\n\nevent: message\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n`);
  });

  it('adds them to a JSON answer, and answers them alone where what ran needed no answer (202)', async () => {
    const json = await withRefusedCalls(Response.json([{ jsonrpc: '2.0', id: 1, result: {} }]), refused);
    expect(await json.json()).toEqual([{ jsonrpc: '2.0', id: 1, result: {} }, refused[0]]);
    const accepted = await withRefusedCalls(new Response(null, { status: 202 }), refused);
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('content-type')).toBe('application/json');
    expect(await accepted.json()).toEqual(refused);
  });

  it('leaves an answer that refused the batch as a whole (a session not found) as it is', async () => {
    const notFound = Response.json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }, { status: 404 });
    expect(await withRefusedCalls(notFound, refused)).toBe(notFound);
  });
});

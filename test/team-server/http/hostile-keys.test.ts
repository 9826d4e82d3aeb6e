// A posted message holding "__proto__" is answered before the SDK, which would drop the key unseen
// (team-server/http/hostile-keys.ts): in a tool's arguments as the tool refuses an argument it does not
// take, elsewhere as invalid params, and a batch holding one runs nothing.
import { describe, expect, it } from 'vitest';
import { refuseHostileKeys } from '../../../team-server/http/hostile-keys.ts';

const refused = async (text: string) => {
  const answer = refuseHostileKeys(text, JSON.parse(text));
  return answer ? { status: answer.status, body: answer.status === 202 ? null : await answer.json() } : undefined;
};

describe('a "__proto__" key posted to /mcp', () => {
  it('passes a message without one untouched, an escaped look-alike of another key included', async () => {
    expect(await refused('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"clock_in","arguments":{"project":"Web"}}}')).toBeUndefined();
    expect(await refused('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"clock_in","arguments":{"\\u0070roject":"Web"}}}')).toBeUndefined();
  });

  it("refuses it in a tool's arguments as the tool refuses an argument it does not take, written plainly or escaped", async () => {
    for (const key of ['__proto__', '\\u005f\\u005fproto__']) {
      const answer = await refused(`{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"clock_in","arguments":{"${key}":{"user":"bob"}}}}`);
      expect(answer?.status).toBe(200);
      expect(answer?.body).toMatchObject({ jsonrpc: '2.0', id: 7, result: { isError: true } });
      const result = (answer?.body as { result: { content: Array<{ text: string }>; _meta: Record<string, { code: string }> } }).result;
      expect(result.content[0]?.text).toContain('Unknown argument "__proto__": clock_in takes project, activity');
      expect(result._meta['app.punchcard/refusal']?.code).toBe('invalid_arguments');
    }
  });

  it('says where it sits when it is deeper in the arguments, and is invalid params anywhere else in a request', async () => {
    const deeper = await refused('{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"log_time","arguments":{"fields":{"__proto__":{}}}}}');
    expect(JSON.stringify(deeper?.body)).toContain('fields holds the key \\"__proto__\\", which no argument takes. Nothing was done.');
    const elsewhere = await refused('{"jsonrpc":"2.0","id":3,"method":"tools/list","params":{"__proto__":{}}}');
    expect(elsewhere?.body).toEqual({
      jsonrpc: '2.0',
      id: 3,
      error: { code: -32602, message: 'Invalid params: the key "__proto__" (at params.__proto__) is not accepted.' },
    });
    const unknownTool = await refused('{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"constructor","arguments":{"__proto__":{}}}}');
    expect(unknownTool?.body).toMatchObject({ id: 4, error: { code: -32602 } });
  });

  it('runs nothing of a batch holding one: each request answered, a notification holding one dropped', async () => {
    const batch = await refused(
      '[{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"clock_in","arguments":{"project":"Web"}}},' +
        '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"clock_out","arguments":{"__proto__":{}}}},' +
        '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}]',
    );
    const answers = batch?.body as Array<{ id: number; error?: { message: string }; result?: { isError: boolean } }>;
    expect(answers.map((answer) => answer.id)).toEqual([1, 2]);
    expect(answers[0]?.error?.message).toMatch(/^Not run: another message of this batch holds the key "__proto__"/);
    expect(answers[1]?.result?.isError).toBe(true);
    expect(await refused('{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"__proto__":{}}}')).toEqual({ status: 202, body: null });
  });
});

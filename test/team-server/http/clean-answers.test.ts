// An MCP answer passes unparsed where its text holds no string to clean (http/clean-answers.ts): so the
// check must flag every character the cleaning takes out, in every way JSON.stringify writes it, and the
// answer that passes must be the one cleaning would have written. Checked for every code point the
// cleaning looks at, in a result's text, in a key and beside the message's own id.
import { describe, expect, it } from 'vitest';
import { cleanAnswer, mayHoldControls } from '../../../team-server/http/clean-answers.ts';
import { messageText, withoutControls } from '../../../mcp-server/for-the-team-server.ts';

const CODE_POINTS = Array.from({ length: 0xa0 }, (_, code) => String.fromCharCode(code));

const answerWith = (text: string) => ({
  jsonrpc: '2.0',
  id: 7,
  result: { content: [{ type: 'text', text: `Web${text}site` }], structuredContent: { [`k${text}`]: 1 } },
});

describe('an answer with nothing to clean', () => {
  it('is told from one with a control, for every control as JSON.stringify writes it', () => {
    for (const character of CODE_POINTS) {
      const message = answerWith(character);
      const text = JSON.stringify(message);
      const cleaned = messageText(message);
      if (withoutControls(character) !== character) expect(mayHoldControls(text), `U+${character.charCodeAt(0).toString(16)}`).toBe(true);
      // Where the check lets text pass, cleaning would have written the same bytes.
      if (!mayHoldControls(text)) expect(text).toBe(cleaned);
    }
  });

  it('passes as it came, a JSON body and an event stream alike; one with a control is cleaned', async () => {
    const clean = JSON.stringify(answerWith(' '));
    const dirty = JSON.stringify(answerWith('\u001b[31m\u009b'));
    const json = (body: string) => new Response(body, { headers: { 'content-type': 'application/json' } });
    const events = (body: string) => new Response(`event: message\ndata: ${body}\n\n`, { headers: { 'content-type': 'text/event-stream' } });
    expect((await cleanAnswer(json(clean))) as { text: string }).toMatchObject({ text: clean });
    expect((await cleanAnswer(json(dirty))) as { text: string }).toMatchObject({ text: messageText(JSON.parse(dirty) as object) });
    expect(await ((await cleanAnswer(events(clean))) as Response).text()).toBe(`event: message\ndata: ${clean}\n\n`);
    expect(await ((await cleanAnswer(events(dirty))) as Response).text()).toBe(`event: message\ndata: ${messageText(JSON.parse(dirty) as object)}\n\n`);
  });
});

// The team server's MCP answers pass the same cleaning as every line the stdio engine writes
// (mcp-server/plain-text.ts, messageText): no string in a message carries terminal controls, whichever kind of
// answer it is. An answer is a JSON body, or a stream of server-sent events whose `data:` lines are
// messages; each message is cleaned as it passes, and the stream keeps streaming.
//
// The SDK wrote each message with JSON.stringify, which writes a C0 control in a string as an escape
// (`\u001b`, `\b`, `\f`, `\r`) and leaves only DEL and the C1 controls as they are: text without any of
// those holds no string to clean, and passes as it came, unparsed (mayHoldControls). Only text with one
// is parsed and written again (messageText), which also keeps the message's id and the client's tokens
// as they came; a false alarm (a backslash before a `b` in a name) only takes that longer way.
import { messageText } from '../../mcp-server/for-the-team-server.ts';

/** A JSON escape of a C0 control but tab and newline, or DEL and the C1 controls as they are. */
const MAY_HOLD_CONTROLS = /\\(?:u00|[bfr])|[\u007F-\u009F]/;

/** Whether JSON text written by JSON.stringify may hold a string with a control in it. */
export function mayHoldControls(text: string): boolean {
  return MAY_HOLD_CONTROLS.test(text);
}

/** An answer whose body is known whole: written in one piece, with its length (no chunked framing). */
export interface WholeAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export async function cleanAnswer(answer: Response): Promise<Response | WholeAnswer> {
  const type = answer.headers.get('content-type') ?? '';
  if (!answer.body) return answer;
  // The whole answer is written with its own length (answers.ts): the headers go as they are.
  if (/^application\/json\b/i.test(type)) return { status: answer.status, headers: answer.headers, text: await cleanedJsonBody(answer) };
  if (/^text\/event-stream\b/i.test(type))
    return new Response(answer.body.pipeThrough(cleanedEvents()), {
      status: answer.status,
      statusText: answer.statusText,
      headers: withoutLength(answer.headers),
    });
  return answer;
}

async function cleanedJsonBody(answer: Response): Promise<string> {
  const text = await answer.text();
  if (!mayHoldControls(text)) return text;
  try {
    return messageText(JSON.parse(text) as object);
  } catch {
    return text;
  }
}

function withoutLength(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete('content-length');
  return copy;
}

/** Server-sent events, line by line: a `data:` line holding a message is written cleaned. */
function cleanedEvents(): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  const cleanLine = (line: string) => {
    if (!line.startsWith('data:')) return line;
    const payload = line.slice(5).trimStart();
    try {
      return `data: ${messageText(JSON.parse(payload) as object)}`;
    } catch {
      return line;
    }
  };
  return new TransformStream({
    transform(chunk, controller) {
      const text = decoder.decode(chunk, { stream: true });
      // Whole lines (the SDK writes an event a chunk) with nothing to clean: the chunk as it came.
      if (pending === '' && text.endsWith('\n') && !mayHoldControls(text)) return controller.enqueue(chunk);
      pending += text;
      const end = pending.lastIndexOf('\n');
      if (end === -1) return;
      const complete = pending.slice(0, end + 1);
      pending = pending.slice(end + 1);
      controller.enqueue(encoder.encode(complete.split('\n').map(cleanLine).join('\n')));
    },
    flush(controller) {
      pending += decoder.decode();
      if (pending) controller.enqueue(encoder.encode(cleanLine(pending)));
    },
  });
}

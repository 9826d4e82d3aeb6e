// The team server's MCP answers pass the same cleaning as every line the stdio engine writes
// (mcp-server/plain-text.ts, messageText): no string in a message carries terminal controls, whichever kind of
// answer it is. An answer is a JSON body, or a stream of server-sent events whose `data:` lines are
// messages; each message is cleaned as it passes, and the stream keeps streaming.
import { messageText } from '../../mcp-server/for-the-team-server.ts';

/** An answer whose body is known whole: written in one piece, with its length (no chunked framing). */
export interface WholeAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export async function cleanAnswer(answer: Response): Promise<Response | WholeAnswer> {
  const type = answer.headers.get('content-type') ?? '';
  if (!answer.body) return answer;
  if (/^application\/json\b/i.test(type)) return { status: answer.status, headers: withoutLength(answer.headers), text: await cleanedJsonBody(answer) };
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
      pending += decoder.decode(chunk, { stream: true });
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

// JSON-RPC batches, which MCP's 2025-03-26 revision allows in one POST (and the SDK serves in every
// 2025-era session). The limit per person counts requests to /mcp; a batch is many calls in one
// request, so without more, one 1 MB body of tool calls would buy thousands of calls to the back end
// for one count. So a batch is held to MAX_BATCH_MESSAGES, and each of its messages counts against
// the person's limit like a request of its own: what fits runs, in order, and every call past the
// limit is answered, in the batch's answer, with the words a refused request gets.
import { scanStructure } from './json-structure.ts';
import { tooManyRequestsWords } from './rate-limits.ts';

/** The most messages one batch may hold; a client sends a handful, if it batches at all (docs/team-server/README.md). */
export const MAX_BATCH_MESSAGES = 20;

/** How many more messages the person's limit allows, of `count` asked for, and when to come back. */
export type SpendMessages = (count: number) => { granted: number; retryAfterSeconds: number };

export type BatchAdmission =
  /**
   * Not a batch: one message (`message`, the body as JSON.parse reads it, so that nobody parses it
   * again), or a body that is not JSON (no `message`: the SDK reads it and answers that itself).
   */
  | { kind: 'single'; message?: unknown }
  /** Too large: nothing of it runs. */
  | { kind: 'refused'; answer: Response }
  /** What may run (`body`, the original's messages, byte for byte; `message`, them parsed) and the answers of the calls that may not. */
  | { kind: 'admitted'; body: Buffer; message: unknown[]; refusedCalls: JsonRpcError[] };

interface JsonRpcError {
  jsonrpc: '2.0';
  id: string | number;
  error: { code: number; message: string; data?: unknown };
}

/**
 * A body as the person's limit admits it. The request itself was counted (as its first message)
 * before its body was read; `spend` counts the rest.
 */
export function admitBatch(body: Buffer, spend: SpendMessages): BatchAdmission {
  const text = body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'single' };
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return { kind: 'single', message: parsed };
  if (parsed.length > MAX_BATCH_MESSAGES) {
    const message = `A batch may hold at most ${MAX_BATCH_MESSAGES} messages; this one holds ${parsed.length}, so none of them was run. Send them in batches of ${MAX_BATCH_MESSAGES} or fewer.`;
    return { kind: 'refused', answer: Response.json({ jsonrpc: '2.0', error: { code: -32600, message }, id: null }, { status: 400 }) };
  }
  const { granted, retryAfterSeconds } = spend(parsed.length - 1);
  const runs = 1 + Math.max(0, Math.min(granted, parsed.length - 1));
  if (runs === parsed.length) return { kind: 'admitted', body, message: parsed, refusedCalls: [] };
  // The messages that run are passed on as the client wrote them: parsed and written again, an id
  // past 2^53 would come back as another number, and its answer would find no call.
  const elements = topLevelElements(text);
  const kept = Buffer.from(`[${elements.slice(0, runs).join(',')}]`, 'utf8');
  // A notification or an answer past the limit has nobody to be told: it is not run, as a call is not.
  const refusedCalls = parsed
    .slice(runs)
    .filter(isCall)
    .map((call) => ({
      jsonrpc: '2.0' as const,
      id: call.id,
      error: { code: -32000, message: tooManyRequestsWords(retryAfterSeconds), data: { retryAfterSeconds } },
    }));
  return { kind: 'admitted', body: kept, message: parsed.slice(0, runs), refusedCalls };
}

/**
 * The answer to a batch, with the answers of its refused calls added: as events before the SDK's
 * stream, into its JSON list, or, where what ran needed no answer (202), as the answer.
 */
export async function withRefusedCalls(answer: Response, refused: readonly JsonRpcError[]): Promise<Response> {
  if (refused.length === 0) return answer;
  const headers = new Headers(answer.headers);
  headers.delete('content-length');
  if (answer.status === 202) {
    headers.set('content-type', 'application/json');
    return new Response(JSON.stringify(refused), { status: 200, headers });
  }
  if (answer.status !== 200 || !answer.body) return answer;
  const type = answer.headers.get('content-type') ?? '';
  if (/^text\/event-stream\b/i.test(type)) {
    const events = new TextEncoder().encode(refused.map((message) => `event: message\ndata: ${JSON.stringify(message)}\n\n`).join(''));
    const stream = answer.body.getReader();
    const joined = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(events),
      pull: async (controller) => {
        const { done, value } = await stream.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => stream.cancel(reason),
    });
    return new Response(joined, { status: 200, headers });
  }
  if (/^application\/json\b/i.test(type)) {
    const answered = JSON.parse(await answer.text()) as unknown;
    return new Response(JSON.stringify([...(Array.isArray(answered) ? answered : [answered]), ...refused]), { status: 200, headers });
  }
  return answer;
}

function isCall(message: unknown): message is { id: string | number; method: string } {
  if (typeof message !== 'object' || message === null) return false;
  const { id, method } = message as { id?: unknown; method?: unknown };
  return typeof method === 'string' && (typeof id === 'string' || typeof id === 'number');
}

/** The texts of a JSON array's elements, as written (the text is valid JSON: JSON.parse took it). */
export function topLevelElements(text: string): string[] {
  const elements: string[] = [];
  let start = -1;
  scanStructure(text, (kind, index, depth) => {
    if (depth !== 1) return;
    if (kind === 'open') start = index + 1;
    else {
      elements.push(text.slice(start, index).trim());
      start = index + 1;
    }
  });
  return elements.filter((element) => element !== '');
}

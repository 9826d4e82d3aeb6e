// Loopback stand-ins for the model APIs two AI clients talk to, so a test can run the real client
// against the built engine and see what the client hands its model: the Gemini API (Gemini CLI, at
// GOOGLE_GEMINI_BASE_URL) and the Responses API (Codex, through a model provider's base_url). Each
// answers the client's first turn with a call of one Punchcard tool the client offers, keeps the
// tool's result as the client sends it back on the next turn, and then ends the conversation with a
// line of text.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeModel {
  /** Where the client reaches it. */
  url: string;
  /** What the client handed the model as the tool's result, each once (a later turn sends the history again), in the order they came. */
  results: unknown[];
  /** The name the client offered the tool by, once a turn offered it. */
  offeredAs: () => string | undefined;
  close: () => Promise<void>;
}

/** A model's turn: a JSON body, or server-sent events. */
type Reply = { json: unknown } | { events: Array<{ event?: string; data: unknown }> };

/** The call the fake model makes: a Punchcard tool by its own name, with these arguments. */
export interface ToolCallPlan {
  tool: string;
  args: Record<string, unknown>;
}

/** The Gemini API: `models/{model}:generateContent` and `:streamGenerateContent?alt=sse`. */
export function startFakeGemini(plan: ToolCallPlan): Promise<FakeModel> {
  let offeredAs: string | undefined;
  const results: unknown[] = [];
  return serveModel(
    (body) => {
      const request = body as {
        tools?: Array<{ functionDeclarations?: Array<{ name: string }> }>;
        contents?: Array<{ parts?: Array<Record<string, unknown>> }>;
      };
      const parts = (request.contents ?? []).flatMap((content) => content.parts ?? []);
      const answered = parts.filter((part) => 'functionResponse' in part).map((part) => (part.functionResponse as { response: unknown }).response);
      // Gemini CLI lists an MCP server's tools as mcp_<server>_<tool>.
      const declared = (request.tools ?? []).flatMap((tool) => tool.functionDeclarations ?? []).find((each) => each.name.endsWith(`_${plan.tool}`));
      offeredAs ??= declared?.name;
      keepNew(results, answered);
      const turn = declared && answered.length === 0 ? [{ functionCall: { name: declared.name, args: plan.args } }] : [{ text: 'Noted.' }];
      return {
        candidates: [{ index: 0, content: { role: 'model', parts: turn }, finishReason: 'STOP' }],
        usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 },
      };
    },
    (path, payload) => (path.includes(':streamGenerateContent') ? { events: [{ data: payload }] } : { json: payload }),
    { results, offeredAs: () => offeredAs },
  );
}

/**
 * The Responses API (`POST {base_url}/responses`, streamed). Codex offers an MCP server's tools in a
 * namespace of their own (`mcp__<server>`), and a call names the namespace beside the tool.
 */
export function startFakeResponses(plan: ToolCallPlan & { namespace: string }): Promise<FakeModel> {
  let offeredAs: string | undefined;
  const results: unknown[] = [];
  let turns = 0;
  return serveModel(
    (body) => {
      const request = body as { tools?: Array<{ type: string; name?: string; tools?: Array<{ name: string }> }>; input?: Array<Record<string, unknown>> };
      const outputs = (request.input ?? []).filter((item) => item.type === 'function_call_output').map((item) => item.output);
      const namespace = (request.tools ?? []).find((tool) => tool.type === 'namespace' && tool.name === plan.namespace);
      if (namespace?.tools?.some((tool) => tool.name === plan.tool)) offeredAs ??= `${plan.namespace}/${plan.tool}`;
      keepNew(results, outputs);
      const item =
        offeredAs && outputs.length === 0
          ? { type: 'function_call', namespace: plan.namespace, name: plan.tool, arguments: JSON.stringify(plan.args), call_id: 'call_1' }
          : { type: 'message', role: 'assistant', id: 'msg_1', content: [{ type: 'output_text', text: 'Noted.' }] };
      return { id: `resp_${++turns}`, item };
    },
    (_path, turn) => {
      const { id, item } = turn as { id: string; item: unknown };
      const usage = { input_tokens: 1, input_tokens_details: null, output_tokens: 1, output_tokens_details: null, total_tokens: 2 };
      const events = [
        { type: 'response.created', response: { id } },
        { type: 'response.output_item.done', item },
        { type: 'response.completed', response: { id, usage } },
      ];
      return { events: events.map((data) => ({ event: data.type, data })) };
    },
    { results, offeredAs: () => offeredAs },
  );
}

/** Adds the results not yet kept: each turn carries the conversation so far. */
function keepNew(results: unknown[], came: readonly unknown[]): void {
  const kept = new Set(results.map((result) => JSON.stringify(result)));
  for (const result of came) if (!kept.has(JSON.stringify(result))) results.push(result);
}

/** A loopback server that reads each request's JSON, lets `turn` decide the model's turn and `shape` how it is sent. */
async function serveModel(
  turn: (body: unknown) => unknown,
  shape: (path: string, turn: unknown) => Reply,
  kept: Pick<FakeModel, 'results' | 'offeredAs'>,
): Promise<FakeModel> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        response.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"not JSON"}');
        return;
      }
      const reply = shape(path, turn(body));
      if ('json' in reply) {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply.json));
        return;
      }
      const stream = reply.events.map(({ event, data }) => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`).join('');
      response.writeHead(200, { 'content-type': 'text/event-stream' }).end(stream);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...kept,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

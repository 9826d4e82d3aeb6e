// The page's side of MCP Apps: JSON-RPC over postMessage with the host that framed it
// (`ui/initialize`, the tool's input and answer, the host's context, calls of tools through the
// host, and telling the model what changed). Written here rather than taken from the SDK's App
// class, which brings the whole MCP client with it: this is all a page of Punchcard's needs.
//
// Only the parent window is listened to, and an answer counts only for a request this page sent and
// has not yet had answered: an answer a host replays or makes up settles nothing. Nothing that
// arrives here ever calls a tool that writes; only a person's click does (see useWrite in ui.tsx).

export type Theme = 'light' | 'dark';

export interface HostContext {
  theme?: Theme;
  containerDimensions?: { height?: number; maxHeight?: number; width?: number; maxWidth?: number };
  styles?: { variables?: Record<string, string | undefined> };
  [key: string]: unknown;
}

export interface ToolAnswer {
  isError?: boolean;
  /** The engine's words: what the model reads, and what a page shows of a refusal. */
  content?: Array<{ type: string; text?: string }>;
  /** A done call's data, as the tool's output schema describes it; a refused call (`isError`) has none. */
  structuredContent?: Record<string, unknown>;
  /**
   * Beside whatever else the engine and the host put there: a refused call's code and facts under the key
   * in mcp-server/contract/outcomes/refusal-meta.ts, which the pages do not read (they show a refusal in
   * the engine's words, docs/mcp-apps.md); and, on the answers of a page's tools, the page's optional
   * reads this client is offered (mcp-server/contract/app-offers.ts), which the Week reads.
   */
  _meta?: Record<string, unknown>;
}

interface HostCapabilities {
  updateModelContext?: object;
  message?: object;
}

export interface HostLink {
  readonly context: HostContext;
  onContext(listener: (context: HostContext) => void): void;
  onToolInput(listener: (args: Record<string, unknown>) => void): void;
  onToolResult(listener: (answer: ToolAnswer) => void): void;
  callTool(name: string, args: Record<string, unknown>): Promise<ToolAnswer>;
  /** Tells the model what the person changed, so the conversation does not go on from a stale view. */
  tellModel(changes: readonly string[]): Promise<void>;
}

const PROTOCOL_VERSION = '2026-01-26';
/** A page waits this long for the host to answer a call; the host then said nothing and the page says so. */
const ANSWER_WAIT_MS = 60_000;

type Json = Record<string, unknown>;

export function connectToHost(app: string): Promise<HostLink> {
  const pending = new Map<number, { resolve: (value: Json) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let context: HostContext = {};
  let capabilities: HostCapabilities = {};
  const contextListeners: Array<(context: HostContext) => void> = [];
  const inputListeners: Array<(args: Json) => void> = [];
  const resultListeners: Array<(answer: ToolAnswer) => void> = [];
  // What came before the page listened (the host sends the answer right after initialisation).
  let lastInput: Json | undefined;
  let lastResult: ToolAnswer | undefined;

  const post = (message: Json) => window.parent.postMessage({ jsonrpc: '2.0', ...message }, '*');
  const request = (method: string, params: Json): Promise<Json> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`The host did not answer ${method}.`));
      }, ANSWER_WAIT_MS);
      pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      post({ id, method, params });
    });
  };

  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window.parent) return;
    const message = event.data as Json | null;
    if (!isObject(message) || message.jsonrpc !== '2.0') return;
    const method = typeof message.method === 'string' ? message.method : undefined;
    if (method === undefined) {
      const waiting = typeof message.id === 'number' ? pending.get(message.id) : undefined;
      if (!waiting) return;
      pending.delete(message.id as number);
      if (isObject(message.error)) waiting.reject(new Error(String(message.error.message ?? 'The host refused the request.')));
      else waiting.resolve(isObject(message.result) ? message.result : {});
      return;
    }
    const params = isObject(message.params) ? message.params : {};
    if ('id' in message) {
      // The host's requests: a page has nothing to tear down, and answers a ping.
      const known = method === 'ui/resource-teardown' || method === 'ping';
      post(known ? { id: message.id, result: {} } : { id: message.id, error: { code: -32601, message: `Method not found: ${method}` } });
      return;
    }
    if (method === 'ui/notifications/host-context-changed') {
      context = { ...context, ...params };
      for (const listener of contextListeners) listener(context);
    } else if (method === 'ui/notifications/tool-input') {
      lastInput = isObject(params.arguments) ? params.arguments : {};
      for (const listener of inputListeners) listener(lastInput);
    } else if (method === 'ui/notifications/tool-result') {
      lastResult = params as ToolAnswer;
      for (const listener of resultListeners) listener(lastResult);
    }
  });

  return request('ui/initialize', {
    appInfo: { name: `punchcard-${app}`, version: '1' },
    appCapabilities: {},
    protocolVersion: PROTOCOL_VERSION,
  }).then((result) => {
    context = isObject(result.hostContext) ? (result.hostContext as HostContext) : {};
    capabilities = isObject(result.hostCapabilities) ? (result.hostCapabilities as HostCapabilities) : {};
    post({ method: 'ui/notifications/initialized', params: {} });
    reportSize(post);
    return {
      get context() {
        return context;
      },
      onContext: (listener) => void contextListeners.push(listener),
      onToolInput: (listener) => {
        inputListeners.push(listener);
        if (lastInput) listener(lastInput);
      },
      onToolResult: (listener) => {
        resultListeners.push(listener);
        if (lastResult) listener(lastResult);
      },
      callTool: async (name, args) => (await request('tools/call', { name, arguments: args })) as ToolAnswer,
      tellModel: async (changes) => {
        // A context update replaces the page's last one, so it carries every change; a message is
        // a new turn in the conversation, so it carries only the newest.
        const text = capabilities.updateModelContext ? changes.join('\n') : (changes.at(-1) ?? '');
        const content = [{ type: 'text', text }];
        if (capabilities.updateModelContext) await request('ui/update-model-context', { content });
        else if (capabilities.message) await request('ui/message', { role: 'user', content });
      },
    } satisfies HostLink;
  });
}

/** Tells the host the page's height whenever it changes, so the frame fits it. */
function reportSize(post: (message: Json) => void): void {
  let last = '';
  const observer = new ResizeObserver(() => {
    const size = { width: Math.ceil(document.documentElement.scrollWidth), height: Math.ceil(document.documentElement.scrollHeight) };
    const key = `${size.width}x${size.height}`;
    if (key === last) return;
    last = key;
    post({ method: 'ui/notifications/size-changed', params: size });
  });
  observer.observe(document.documentElement);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of an answer, as the engine wrote it. */
export function textOf(answer: ToolAnswer): string {
  return (answer.content ?? []).map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join('\n');
}

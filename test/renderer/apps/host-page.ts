// The host side of MCP Apps in the test browser: the SDK's own AppBridge drawing an app's page in a
// sandboxed iframe (scripts only, an opaque origin, the host's strict CSP), as a chat client does.
// Tool calls the page makes go to the test (`hostCallTool`, exposed by app-host.ts), which sends
// them to the engine with the official MCP client; what the page tells the model is kept.
import { AppBridge, PostMessageTransport, type McpUiHostContext } from '@modelcontextprotocol/ext-apps/app-bridge';

interface OpenOptions {
  html: string;
  csp: string;
  toolArgs: Record<string, unknown>;
  toolResult: Record<string, unknown>;
  hostContext: McpUiHostContext;
  /** A host that takes messages (a new turn each) and no context updates. */
  messagesOnly?: boolean;
}

interface HostWindow {
  hostCallTool(params: unknown): Promise<Record<string, unknown>>;
  modelContext: unknown[];
  bridge?: AppBridge;
  openApp(options: OpenOptions): Promise<void>;
}

const host = window as unknown as HostWindow;
host.modelContext = [];

host.openApp = async (options) => {
  const iframe = document.createElement('iframe');
  iframe.setAttribute('sandbox', 'allow-scripts');
  iframe.title = 'Punchcard app';
  iframe.style.cssText = 'width: 100%; height: 200px; border: 0; display: block';
  // The host's policy comes first in the page, so it governs everything after it.
  iframe.srcdoc = options.html.replace('<head>', `<head><meta http-equiv="Content-Security-Policy" content="${options.csp}">`);
  document.body.append(iframe);
  const frame = iframe.contentWindow;
  if (!frame) throw new Error('The iframe has no window.');
  const bridge = new AppBridge(
    null,
    { name: 'punchcard-test-host', version: '1.0.0' },
    { serverTools: {}, ...(options.messagesOnly ? {} : { updateModelContext: { text: {} } }), message: { text: {} } },
    { hostContext: options.hostContext },
  );
  bridge.oncalltool = async (params) => (await host.hostCallTool(params)) as never;
  bridge.onupdatemodelcontext = async (params) => {
    host.modelContext.push(params);
    return {};
  };
  bridge.onmessage = async (params) => {
    host.modelContext.push(params);
    return {};
  };
  bridge.onsizechange = ({ height }) => {
    if (height) iframe.style.height = `${height}px`;
  };
  bridge.oninitialized = () => {
    void bridge.sendToolInput({ arguments: options.toolArgs }).then(() => bridge.sendToolResult(options.toolResult as never));
  };
  host.bridge = bridge;
  await bridge.connect(new PostMessageTransport(frame, frame));
};

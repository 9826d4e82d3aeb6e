// The engine's side of MCP Apps (the `io.modelcontextprotocol/ui` extension): a client that declares
// the extension finds, on the tools whose answers an app shows, `_meta.ui.resourceUri`, and can list
// and read the apps' pages as `ui://punchcard/…` resources; those tools' answers tell the page which
// of its optional reads this client is offered (contract/app-offers.ts). A client that does not
// declare it gets the tool list and the answers exactly as before (every byte): what the model reads,
// and what a client without a place to show a page is sent, does not change. The server's capabilities are the same for every
// client and so name `resources`; to a client without the extension the list of them is empty and
// no page is found, as the capability promises (docs/mcp-apps.md).
import { type CallToolResult, type McpServer, ResourceNotFoundError, type ServerContext } from '@modelcontextprotocol/server';
import { OFFERED_TOOLS_META } from '../contract/app-offers.ts';
import { APP_MIME_TYPE, APPS, appOfTool, appOfUri, type AppEntry, declaresApps } from './app-catalog.ts';

/** An app's page: one self-contained HTML file (renderer/apps, built by vite.config.ts). */
export type PageOf = (app: AppEntry['name']) => Promise<string>;

/**
 * The apps' resource metadata: every script and style is inlined, so the page needs no outside
 * domain at all (empty lists: the host's strictest policy), and it is drawn inside a border.
 */
const PAGE_META = { ui: { csp: { connectDomains: [], resourceDomains: [] }, prefersBorder: true } };

/**
 * Adds the apps to one MCP server: `declared(context)` is what the client of a request declared (the
 * request's own capabilities in the 2026 era, the handshake's in the 2025 era).
 */
export function serveApps(server: McpServer, declared: (context: ServerContext) => unknown, pageOf: PageOf): void {
  const protocol = server.server;
  const forApps = (context: ServerContext) => declaresApps(declared(context));
  protocol.registerCapabilities({ resources: {} });
  protocol.setRequestHandler('resources/list', (_request, context) => ({ resources: forApps(context) ? APPS.map(listedApp) : [] }));
  protocol.setRequestHandler('resources/templates/list', () => ({ resourceTemplates: [] }));
  protocol.setRequestHandler('resources/read', async (request, context) => {
    const app = forApps(context) ? appOfUri(request.params.uri) : undefined;
    if (!app) {
      const pages = forApps(context) ? ` Punchcard's pages are ${APPS.map((entry) => entry.uri).join(', ')}.` : '';
      // The spec's answer to a resource not found: Invalid Params, naming the URI in its data.
      throw new ResourceNotFoundError(request.params.uri, `There is no resource ${request.params.uri}.${pages}`);
    }
    return { contents: [{ uri: app.uri, mimeType: APP_MIME_TYPE, text: await pageOf(app.name), _meta: PAGE_META }] };
  });
}

/**
 * An answer of `tool` as the client gets it: where the client declared the apps (`declared`, its
 * capabilities) and the tool opens a page with reads it makes only where offered, the answer's `_meta`
 * names those this server offers now (`offered`). Only an answer the page draws, not a refusal nor a
 * question's round; every other answer, and every answer to another client, as it was. Added to the
 * tool's own answer (engine/mcp-server.ts) rather than by a handler over the SDK's tools/call: the SDK
 * checks a question's signed state in each handler it registers, and would check it twice.
 */
export function withOfferedReads<T extends object>(answer: T, tool: string, declared: unknown, offered: (tool: string) => boolean): T {
  const reads = appOfTool(tool)?.readsWhereOffered;
  const drawn = answer as Partial<CallToolResult>;
  if (!reads || drawn.isError === true || !Array.isArray(drawn.content) || !declaresApps(declared)) return answer;
  return { ...answer, _meta: { ...drawn._meta, [OFFERED_TOOLS_META]: reads.filter(offered) } };
}

/**
 * The tools as listed, each with the link to its app where the client declared the apps (`declared`, its capabilities);
 * the engine's one change of the SDK's tools/list applies it (engine/tool-list.ts, engine/mcp-server.ts).
 */
export function withAppLinks<T extends { tools: Array<Record<string, unknown>> }>(listed: T, declared: unknown): T {
  return declaresApps(declared) ? { ...listed, tools: listed.tools.map(withAppLink) } : listed;
}

/** A listed tool with the link to its app, under both keys the extension has used (older hosts read the flat one). */
function withAppLink(tool: Record<string, unknown>): Record<string, unknown> {
  const app = appOfTool(tool.name as string);
  if (!app) return tool;
  const meta = (tool._meta as Record<string, unknown> | undefined) ?? {};
  return { ...tool, _meta: { ...meta, ui: { resourceUri: app.uri }, 'ui/resourceUri': app.uri } };
}

function listedApp(app: AppEntry) {
  return { uri: app.uri, name: app.name, title: app.title, description: app.description, mimeType: APP_MIME_TYPE, _meta: PAGE_META };
}

// The SDK lists every enabled tool in tools/list; the engine changes that list in two ways: it leaves
// out the tools not offered now (engine/mcp-server.ts keeps them enabled, so that a client calling one
// by name reaches the engine and hears why instead of the SDK's "Tool … disabled"), and it adds the
// apps' links for a client that declares them (apps/serve-apps.ts, withAppLinks): one change, made in
// engine/mcp-server.ts, so that nothing below the engine reaches up here. The SDK gives no public way to
// wrap its own handler, so this is the one place that reads it back (`_getRequestHandler`, Protocol's):
// should the SDK rename it, building a server fails here at once, not a listing later.
import type { McpServer, ServerContext } from '@modelcontextprotocol/server';

/** A tools/list result as the SDK made it: its tools, and whatever else the era puts beside them. */
export type ListedTools = { tools: Array<Record<string, unknown>> } & Record<string, unknown>;

type Handler = (request: unknown, context: ServerContext) => Promise<Record<string, unknown>>;
interface HandlerAccess {
  _getRequestHandler(method: string): Handler | undefined;
}

/** Answers tools/list with `change` of what the SDK lists (the SDK still makes every tool's entry). */
export function overToolList(server: McpServer, change: (listed: ListedTools, context: ServerContext) => ListedTools): void {
  const protocol = server.server;
  const listTools = (protocol as unknown as HandlerAccess)._getRequestHandler('tools/list');
  if (!listTools) throw new Error('The SDK set no tools/list handler to change.');
  protocol.removeRequestHandler('tools/list');
  protocol.setRequestHandler('tools/list', async (request, context) => change((await listTools(request, context)) as ListedTools, context) as { tools: [] });
}

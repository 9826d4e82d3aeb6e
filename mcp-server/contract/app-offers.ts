// What the engine's answers tell one of its MCP App pages beyond each tool's own contract
// (docs/mcp-apps.md, "Who sees what"): which of the tools the page reads only where they are offered
// this client are offered now, so the page asks nothing the engine would refuse. Shared by the engine
// (mcp-server/apps/serve-apps.ts) and the pages (renderer/apps/).

/**
 * The key, in the `_meta` of the answers of a page's tools to a client that declares the apps, of the
 * names of the page's optional reads that this client is offered (`[]` where none is).
 */
export const OFFERED_TOOLS_META = 'app.punchcard/offered';

// A measurement, not the product: stdio served the way the SDK serves it (`serveStdio`, which owns
// era negotiation, over its own stdin/stdout transport, one McpServer of the engine per connection),
// with the engine and the SDK imported lazily at start. `PUNCHCARD_STDIO_DESIGN=sdk vite build` puts
// it in place of mcp-server/stdio/serve.ts (vite.config.ts), and test/bench/stdio-designs.ts times
// it beside the opening (docs/decisions.md, "A small entry, heavy code on demand").
import { createClock } from '../../../mcp-server/clock.ts';
import type { ServeOptions } from '../../../mcp-server/stdio/serve.ts';

export async function serveMcp(options: ServeOptions): Promise<void> {
  const [{ serveStdio }, { openDesktopEngine }] = await Promise.all([
    import('@modelcontextprotocol/server/stdio'),
    import('../../../mcp-server/engine/desktop-engine.ts'),
  ]);
  const engine = await openDesktopEngine({
    userDataDir: options.userDataDir,
    allTools: options.allTools,
    appEngine: false,
    now: createClock(),
    log: options.log,
    ...(options.provider ? { provider: options.provider } : {}),
    ...(options.formBackEnd ? { formBackEnd: options.formBackEnd } : {}),
  });
  serveStdio(() => engine.createServer(), { onerror: (error) => options.log(`transport: ${error.message}`) });
}

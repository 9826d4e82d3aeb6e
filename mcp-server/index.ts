// `punchcard-mcp`: the file AI clients run (docs/decisions.md, "A small entry, heavy code on
// demand"). It holds nothing but this: the checks and the compile cache every entry starts with
// (node-version.ts), then the command line, the opening and later the engine, each from its chunk.
// Usage: cli/arguments.ts.
import { startNode } from './node-version.ts';

startNode();
const { main } = await import('./cli/main.ts');
await main(process.argv.slice(2));

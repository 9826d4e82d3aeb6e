// `punchcard-mcp`: the file AI clients run (docs/decisions.md, "A small entry, heavy code on
// demand"). It holds nothing but this: a Node too old for the engine is said in words and the process
// ends; otherwise V8's compile cache goes on first, so the chunks loaded next (the command line, the
// opening, later the engine) are compiled once and read from the cache on every later start. Node
// keeps the cache in its temp folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off. Usage:
// cli/arguments.ts.
import module from 'node:module';
import { nodeTooOld } from './node-version.ts';

const tooOld = nodeTooOld(process.versions.node);
if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exit(1);
}
module.enableCompileCache?.();
const { main } = await import('./cli/main.ts');
await main(process.argv.slice(2));

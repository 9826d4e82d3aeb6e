// The oldest Node the engine runs on: node:sqlite without a flag came with 22.13 (the local
// timesheet keeps its file with it). Clients may start the engine with a Node they chose (Claude
// Desktop runs an extension with the Node it ships, older in older versions of it), so the entry
// says so in words on stderr, where clients log a server's output, instead of failing on an import.
import module from 'node:module';

export const MINIMUM_NODE = '22.13.0';

/** Why `version` (process.versions.node) cannot run the engine, or undefined when it can. */
export function nodeTooOld(version: string): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [needMajor = 0, needMinor = 0] = MINIMUM_NODE.split('.').map(Number);
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined;
  return (
    `Punchcard needs Node.js ${MINIMUM_NODE} or later (it keeps the timesheet with node:sqlite); it was started with Node.js ${version}. ` +
    'In Claude Desktop, update Claude (its built-in Node.js) or turn off "Use Built-in Node.js for MCP" with Node.js 22.13+ installed; ' +
    'elsewhere, point the client at a newer node.'
  );
}

/**
 * What an entry does before anything else (mcp-server/index.ts, team-server/index.ts): a Node too old
 * for the engine is said in words and the process ends; otherwise V8's compile cache goes on, so the
 * chunks loaded next are compiled once and read from the cache on every later start. Node keeps the
 * cache in its temp folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
export function startNode(): void {
  const tooOld = nodeTooOld(process.versions.node);
  if (tooOld) {
    process.stderr.write(`${tooOld}\n`);
    process.exit(1);
  }
  module.enableCompileCache?.();
}

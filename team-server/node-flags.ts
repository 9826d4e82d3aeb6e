// Node flags the team server's `serve` runs with however it was started. Its launchers carry them on
// node's command line, where they cost nothing: the shebang of its `punchcard-mcp` (vite.config.ts; the
// systemd unit and `npx` run that) and the container image's entry point (Containerfile). Where a
// launcher did not (`node punchcard-mcp.mjs serve`, the guide's own first command, `npm run serve`,
// any unit or script of an administrator's that names node), the program starts itself again with
// them (team-server/hold-node-flags.ts): in place, the same process, so its id, its standard streams,
// its signals and its exit code stay the launcher's. Where it cannot, it sets what V8 takes once
// running and says the rest at start (`nodeFlagsPlan`).
//
// --max-semi-space-size=8: V8 sizes the young generation for the machine: under the bench's 100 people it
// grew to 128 MB while what a person keeps alive is about 0.17 MB, so the garbage of calls in flight, not
// the people, set the resident memory. With 8 MB semi-spaces the same bench holds 170 MB at 100 people
// instead of 200. The price is collections: their share of the server's busy time under the read load
// went from 4 % to 10 % in CPU profiles, about 6 % more CPU a call, with calls a second inside the
// run-to-run spread (docs/team-server/README.md, "Operation"). 1 MB semi-spaces cost a fifth more a call.
//
// --heap-growing-percent=50: what the old generation holds under load is garbage, not people. A call
// allocates about 200 KB and about 14 KB of it outlives the young generation (10 KB with 32 MB semi-spaces),
// most of it the SDK's handling of the request; it dies in the old generation.
// After each full collection V8 lets the old generation grow by a factor before the next one, and where
// the heap may reach 2 GB (the default on a machine of 8 GB or more) that factor goes up to four once
// garbage arrives faster than V8 marks, which on the bench it did at a hundred calls a second. 30 s of the
// bench's timer reads at 830 to 945 calls a second then took the old generation to 205 MB over the 55 MB
// a full collection keeps, and the process to 340-350 MB. On a smaller heap V8 itself keeps the factor
// between 1.3 and 2; at two the same load held 90 MB and 225-230 MB, with full collections two to three
// times as often and no more CPU a call. At one and a half (50) the team-load bench ended its loads at
// 212-219 MB resident instead of 231-252 at two, the CPU a call within the spread between runs
// (docs/decisions.md). It sets no ceiling: a heap limit (Node's from a container's memory limit, or
// --max-old-space-size in NODE_OPTIONS) still holds.
//
// The young generation's size can be set only when the process starts (a `v8.setFlagsFromString` of it
// once running leaves V8's own size: measured, docs/decisions.md), hence node's command line; the
// growing factor V8 reads at every full collection, so it holds set late too, and rides beside it.
// NODE_OPTIONS cannot carry the growing factor at all (node refuses it there). An administrator who
// wants other values runs `node --max-semi-space-size=N --heap-growing-percent=P punchcard-mcp.mjs`:
// a flag node was given is theirs and stands; only one missing is added.
export const TEAM_SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8', '--heap-growing-percent=50'];

/**
 * The environment every launcher of the team server sets beside the flags: the image (Containerfile),
 * the systemd unit and compose; a program's first line cannot set a variable, so `serve` started again
 * for its flags (hold-node-flags.ts) sets it too where its environment does not name it. MALLOC_ARENA_MAX=2: glibc
 * gives each thread that allocates at once an arena of its own, up to eight a core, and V8's helper
 * threads (the collector's, the compiler's) and libuv's pool each kept one, 45-50 MB outside the V8
 * heap at the end of the bench's load; two arenas held the same load in less, at no CPU a call beyond
 * the spread between runs (docs/decisions.md, "The team server's memory at the peer's").
 */
export const TEAM_SERVER_ENVIRONMENT: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** The environment `serve` starts again with: its own, and each of the launchers' variables it does not name. */
export function environmentStartedAgain(environment: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(environment)) if (value !== undefined) kept[name] = value;
  return { ...TEAM_SERVER_ENVIRONMENT, ...kept };
}

/** Those of the flags V8 takes from `v8.setFlagsFromString` once running (measured for each: docs/decisions.md). */
const TAKEN_WHILE_RUNNING: ReadonlySet<string> = new Set(['--heap-growing-percent']);

/** The command whose process lives long enough for the flags to matter; the others end within a second. */
const SERVING_COMMAND = 'serve';

/** How the process was started, as Node says it. */
export interface NodeStart {
  /** process.execPath: the node binary that runs. */
  execPath: string;
  /** process.execArgv: node's own options, before the program. */
  execArgv: readonly string[];
  /** process.argv: node, the program, then its command and arguments. */
  argv: readonly string[];
  /** Whether it has a channel to its parent process (process.channel: child_process.fork, or spawn's 'ipc'). */
  hasParentChannel: boolean;
  /** Whether this Node can replace its process with another (process.execve: Node 22.15 or later, not on Windows). */
  canStartAgain: boolean;
  /** process.env: glibc reads MALLOC_ARENA_MAX only when the process starts. */
  environment: NodeJS.ProcessEnv;
}

/** What the entry does about the flags before anything else. */
export type NodeFlagsPlan =
  /** Every flag is there (a launcher carried it, or the administrator named their own), or the command ends soon. */
  | { as: 'started' }
  /** The same process, started again in place with the `missing` flags: `process.execve(start.execPath, args, environment)`. */
  | { as: 'again'; args: string[]; missing: string[]; environment: Record<string, string> }
  /** Started again it cannot be: `late` set with v8.setFlagsFromString, `missing` said at start, with why. */
  | { as: 'running'; late: string[]; missing: string[]; why: string };

/** A flag's name as V8 reads it: `--max_semi_space_size=8` and `--max-semi-space-size` are one. */
function flagName(argument: string): string {
  return (argument.split('=', 1)[0] as string).replaceAll('_', '-');
}

/** The team server's flags that node's own options do not name: one the administrator gave a value of stands. */
export function missingNodeFlags(execArgv: readonly string[]): string[] {
  const named = new Set(execArgv.map(flagName));
  return TEAM_SERVER_NODE_FLAGS.filter((flag) => !named.has(flagName(flag)));
}

/** Whether the process can hold the flags as it is, must start again with them, or can hold only some. */
export function nodeFlagsPlan(start: NodeStart): NodeFlagsPlan {
  if (start.argv[2] !== SERVING_COMMAND) return { as: 'started' };
  const missing = missingNodeFlags(start.execArgv);
  // A program's first line cannot set a variable, so the npm bin (`punchcard-mcp serve`, npx) starts
  // with every flag and glibc's own arenas: it starts again once for the variable alone.
  const unnamed = Object.keys(TEAM_SERVER_ENVIRONMENT).filter((name) => start.environment[name] === undefined);
  if (missing.length === 0 && unnamed.length === 0) return { as: 'started' };
  const cannot = whyNotAgain(start);
  if (cannot === undefined)
    return {
      as: 'again',
      args: [start.execPath, ...start.execArgv, ...missing, ...start.argv.slice(1)],
      missing,
      environment: environmentStartedAgain(start.environment),
    };
  return cannotStartAgain(missing, cannot);
}

/** The plan where starting again failed or cannot be: what V8 takes while running is set, the rest said. */
export function cannotStartAgain(missing: readonly string[], why: string): NodeFlagsPlan {
  return {
    as: 'running',
    late: missing.filter((flag) => TAKEN_WHILE_RUNNING.has(flagName(flag))),
    missing: missing.filter((flag) => !TAKEN_WHILE_RUNNING.has(flagName(flag))),
    why,
  };
}

/** Why this process cannot be started again in place, or undefined where it can. */
function whyNotAgain(start: NodeStart): string | undefined {
  if (!start.canStartAgain) return 'this Node cannot start its process again in place (that needs Node 22.15 or later, and not Windows)';
  // A channel to the parent is a descriptor beyond the standard three, which a process started again
  // in place does not keep. (Node takes NODE_CHANNEL_FD out of the environment once it opened it.)
  if (start.hasParentChannel) return 'node was started with a channel to its parent process, which a second start would close';
  return undefined;
}

/** The line said at start where flags are missing: which, why, what it costs and how to start it with them. */
export function missingFlagsSentence(missing: readonly string[], why: string, program: string): string {
  return (
    `Running without ${missing.join(' ')}: ${why}, so the server holds more memory under load than it needs ` +
    `(docs/team-server/README.md, "Operation"). Start it as punchcard-mcp itself, or as ` +
    `\`node ${TEAM_SERVER_NODE_FLAGS.join(' ')} ${program} serve …\`.`
  );
}

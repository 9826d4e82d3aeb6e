// The one reader of the command line's flags, over node:util's parseArgs, for every command of the
// bundle (cli/arguments.ts, team-server/cli/serve-command.ts, cli/policy-command.ts, team-server/admin/admin-command.ts and
// clients/cli.ts, which is why it sits below them all). It adds what
// parseArgs leaves to its caller, the same everywhere: a flag it does not know is refused in words the
// command chooses; a switch written with a value (`--all-tools=false`) is refused, where parseArgs
// would read it as on; a flag that takes a value never takes the next flag as its value (`--url
// --test-connection` is a missing address, not the address "--test-connection"), and an empty value
// is a missing one. Free of zod and of the rest of the engine: it runs on every start.

// Not `import … from 'node:util'`: importing a built-in as an ES module makes Node build its whole
// namespace, which reads every lazy export of node:util (its diff, worker_threads with it, and more):
// 2 ms of a 34 ms start, on the path every client's tools/list waits for. getBuiltinModule hands the
// module itself, and only parseArgs is loaded.
const { parseArgs } = process.getBuiltinModule('node:util');

export interface FlagSpec {
  /** The flags that take a value (without their dashes), each with what to say when it has none. */
  readonly values?: Readonly<Record<string, string>>;
  /** The flags that are on by being there. */
  readonly switches?: readonly string[];
  /** One-letter spellings of switches: `{ h: 'help' }`. */
  readonly short?: Readonly<Record<string, string>>;
  /** Whether words that are not flags are taken (a command's client), or refused as unknown. */
  readonly positionals?: boolean;
  /** Whether a flag given twice is refused rather than the last one winning. */
  readonly once?: boolean;
}

export interface FlagsRead {
  /** Each flag's value, by its name without dashes (the last one given, unless `once`). */
  values: Map<string, string>;
  /** The switches given, in the order they were given. */
  switches: Set<string>;
  positionals: string[];
}

/**
 * The flags as far as they could be read, and the first problem in words, if any: what was given
 * before the problem is there, so a command can still answer `--help` given before a mistake.
 */
export function readFlags(argv: readonly string[], spec: FlagSpec, unknown: (argument: string) => string): { read: FlagsRead; problem?: string } {
  const valued = spec.values ?? {};
  const switches = spec.switches ?? [];
  const takesValue = (argument: string) => argument.startsWith('--') && Object.hasOwn(valued, argument.slice(2));
  // `--url --test-connection`, or `--url` last: the value is missing, which `--url=` says to parseArgs.
  const args = argv.map((argument, index) =>
    takesValue(argument) && (argv[index + 1] === undefined || argv[index + 1]?.startsWith('--')) ? `${argument}=` : argument,
  );
  const shortOf = new Map(Object.entries(spec.short ?? {}).map(([letter, name]) => [name, letter]));
  const options = Object.fromEntries([
    ...Object.keys(valued).map((name) => [name, { type: 'string' as const }]),
    ...switches.map((name) => [name, { type: 'boolean' as const, ...(shortOf.has(name) ? { short: shortOf.get(name) } : {}) }]),
  ]);
  // Not strict: parseArgs's own messages are long and name no command; ours say what to do instead.
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const read: FlagsRead = { values: new Map(), switches: new Set(), positionals: [] };
  for (const token of tokens) {
    if (token.kind === 'option-terminator') return { read, problem: unknown('--') };
    if (token.kind === 'positional') {
      if (!spec.positionals) return { read, problem: unknown(token.value) };
      read.positionals.push(token.value);
      continue;
    }
    const { name, rawName, value } = token;
    if (switches.includes(name)) {
      if (value !== undefined) return { read, problem: `${rawName} takes no value (remove "=${value}").` };
      read.switches.add(name);
    } else if (Object.hasOwn(valued, name)) {
      if (!value) return { read, problem: valued[name] as string };
      if (spec.once && read.values.has(name)) return { read, problem: `${rawName} is given twice.` };
      read.values.set(name, value);
    } else {
      return { read, problem: unknown(argv[token.index] ?? rawName) };
    }
  }
  return { read };
}

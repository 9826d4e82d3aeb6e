// Runs a built command line without blocking this process, where the fake back ends live: the
// engine's (runCli), or the team server's, which adds `serve`, `audit` and `admin` (runTeamCli); and
// other programs a test drives to their end, such as an AI client's command line (runProgram).
import { execFile } from 'node:child_process';
import { constants } from 'node:os';
import { type EngineWhere, SERVER_BUNDLE, TEAM_SERVER_BUNDLE } from './engine.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export const runCli = (args: string[], env: Record<string, string>): Promise<CliRun> => run(SERVER_BUNDLE, args, env);

export const runTeamCli = (args: string[], env: Record<string, string>): Promise<CliRun> => run(TEAM_SERVER_BUNDLE, args, env);

function run(bundle: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bundle, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: exitCodeOf(error), stdout, stderr });
    });
  });
}

/**
 * `--user-data DIR --test-connection`, as the app runs it before a person's first session: the built
 * command line ('bundle'), or the same in this process (connectionTestInProcess).
 */
export function testConnection(where: EngineWhere, userDataDir: string, env: Record<string, string>): Promise<CliRun> {
  const args = ['--user-data', userDataDir, '--test-connection'];
  return where === 'bundle' ? runCli(args, env) : connectionTestInProcess(args, env);
}

/**
 * A `--test-connection` command line as the built one runs it (mcp-server/cli/main.ts): the same
 * arguments parsed, the same test, its log and verdict on stderr and, with --json, its line on stdout;
 * in this process, with `env` (and PATH) as its whole environment. For tests whose subject is the
 * verdicts; what is the process's (its exit, its streams) stays with a run of the built command line.
 */
export async function connectionTestInProcess(args: string[], env: Record<string, string>): Promise<CliRun> {
  const [{ parseArguments }, { formatJsonLine, formatVerdict, runConnectionTest }, { withoutControls }] = await Promise.all([
    import('../../mcp-server/cli/arguments.ts'),
    import('../../mcp-server/cli/test-connection.ts'),
    import('../../mcp-server/plain-text.ts'),
  ]);
  const whole: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', ...env };
  const parsed = parseArguments(args, whole);
  if (parsed.kind !== 'test-connection') throw new Error(`These arguments ask for ${parsed.kind}, not a connection test.`);
  let stderr = '';
  const result = await runConnectionTest({ ...parsed, env: whole, log: (message) => (stderr += `[punchcard] ${withoutControls(message)}\n`) });
  stderr += `${formatVerdict(result.report)}\n`;
  return { code: result.exitCode, stdout: parsed.json ? `${formatJsonLine(result)}\n` : '', stderr };
}

export interface ProgramOptions {
  /** The whole environment the program gets (nothing of this process's is added). */
  env: Record<string, string>;
  cwd?: string;
  /** How long it may run before it is ended (SIGTERM) and counted as never ending; default 20 s. */
  timeoutMs?: number;
}

/**
 * A program run to its end with its input closed, so one that reads what a person would type (Codex
 * reads a prompt from stdin besides its argument) reads nothing and goes on.
 */
export function runProgram(file: string, args: string[], options: ProgramOptions): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env: options.env, cwd: options.cwd, timeout: options.timeoutMs ?? 20_000 }, (error, stdout, stderr) => {
      resolve({ code: exitCodeOf(error), stdout, stderr });
    });
    child.stdin?.end();
  });
}

/**
 * A run ended by a signal (the timeout's SIGTERM, for one) has the shell's code for it, 128 + the
 * signal's number, so a command that never ended is never taken for one that failed.
 */
function exitCodeOf(error: (Error & { code?: unknown; signal?: NodeJS.Signals | null }) | null): number {
  if (!error) return 0;
  if (typeof error.code === 'number') return error.code;
  return error.signal ? 128 + (constants.signals[error.signal] ?? 0) : 1;
}

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
 * command line ('bundle'), or the same test (mcp-server/cli/test-connection.ts) in this process, its
 * verdict and log on stderr as the command line prints them.
 */
export async function testConnection(where: EngineWhere, userDataDir: string, env: Record<string, string>): Promise<CliRun> {
  if (where === 'bundle') return runCli(['--user-data', userDataDir, '--test-connection'], env);
  const { formatVerdict, runConnectionTest } = await import('../../mcp-server/cli/test-connection.ts');
  let stderr = '';
  const result = await runConnectionTest({ userDataDir, env: { PATH: process.env.PATH ?? '', ...env }, log: (message) => (stderr += `${message}\n`) });
  return { code: result.exitCode, stdout: '', stderr: `${stderr}${formatVerdict(result.report)}\n` };
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

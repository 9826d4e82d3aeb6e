// Runs a built command line without blocking this process, where the fake back ends live: the
// engine's (runCli), or the team server's, which adds `serve`, `audit` and `admin` (runTeamCli).
import { execFile } from 'node:child_process';
import { constants } from 'node:os';
import { SERVER_BUNDLE, TEAM_SERVER_BUNDLE } from './engine.ts';

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
      // A run ended by a signal (the timeout's SIGTERM above, for one) has the shell's code for it,
      // 128 + the signal's number, so a command that never ended is never taken for one that failed.
      const code = !error ? 0 : typeof error.code === 'number' ? error.code : error.signal ? 128 + (constants.signals[error.signal] ?? 0) : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

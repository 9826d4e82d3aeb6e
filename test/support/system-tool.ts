// A program of the machine's that a test runs for real (promtool, kubectl), as its users run it. A test
// that needs one fails, never skips, where it is not installed, saying which package brings it
// (scripts/setup.sh installs them).
import { spawnSync } from 'node:child_process';

export interface ToolRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` with `args`; throws, naming `debianPackage`, when the command is not installed. */
export function runTool(command: string, args: readonly string[], debianPackage: string, options: { cwd?: string } = {}): ToolRun {
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000, maxBuffer: 16 * 1024 * 1024, ...options });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    throw new Error(`${command} is not installed: install Debian's ${debianPackage} package (scripts/setup.sh does). This test does not skip without it.`);
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

// The edge of node-flags.ts: the first thing the team server's entry does (team-server/index.ts), before
// it loads anything of its own, so a `serve` started without the flags starts again having done
// nothing but start node. The process is replaced in place (execve), not forked: the launcher's
// process id stays the server's (systemd's main process, a container's process 1), the standard
// streams are the same descriptors, a signal sent to it reaches the server, and the exit code is the
// server's own. What starting again costs is a second start of node, about as long as `--version`.
import { accessSync, constants } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { cannotStartAgain, missingFlagsSentence, type NodeFlagsPlan, nodeFlagsPlan } from './node-flags.ts';

/**
 * Starts this process again with the team server's flags where `serve` lacks them (and then never
 * returns); otherwise sets what V8 takes while running and returns the sentence `serve` logs at start
 * about what is still missing, or undefined where nothing is.
 */
export function holdTeamServerNodeFlags(): string | undefined {
  const plan = nodeFlagsPlan({
    execPath: process.execPath,
    execArgv: process.execArgv,
    argv: process.argv,
    hasParentChannel: process.channel !== undefined,
    canStartAgain: typeof process.execve === 'function',
    environment: process.env,
  });
  if (plan.as === 'started') return undefined;
  return heldWhileRunning(plan.as === 'again' ? startAgain(plan.args, plan.missing, plan.environment) : plan);
}

/** Replaces the process; returns only where it could not, with what it holds instead. */
function startAgain(args: string[], missing: readonly string[], environment: Record<string, string>): NodeFlagsPlan {
  try {
    // A failed execve does not throw: Node aborts the process. So what it could fail on is checked first.
    accessSync(process.execPath, constants.X_OK);
    const execve: (file: string, args: readonly string[], env: Record<string, string>) => never = process.execve as NonNullable<typeof process.execve>;
    execve(process.execPath, args, environment);
  } catch (error) {
    // The permission model without --allow-child-process refuses it, as does a node that cannot be run again.
    return cannotStartAgain(missing, `node could not be started again (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Sets the flags V8 takes while running; the sentence about the rest. */
function heldWhileRunning(plan: NodeFlagsPlan): string | undefined {
  if (plan.as !== 'running') return undefined;
  for (const flag of plan.late) setFlagsFromString(flag);
  return plan.missing.length > 0 ? missingFlagsSentence(plan.missing, plan.why, process.argv[1] ?? 'punchcard-mcp.mjs') : undefined;
}

// What can go wrong between the app and its engine, as one error type whose message a person can
// act on (the window and the tray show it as it is). The kinds let the app react differently — for
// example, a tool's refusal is shown next to the button, an engine that cannot start in a banner.
import type { Refusal } from '../../mcp-server/contract/outcomes/refusals.ts';

export type EngineErrorKind =
  /** The engine process could not be started, or keeps failing to start (then it waits before trying again). */
  | 'start'
  /** The engine stopped while a call was under way; the next call starts it again. */
  | 'crashed'
  /** A call got no answer in time. */
  | 'timeout'
  /** The tool answered with an error (`isError`): the message is the tool's own sentence. */
  | 'tool'
  /** The engine answered something the app cannot read: a protocol error or a changed contract. */
  | 'protocol'
  /** The client was closed (the app is quitting). */
  | 'closed';

export class EngineError extends Error {
  readonly kind: EngineErrorKind;
  /** A tool's refusal as data (its code and facts), where the engine gave one: what the app reads, never the words. */
  readonly refusal: Refusal | undefined;
  /** The tool called, when the error belongs to one call. */
  readonly tool: string | undefined;
  /** The engine's last lines on stderr, oldest first (also summarized in the message where they help). */
  readonly stderr: readonly string[];

  constructor(kind: EngineErrorKind, message: string, details: { tool?: string; stderr?: readonly string[]; cause?: unknown; refusal?: Refusal } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'EngineError';
    this.kind = kind;
    this.refusal = details.refusal;
    this.tool = details.tool;
    this.stderr = details.stderr ?? [];
  }
}

/** How many of the kept stderr lines a message quotes: enough for a stack's first lines. */
const QUOTED_LINES = 6;

/** The engine's last output, quoted for a message; empty when it said nothing. */
export function lastOutput(stderr: readonly string[]): string {
  const quoted = stderr.slice(-QUOTED_LINES);
  return quoted.length === 0 ? '' : ` The engine's last output:\n${quoted.map((line) => `  ${line}`).join('\n')}`;
}

export function seconds(ms: number): string {
  const value = Math.max(1, Math.round(ms / 1000));
  return `${value} second${value === 1 ? '' : 's'}`;
}

export const messages = {
  missingScript: (path: string) => `Punchcard's engine is missing (${path} does not exist). Reinstall Punchcard to bring it back.`,
  cannotRun: (command: string, reason: string) =>
    `Punchcard could not run its engine with ${command} (${reason}). Reinstall Punchcard; if it is installed, check that your security software lets it start programs.`,
  exitedAtStart: (reason: string, stderr: readonly string[]) =>
    `Punchcard's engine stopped while starting (${reason}). Quit and reopen Punchcard; if this keeps happening, reinstall it.${lastOutput(stderr)}`,
  startTimeout: (ms: number, stderr: readonly string[]) =>
    `Punchcard's engine did not start within ${seconds(ms)}. The computer may be very busy: wait a moment and try again, or quit and reopen Punchcard.${lastOutput(stderr)}`,
  backingOff: (failures: number, waitMs: number, last: string) =>
    `Punchcard's engine failed to start ${failures === 1 ? 'just now' : `${failures} times in a row`}; it tries again in about ${seconds(waitMs)}. ${last}`,
  timeout: (tool: string, ms: number) =>
    `Punchcard's engine did not answer ${tool} within ${seconds(ms)}, so the request timed out. If you use a server such as Kimai, check that it is reachable and try again; the engine is restarted if it stopped responding.`,
  crashed: (tool: string, stderr: readonly string[]) =>
    `Punchcard's engine stopped while running ${tool}. It starts again on your next action; check the status before repeating a change, it may have been saved.${lastOutput(stderr)}`,
  /** The engine answered with a protocol error: no such tool, arguments it does not take. */
  refused: (tool: string, reason: string) =>
    `Punchcard's engine refused ${tool} (${reason}). The back end in use may not offer it, or the app and its engine are from different versions: reinstall Punchcard.`,
  /** The answer came, but not in the shape the app expects. */
  unreadable: (tool: string, reason: string) =>
    `Punchcard could not read its engine's answer to ${tool} (${reason}). The app and its engine may be from different versions: reinstall Punchcard.`,
  restarted: (tool: string) => `Punchcard restarted its engine while ${tool} was under way. Check the status, then try again if the change is not there.`,
  closed: () => 'Punchcard is shutting down its engine; the request was not sent.',
};

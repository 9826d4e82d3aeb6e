// stdout carries the MCP protocol, so every human-readable line goes to stderr, without the
// characters that would steer the terminal it may be shown in (plain-text.ts).
import { withoutControls } from './plain-text.ts';

export type Log = (message: string) => void;

export function stderrLog(message: string): void {
  process.stderr.write(`[punchcard] ${withoutControls(message)}\n`);
}

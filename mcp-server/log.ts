// stdout carries the MCP protocol, so every human-readable line goes to stderr.
export type Log = (message: string) => void;

export function stderrLog(message: string): void {
  process.stderr.write(`[punchcard] ${message}\n`);
}

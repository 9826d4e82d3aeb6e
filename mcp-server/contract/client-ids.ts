// The ids of the AI clients Punchcard knows, for the policy file's `clients.allowed`. The catalog
// (mcp-server/clients/catalog.ts) defines one client per id; a test holds the two lists equal.
export const CLIENT_IDS = [
  'claude-desktop',
  'vscode',
  'vscode-insiders',
  'cursor',
  'claude-code',
  'codex',
  'windsurf',
  'zed',
  'gemini-cli',
  'lm-studio',
  'cline',
  'roo-code',
  'copilot-cli',
  'goose',
  'jetbrains',
] as const;
export type ClientId = (typeof CLIENT_IDS)[number];

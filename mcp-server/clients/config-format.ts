// The file formats of AI clients' configs, and which of them Punchcard edits in place. A module of
// its own so that the catalog (which names a format per client) and the editors (which act on one)
// both depend on it, and not on each other.

/**
 * What the client's own reader accepts, which is what Punchcard must keep the file within:
 * - `json`: strict JSON, no comments or trailing commas.
 * - `json-comments`: comments allowed, trailing commas not (Gemini CLI strips comments, then JSON.parse).
 * - `jsonc`: comments and trailing commas (VS Code, Zed, Copilot CLI).
 * - `toml`: Codex. `yaml` and `settings` (an IDE dialog) are copy-paste only.
 */
export type ConfigFormat = 'json' | 'json-comments' | 'jsonc' | 'toml' | 'yaml' | 'settings';

/** Formats Punchcard edits in place; the others are set up by pasting a snippet. */
export const EDITABLE_FORMATS: ReadonlySet<ConfigFormat> = new Set(['json', 'json-comments', 'jsonc', 'toml']);

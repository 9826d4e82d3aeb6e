// The app's side of `config.json` (docs/decisions.md, "One settings schema, one writer"): the only
// writer. The file itself is handled by electron-store in the app (conf underneath, which tests use
// directly with the same options), so writes are atomic and the engine's folder watch sees one
// complete file. Every write re-reads the file first, reads it with the engine's own rules
// (contract/parse-settings.ts) and validates the whole result against the one schema the engine
// reads with.
import { parseSettings } from '../../mcp-server/contract/parse-settings.ts';
import { SettingsSchema, type Settings } from '../../mcp-server/contract/settings.ts';
import { TOOL_GROUPS, TOOL_NAMES } from '../../mcp-server/contract/tool-catalog.ts';
import { settingsProblem } from '../../mcp-server/for-the-app.ts';

/** What this module needs of electron-store / conf: the whole document, read fresh on each access. */
export interface DocumentFile {
  /** Throws when the file exists but is not valid JSON. */
  store: Record<string, unknown>;
  readonly path: string;
}

/**
 * A settings file that cannot say where data goes (not JSON, another schema version, a back end that
 * does not validate). Never overwritten: the person fixes it or moves it away. The message is the
 * engine's own sentence, so the window and whoami say the same.
 */
export class SettingsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsFileError';
  }
}

export interface SettingsStore {
  readonly path: string;
  /** The settings as the engine uses them: a field that did not validate has fallen back (see `notes`). */
  read(): Settings;
  /** Each setting that did not validate and what is used instead, as whoami lists them. */
  notes(): string[];
  /** Applies `change` to the current file's settings and writes the result, or throws without writing. */
  update(change: (current: Settings) => Settings): Settings;
}

export function createSettingsStore(file: DocumentFile): SettingsStore {
  const verdict = () => {
    let raw: unknown;
    try {
      raw = file.store;
    } catch (error) {
      throw new SettingsFileError(settingsProblem(file.path, `it is not valid JSON (${(error as Error).message})`));
    }
    const parsed = parseSettings(raw);
    if (!parsed.ok) throw new SettingsFileError(settingsProblem(file.path, parsed.problem));
    return parsed;
  };

  return {
    path: file.path,
    read: () => verdict().settings,
    notes: () => verdict().notes,
    update(change) {
      const next = SettingsSchema.parse(change(verdict().settings));
      // What this version does not know (a newer app's keys and tool switches) stays in the file.
      const current = asObject(file.store);
      const tools = asObject(current.tools);
      const written: Record<string, unknown> = {
        ...current,
        ...next,
        tools: {
          ...next.tools,
          groups: { ...unknownKeys(asObject(tools.groups), TOOL_GROUPS), ...next.tools.groups },
          enabled: { ...unknownKeys(asObject(tools.enabled), TOOL_NAMES), ...next.tools.enabled },
        },
      };
      // A known key the change took out must leave the file too, or the merge above would keep it: the
      // last of `trackers` removed is one connection again (an empty list means the same, and reads so).
      if (next.trackers === undefined || next.trackers.length === 0) delete written.trackers;
      file.store = written;
      return next;
    },
  };
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function unknownKeys(object: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !known.includes(key)));
}

// The app's side of `config.json` (DESIGN.md §3): the only writer. The file itself is handled by
// electron-store in the app (conf underneath, which tests use directly with the same options), so
// writes are atomic and the engine's folder watch sees one complete file. Every write re-reads the
// file first and validates the whole result against the one schema the engine reads with.
import { parseSettings, SettingsSchema, type Settings } from '../../mcp-server/contract/settings.ts';

/** What this module needs of electron-store / conf: the whole document, read fresh on each access. */
export interface DocumentFile {
  /** Throws when the file exists but is not valid JSON. */
  store: Record<string, unknown>;
  readonly path: string;
}

/** A settings file a person edited into something unusable. Never overwritten: they fix it or reset it. */
export class SettingsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsFileError';
  }
}

export interface SettingsStore {
  readonly path: string;
  read(): Settings;
  /** Applies `change` to the current file's settings and writes the result, or throws without writing. */
  update(change: (current: Settings) => Settings): Settings;
}

export function createSettingsStore(file: DocumentFile): SettingsStore {
  const read = (): Settings => {
    let raw: unknown;
    try {
      raw = file.store;
    } catch {
      throw new SettingsFileError(`${file.path} is not valid JSON. Fix the file or move it away; Punchcard will not overwrite it.`);
    }
    const parsed = parseSettings(raw);
    if (!parsed.ok) {
      throw new SettingsFileError(
        `${file.path} has settings Punchcard cannot use: ${parsed.problems.join('; ')}. Fix the file or move it away; Punchcard will not overwrite it.`,
      );
    }
    return parsed.settings;
  };

  return {
    path: file.path,
    read,
    update(change) {
      const next = SettingsSchema.parse(change(read()));
      // Top-level keys this version does not know (written by a newer app) stay in the file.
      const current = safeRaw(file);
      file.store = { ...current, ...next };
      return next;
    },
  };
}

function safeRaw(file: DocumentFile): Record<string, unknown> {
  const raw = file.store;
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {};
}

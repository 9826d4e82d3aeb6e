// One interface over the JSON-family and TOML editors, chosen by the client's format. A format
// without an editor (YAML, an IDE dialog) is copy-and-paste only.
import type { ConfigFormat } from './config-format.ts';
import { type EntryPatch, readJsonEntry, removeJsonEntry, setJsonEntry } from './json-config.ts';
import { ENTRY_NAME } from './server-entry.ts';
import type { TextFormat } from './text-format.ts';
import { readTomlEntry, removeTomlEntry, setTomlEntry } from './toml-config.ts';

export interface ConfigEditor {
  /** Our entry as the file holds it, `undefined` when there is none; throws ConfigError. */
  read(text: string): unknown;
  /** The text with our entry created or patched; the same text when it already matches. */
  set(text: string, patch: EntryPatch, format: TextFormat): string;
  /** The text without our entry; the same text when there was none. */
  remove(text: string): string;
}

/** What an editor needs to know of a client: its format and where its server map is. */
export interface EditedClient {
  name: string;
  format: ConfigFormat;
  /** Key path of the server map in the config file. */
  container: readonly string[];
}

export function editorFor(client: EditedClient): ConfigEditor {
  const { format, container } = client;
  if (format === 'toml') {
    const location = { container, name: ENTRY_NAME };
    return {
      read: (text) => readTomlEntry(text, location),
      set: (text, patch, textFormat) => setTomlEntry(text, location, patch, textFormat),
      remove: (text) => removeTomlEntry(text, location),
    };
  }
  if (format === 'json' || format === 'json-comments' || format === 'jsonc') {
    const location = { dialect: format, container, name: ENTRY_NAME };
    return {
      read: (text) => readJsonEntry(text, location),
      set: (text, patch, textFormat) => setJsonEntry(text, location, patch, textFormat),
      remove: (text) => removeJsonEntry(text, location),
    };
  }
  throw new Error(`${client.name} is set up by copy and paste; Punchcard has no editor for ${format}.`);
}

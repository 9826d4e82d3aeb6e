// One interface over the JSON-family and TOML editors, chosen by the client's format.
import type { ClientDefinition } from './catalog.ts';
import { type EntryPatch, readJsonEntry, removeJsonEntry, setJsonEntry } from './json-config.ts';
import { ENTRY_NAME } from './server-entry.ts';
import type { TextFormat } from './text-format.ts';
import { readTomlEntry, removeTomlEntry, setTomlEntry } from './toml-config.ts';

export interface ConfigEditor {
  /** Our entry as the file holds it; throws ConfigSyntaxError / ConfigShapeError. */
  read(text: string): unknown;
  set(text: string, patch: EntryPatch, format: TextFormat): string;
  remove(text: string, format: TextFormat): string;
}

export function editorFor(client: ClientDefinition): ConfigEditor {
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
  throw new Error(`${client.name} is configured by copy and paste; Punchcard does not edit its settings.`);
}

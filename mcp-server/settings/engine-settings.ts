// The settings an engine follows: a person's config.json on a desktop (written by the app, read and
// followed here), or the settings the team server gives every person, which never change while it
// runs. The engine decides what a change means (engine/engine.ts); a source only reads and watches.
import type { Settings } from '../contract/settings.ts';
import type { Log } from '../log.ts';
import { readSettingsFile, type SettingsRead } from './settings-file.ts';
import { watchSettingsFile } from './settings-source.ts';

export interface SettingsSource {
  /** Where the settings come from, named in the sentences about them (the file's path). */
  readonly where: string;
  /** The settings as they are now. */
  read(): SettingsRead;
  /** Calls `onChange` when the settings may have changed; returns the stop. */
  watch(onChange: () => void, log: Log): () => void;
}

/** config.json at `path`, read afresh at each call and followed through its folder. */
export function settingsFile(path: string): SettingsSource {
  return { where: path, read: () => readSettingsFile(path), watch: (onChange, log) => watchSettingsFile(path, onChange, log) };
}

/** Settings given once (the team server's, named for one person). */
export function fixedSettings(settings: Settings, where = 'the server configuration'): SettingsSource {
  const read: SettingsRead = { settings, text: null, problem: null, notes: [] };
  return { where, read: () => read, watch: () => () => {} };
}

// Reads `config.json`, which the app writes, and follows its changes. The engine never writes the
// file: a missing file means defaults, and an invalid one is reported on stderr and left exactly as
// it is, so the person can fix what they typed.
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { defaultSettings, parseSettings, type Settings } from '../contract/settings.ts';

export const SETTINGS_FILE_NAME = 'config.json';

export interface SettingsRead {
  settings: Settings;
  /** The raw text the settings came from, to tell real changes from repeated events. */
  text: string | null;
  /** False when the file exists but could not be used; `settings` are then the defaults. */
  valid: boolean;
}

export function readSettingsFile(path: string, log: (message: string) => void): SettingsRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: defaultSettings(), text: null, valid: true };
    log(`Could not read ${path} (${(error as Error).message}); using default settings.`);
    return { settings: defaultSettings(), text: null, valid: false };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    log(`${path} is not valid JSON (${(error as Error).message}).`);
    return { settings: defaultSettings(), text, valid: false };
  }
  const parsed = parseSettings(raw);
  if (!parsed.ok) {
    log(`${path} has invalid settings:\n  ${parsed.problems.join('\n  ')}`);
    return { settings: defaultSettings(), text, valid: false };
  }
  return { settings: parsed.settings, text, valid: true };
}

/**
 * Calls `onChange` after the file changes. It watches the folder, not the file: the app replaces
 * the file atomically (write a temporary file, rename it over), which a watch on the old file's
 * inode would never see. Events come in bursts, so they are coalesced.
 */
export function watchSettingsFile(path: string, onChange: () => void, log: (message: string) => void): () => void {
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, filename) => {
      if (filename !== null && filename !== name) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, 30);
    });
  } catch (error) {
    log(`Cannot watch ${path} for changes (${(error as Error).message}); restart the server after editing settings.`);
    return () => {};
  }
  watcher.on('error', (error) => log(`Stopped watching ${path}: ${error.message}`));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}

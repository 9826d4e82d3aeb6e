// Where config.json is and how its text is read and followed: the part of reading settings that
// needs no zod, so the engine's start can tell "no file" (the defaults) from "a file to validate"
// before loading the schema. The engine never writes the file.
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export const SETTINGS_FILE_NAME = 'config.json';

/** The file's text; `null` when there is none (`missing`) or it cannot be read (said in the log). */
export function readSettingsText(path: string, log: (message: string) => void): { text: string | null; missing: boolean } {
  try {
    return { text: readFileSync(path, 'utf8'), missing: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: null, missing: true };
    log(`Could not read ${path} (${(error as Error).message}); using default settings.`);
    return { text: null, missing: false };
  }
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

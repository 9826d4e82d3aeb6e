// Where config.json is, how its text is read and followed, and the words for a file that cannot be
// used: the part of reading settings that needs no zod, so the engine's start can tell "no file"
// (the defaults) from "a file to validate" before loading the schema. The engine never writes the file.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export const SETTINGS_FILE_NAME = 'config.json';

/** How it is read (small-text-file.ts); also what the settings' own readers name. */
export { firstInvalidUtf8, jsonPathAt, readSmallTextFile, SMALL_FILE_MAX_BYTES as SETTINGS_MAX_BYTES } from '../small-text-file.ts';

/** The sentence whoami, the log and the app's window give for a settings file that cannot be used. */
export function settingsProblem(path: string, problem: string): string {
  return `The settings file ${path} cannot be used: ${problem}. Nothing is read from or written to any timesheet until it is fixed; correct the file, or move it away to start over (Punchcard never changes it).`;
}

/** Says on stderr why the file cannot be used, or which of its settings fell back. */
export function reportSettings(path: string, read: { problem: string | null; notes: readonly string[] }, log: (message: string) => void): void {
  if (read.problem !== null) log(settingsProblem(path, read.problem));
  for (const note of read.notes) log(`${path}: ${note}`);
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

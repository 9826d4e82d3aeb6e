// Reads `config.json`, which the app writes. A missing file means defaults. A file that cannot say
// where data goes (unreadable, not JSON, another schema version, a back end that does not validate)
// is a `problem`: the engine then reads and writes nothing until it is fixed. Any other field that
// does not validate falls back on its own, with a note. The file is never touched.
import { type Settings } from '../contract/settings.ts';
import { defaultSettings } from '../contract/default-settings.ts';
import { parseSettings } from '../contract/parse-settings.ts';
import { readSmallTextFile } from './settings-source.ts';

export interface SettingsRead {
  /** What the engine uses: the defaults when there is a problem. */
  settings: Settings;
  /** The raw text the settings came from, to tell real changes from repeated events. */
  text: string | null;
  /** Why the file cannot be used at all ("it is not valid JSON …", see settingsProblem); null when it can. */
  problem: string | null;
  /** Each setting that did not validate and what is used instead. */
  notes: readonly string[];
}

export function readSettingsFile(path: string): SettingsRead {
  const read = readSmallTextFile(path);
  if ('missing' in read) return { settings: defaultSettings(), text: null, problem: null, notes: [] };
  if ('problem' in read) return unusable(read.problem, null);
  return settingsFromText(read.text);
}

/** Validates a settings file's text. */
export function settingsFromText(text: string): SettingsRead {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return unusable(`it is not valid JSON (${(error as Error).message})`, text);
  }
  const verdict = parseSettings(raw);
  if (!verdict.ok) return unusable(verdict.problem, text);
  return { settings: verdict.settings, text, problem: null, notes: verdict.notes };
}

function unusable(problem: string, text: string | null): SettingsRead {
  return { settings: defaultSettings(), text, problem, notes: [] };
}

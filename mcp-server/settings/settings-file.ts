// Reads `config.json`, which the app writes: a missing file means defaults, and an invalid one is
// reported on stderr and left exactly as it is, so the person can fix what they typed.
import { defaultSettings, parseSettings, type Settings } from '../contract/settings.ts';
import { readSettingsText } from './settings-source.ts';

export interface SettingsRead {
  settings: Settings;
  /** The raw text the settings came from, to tell real changes from repeated events. */
  text: string | null;
  /** False when the file exists but could not be used; `settings` are then the defaults. */
  valid: boolean;
}

export function readSettingsFile(path: string, log: (message: string) => void): SettingsRead {
  const { text, missing } = readSettingsText(path, log);
  if (text === null) return { settings: defaultSettings(), text: null, valid: missing };
  return settingsFromText(text, path, log);
}

/** Validates the text of the file at `path` (named in what is logged). */
export function settingsFromText(text: string, path: string, log: (message: string) => void): SettingsRead {
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

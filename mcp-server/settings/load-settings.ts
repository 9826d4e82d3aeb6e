// The engine's start reads settings through this: without a config.json the defaults do; a file
// this build already validated is taken from the memo (checked-settings.ts); only a new or changed
// file loads zod to be checked.
import { defaultSettings } from '../contract/default-settings.ts';
import { recallCheckedSettings, rememberCheckedSettings } from './checked-settings.ts';
import type { SettingsRead } from './settings-file.ts';
import { readSettingsText } from './settings-source.ts';

export interface LoadedSettings extends SettingsRead {
  /** True when the schema ran in this process (not when the memo answered). */
  checkedNow: boolean;
}

export async function loadSettingsFile(path: string, log: (message: string) => void, memo: { folder: string; build: string }): Promise<LoadedSettings> {
  const { text, missing } = readSettingsText(path, log);
  if (text === null) return { settings: defaultSettings(), text: null, valid: missing, checkedNow: false };
  const recalled = recallCheckedSettings(memo.folder, text, memo.build);
  if (recalled) return { settings: recalled, text, valid: true, checkedNow: false };
  const { settingsFromText } = await import('./settings-file.ts');
  const read = settingsFromText(text, path, log);
  if (read.valid) rememberCheckedSettings(memo.folder, text, read.settings, memo.build);
  return { ...read, checkedNow: true };
}

// The engine's start reads settings through this: without a config.json the defaults do; a file
// this build already validated is taken from the memo (checked-settings.ts); only a new or changed
// file loads zod to be checked.
import { defaultSettings } from '../contract/default-settings.ts';
import { recallCheckedSettings, rememberCheckedSettings } from './checked-settings.ts';
import type { SettingsRead } from './settings-file.ts';
import { readSmallTextFile } from './settings-source.ts';

export interface LoadedSettings extends SettingsRead {
  /** True when this process judged a file (not when the memo answered or there is none). */
  checkedNow: boolean;
}

export async function loadSettingsFile(path: string, memo: { folder: string; build: string }): Promise<LoadedSettings> {
  const read = readSmallTextFile(path);
  if ('missing' in read) return { settings: defaultSettings(), text: null, problem: null, notes: [], checkedNow: false };
  if ('problem' in read) return { settings: defaultSettings(), text: null, problem: read.problem, notes: [], checkedNow: true };
  const recalled = recallCheckedSettings(memo.folder, read.text, memo.build);
  if (recalled) return { settings: recalled, text: read.text, problem: null, notes: [], checkedNow: false };
  const { settingsFromText } = await import('./settings-file.ts');
  const checked = settingsFromText(read.text);
  // Only a file that needed no fallback is remembered: the notes are said again on every start.
  if (checked.problem === null && checked.notes.length === 0) rememberCheckedSettings(memo.folder, read.text, checked.settings, memo.build);
  return { ...checked, checkedNow: true };
}

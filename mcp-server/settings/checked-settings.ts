// A memo of the last config.json this build validated, so that a start whose file has not changed
// since needs no zod (loading and running the schema is most of a start's cost otherwise). It holds
// the file's exact text and what the schema made of it; it is used only when both the text and the
// build match, so it can never say anything the schema would not. Only valid settings are kept:
// a broken file is checked, and reported, on every start.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFileAtomically } from '../private-files.ts';
import { backEndOf, isBackEndType } from '../contract/back-ends.ts';
import type { Settings } from '../contract/settings.ts';

export const CHECKED_SETTINGS_FILE_NAME = 'config.checked.json';

interface Memo {
  build: string;
  text: string;
  settings: Settings;
}

export function recallCheckedSettings(userDataDir: string, text: string, build: string): Settings | undefined {
  try {
    const memo = JSON.parse(readFileSync(join(userDataDir, CHECKED_SETTINGS_FILE_NAME), 'utf8')) as Partial<Memo>;
    if (memo.build !== build || memo.text !== text || !hasOpeningFields(memo.settings)) return undefined;
    return memo.settings;
  } catch {
    return undefined;
  }
}

/** Best effort: a folder that cannot be written only means the next start checks again. */
export function rememberCheckedSettings(userDataDir: string, text: string, settings: Settings, build: string): void {
  try {
    // A copy of config.json: the person's alone, like the file itself (../private-files.ts).
    writePrivateFileAtomically(join(userDataDir, CHECKED_SETTINGS_FILE_NAME), JSON.stringify({ build, text, settings } satisfies Memo));
  } catch {
    // Nothing to do: the memo is an optimisation.
  }
}

/** The memo is a file like any other: what the opening reads from it must at least have its shape. */
function hasOpeningFields(settings: unknown): settings is Settings {
  const { tools, provider } = (settings ?? {}) as Partial<Settings>;
  return (
    typeof tools === 'object' &&
    tools !== null &&
    typeof tools.readOnly === 'boolean' &&
    typeof tools.groups === 'object' &&
    typeof tools.enabled === 'object' &&
    typeof provider === 'object' &&
    provider !== null &&
    hasProfileFields(provider)
  );
}

/** A profile of a back end this build has, with the address and e-mail its descriptor says it holds. */
function hasProfileFields(provider: Settings['provider']): boolean {
  if (!isBackEndType(provider.type)) return false;
  const text = (value: unknown) => typeof value === 'string' && value !== '';
  const fields = provider as unknown as Record<string, unknown>;
  return backEndOf(provider.type).fields.every((field) => (field.kind === 'url' || field.kind === 'email' ? text(fields[field.kind]) : true));
}

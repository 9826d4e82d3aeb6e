// The person's update setting and when the app last looked, in `updates.json` beside `config.json`
// (docs/decisions.md, "Updates that install themselves"). The app alone reads and writes it, and the
// engine never needs it, so it is not part of the settings schema the engine shares. A file that
// cannot be read counts as the defaults ("tell me", never looked) and is replaced at the next change:
// nothing in it is worth more than the person's next click.
import type { DocumentFile } from '../settings/settings-store.ts';
import { UPDATE_MODES, type UpdateMode } from '../../window-contract/updates.ts';

export interface UpdatePreferences {
  mode: UpdateMode;
  /** Epoch ms of the last look at the feed, or null. */
  lastCheckedAt: number | null;
}

export const DEFAULT_UPDATE_PREFERENCES: UpdatePreferences = { mode: 'notify', lastCheckedAt: null };

export interface UpdatePreferencesStore {
  read(): UpdatePreferences;
  write(change: Partial<UpdatePreferences>): UpdatePreferences;
}

export function createUpdatePreferences(file: DocumentFile): UpdatePreferencesStore {
  const read = (): UpdatePreferences => {
    let raw: Record<string, unknown>;
    try {
      raw = file.store;
    } catch {
      return DEFAULT_UPDATE_PREFERENCES;
    }
    const mode = UPDATE_MODES.find((candidate) => candidate === raw.mode) ?? DEFAULT_UPDATE_PREFERENCES.mode;
    const last = raw.lastCheckedAt;
    return { mode, lastCheckedAt: typeof last === 'number' && Number.isFinite(last) && last > 0 ? last : null };
  };
  return {
    read,
    write(change) {
      const next = { ...read(), ...change };
      file.store = { schemaVersion: 1, mode: next.mode, lastCheckedAt: next.lastCheckedAt };
      return next;
    },
  };
}

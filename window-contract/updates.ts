// The window's contract for the app's updates: what they are doing, in words, and what the person may
// do. The words and the rules behind them are main's (main/updates/update-model.ts).
import * as z from 'zod/v4';
import { none } from './request-parts.ts';

/** The person's setting (Preferences): install by itself, tell me, or never look. */
export const UPDATE_MODES = ['auto', 'notify', 'never'] as const;
export type UpdateMode = (typeof UPDATE_MODES)[number];

/** Plain data for the window and the tray (it crosses IPC by structured clone). */
export interface UpdateView {
  currentVersion: string;
  mode: UpdateMode;
  /** The one sentence for the current state. */
  words: string;
  /** The same in a few words, for the tray menu ("up to date", "downloading 1.2.0 (40 %)"). */
  brief: string;
  /** `busy` while checking or downloading; `attention` for a failure; `ready` when a restart installs it. */
  tone: 'quiet' | 'busy' | 'ready' | 'attention';
  /** "Restart to update" is offered (the update is downloaded and verified). */
  canRestart: boolean;
  /** "Check for updates" is offered. */
  canCheck: boolean;
  /** The mode setting can be changed (not when the organisation or the kind of install decides). */
  canChoose: boolean;
  /** The version that a restart installs, or null. */
  readyVersion: string | null;
}

export const updatesChannels = {
  /** The app's updates: what they are doing, in words, and what the person may do (main/updates/). */
  getUpdates: { request: none, response: {} as UpdateView },
  setUpdateMode: { request: z.object({ mode: z.enum(UPDATE_MODES) }).strict(), response: {} as UpdateView },
  checkForUpdates: { request: none, response: {} as UpdateView },
  /** Quits and installs the downloaded, verified update. */
  installUpdate: { request: none, response: null },
} as const;

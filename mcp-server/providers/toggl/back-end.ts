// Toggl Track's engine side (providers/back-ends.ts): what the workspace is remembered to offer, and its tracker from
// its own chunk. No organisation account: each person connects their own token (cells.ts).
import type { RemoteEngineSide } from '../engine-side.ts';
import { rememberedTogglCapabilities } from './cells.ts';

export const TOGGL_ENGINE: RemoteEngineSide<'toggl'> = {
  known: (userDataDir, profile) => rememberedTogglCapabilities(userDataDir, profile),
  tracker: async () => (await import('./tracker.ts')).loadTogglTracker(),
};

// Tempo Timesheets' engine side (providers/back-ends.ts): what the site is remembered to offer, and its tracker from
// its own chunk. No organisation account: each person connects their own tokens (cells.ts).
import type { RemoteEngineSide } from '../engine-side.ts';
import { rememberedTempoCapabilities } from './cells.ts';

export const TEMPO_ENGINE: RemoteEngineSide<'tempo'> = {
  known: (userDataDir, profile) => rememberedTempoCapabilities(userDataDir, profile),
  tracker: async () => (await import('./tracker.ts')).loadTempoTracker(),
};

// Harvest's engine side (providers/back-ends.ts): what the account is remembered to offer, and its tracker from its
// own chunk. No organisation account: each person connects their own token (cells.ts).
import type { RemoteEngineSide } from '../engine-side.ts';
import { rememberedHarvestCapabilities } from './cells.ts';

export const HARVEST_ENGINE: RemoteEngineSide<'harvest'> = {
  known: (userDataDir, profile) => rememberedHarvestCapabilities(userDataDir, profile),
  tracker: async () => (await import('./tracker.ts')).loadHarvestTracker(),
};

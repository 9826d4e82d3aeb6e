// Calamari's engine side (providers/back-ends.ts): what the account is remembered to offer, and its
// tracker from its own chunk. No organisation account: Calamari's key is the organisation's by nature
// (cells.ts).
import type { RemoteEngineSide } from '../engine-side.ts';
import { rememberedCalamariCapabilities } from './cells.ts';

export const CALAMARI_ENGINE: RemoteEngineSide<'calamari'> = {
  known: (userDataDir, profile) => rememberedCalamariCapabilities(userDataDir, profile),
  tracker: async () => (await import('./tracker.ts')).loadCalamariTracker(),
};

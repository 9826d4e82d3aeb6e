// Calamari's engine side (providers/back-ends.ts): what the account is remembered to offer, and its
// tracker from its own chunk.
import type { RemoteEngineSide } from '../engine-side.ts';
import { rememberedCalamariCapabilities } from './capabilities.ts';

export const CALAMARI_ENGINE: RemoteEngineSide<'calamari'> = {
  known: (userDataDir, profile) => rememberedCalamariCapabilities(userDataDir, profile),
  tracker: async () => (await import('./calamari-tracker.ts')).createCalamariTracker,
};

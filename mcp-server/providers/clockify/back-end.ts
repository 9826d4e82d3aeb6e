// Clockify's engine side (providers/back-ends.ts): what the account is remembered to offer, and its
// tracker from its own chunk.
import type { RemoteEngineSide } from '../engine-side.ts';
import { rememberedClockifyCapabilities } from './capabilities.ts';

export const CLOCKIFY_ENGINE: RemoteEngineSide<'clockify'> = {
  known: (userDataDir, profile) => rememberedClockifyCapabilities(userDataDir, profile),
  tracker: async () => (await import('./clockify-tracker.ts')).createClockifyTracker,
};

// Clockodo's engine side (providers/back-ends.ts): what the account is remembered to offer, its
// tracker and the organisation account the team server acts for people with, each from its own chunk.
import type { RemoteEngineSide } from '../engine-side.ts';
import { rememberedClockodoCapabilities } from './cells.ts';

export const CLOCKODO_ENGINE: RemoteEngineSide<'clockodo'> = {
  known: (userDataDir, profile) => rememberedClockodoCapabilities(userDataDir, profile),
  tracker: async () => (await import('./tracker.ts')).loadClockodoTracker(),
  organisation: async () => (await import('./organisation-account.ts')).createClockodoOrganisationAccount,
};

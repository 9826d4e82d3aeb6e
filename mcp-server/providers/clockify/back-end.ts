// Clockify's engine side (providers/back-ends.ts): what the account is remembered to offer, its tracker
// and its organisation account (the team server's, organisation-account.ts), each from its own chunk.
import type { RemoteEngineSide } from '../engine-side.ts';
import { rememberedClockifyCapabilities } from './cells.ts';

export const CLOCKIFY_ENGINE: RemoteEngineSide<'clockify'> = {
  known: (userDataDir, profile) => rememberedClockifyCapabilities(userDataDir, profile),
  tracker: async () => (await import('./tracker.ts')).loadClockifyTracker(),
  organisation: async () => (await import('./organisation-account.ts')).createClockifyOrganisationAccount,
};

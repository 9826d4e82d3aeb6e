// Clockify's engine side (providers/back-ends.ts): what the account is remembered to offer, its tracker
// and its organisation account (the team server's, organisation-account.ts) from its own chunk.
import type { RemoteEngineSide } from '../engine-side.ts';
import { rememberedClockifyCapabilities } from './capabilities.ts';

export const CLOCKIFY_ENGINE: RemoteEngineSide<'clockify'> = {
  known: (userDataDir, profile) => rememberedClockifyCapabilities(userDataDir, profile),
  tracker: async () => (await import('./clockify-tracker.ts')).createClockifyTracker,
  organisation: async () => (await import('./organisation-account.ts')).createClockifyOrganisationAccount,
};

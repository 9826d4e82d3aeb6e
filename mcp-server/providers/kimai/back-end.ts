// Kimai's engine side (providers/back-ends.ts): what a Kimai is remembered to offer, keyed by its
// address, its tracker and its organisation account (providers/acting-for.ts), each from its own chunk.
import type { RemoteEngineSide } from '../engine-side.ts';
import { rememberedKimaiCapabilities } from './cells.ts';

export const KIMAI_ENGINE: RemoteEngineSide<'kimai'> = {
  known: (userDataDir, profile) => rememberedKimaiCapabilities(userDataDir, profile.url),
  tracker: async () => (await import('./tracker.ts')).loadKimaiTracker(),
  organisation: async () => (await import('./organisation-account.ts')).createKimaiOrganisationAccount,
};

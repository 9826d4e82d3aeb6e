// What a back end can do as far as is known before it is asked: the local timesheet everything, a
// remote one what the last start learned (remembered in the data folder). The opening of a
// connection lists tools from this without loading the back end; the tracker starts from the same.
import type { ProviderProfile } from '../contract/settings.ts';
import { rememberedKimaiCapabilities } from './kimai/capabilities.ts';
import { LOCAL_CAPABILITIES } from './local/capabilities.ts';
import type { Capability } from './time-tracker.ts';

export function knownCapabilities(profile: ProviderProfile, userDataDir: string): ReadonlySet<Capability> {
  return profile.type === 'local' ? LOCAL_CAPABILITIES : rememberedKimaiCapabilities(userDataDir, profile.url);
}
